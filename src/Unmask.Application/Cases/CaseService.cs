using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Unmask.Application.Graph;
using Unmask.Domain;
using Unmask.Storage;

namespace Unmask.Application.Cases;

/// <summary>A decision on a case: what was decided, why, by whom and when.</summary>
public sealed record CaseDecision(
    [property: JsonPropertyName("decision")] string Decision,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("by")] string By,
    [property: JsonPropertyName("at")] DateTimeOffset At);

/// <summary>An investigation of one entity or cluster: its members (graph node ids), attached findings and decisions.</summary>
public sealed record Case(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("opened_by")] string OpenedBy,
    [property: JsonPropertyName("opened_at")] DateTimeOffset OpenedAt,
    [property: JsonPropertyName("members")] IReadOnlyList<string> Members,
    [property: JsonPropertyName("findings")] IReadOnlyList<string> Findings,
    [property: JsonPropertyName("decisions")] IReadOnlyList<CaseDecision> Decisions);

/// <summary>The Cases use case: open a case on an entity or cluster, record decisions. Every change of a case (and of
/// the findings and decisions it holds) is written together with its audit entry, so the two cannot disagree.</summary>
public sealed class CaseService(IUnmaskStore store, TimeProvider time)
{
    public const string CasesCollection = "cases";
    public static readonly IReadOnlyList<string> Decisions = ["cleared", "escalated", "reported"];

    public async Task<Case> OpenAsync(string subject, string actor, CancellationToken cancellationToken)
    {
        var graph = await new GraphService(store).LoadAsync(cancellationToken);
        string resolved;
        IReadOnlyList<string> members;
        var cluster = subject.StartsWith("cluster-", StringComparison.Ordinal)
            ? graph.Clusters().FirstOrDefault(c => c.Id == subject || c.Anchor == subject)
            : null;
        if (cluster is not null)
        {
            resolved = cluster.Id;
            members = [.. cluster.Members.Select(m => m.Node)];
        }
        else if (subject.StartsWith("cluster-", StringComparison.Ordinal))
        {
            throw new InputException("case open", null, $"no cluster '{subject}' (see 'unmask graph clusters')");
        }
        else
        {
            Unmask.LinkGraph.Queries.NodeResolution node;
            try
            {
                node = graph.ResolveNode(subject);
            }
            catch (Unmask.LinkGraph.Model.UnknownNodeException)
            {
                throw new InputException("case open", null, $"no entity or node matches '{subject}' (use a node id such as vendor:V-3 or a cluster id; run 'unmask graph build' first)");
            }
            resolved = node.Node.Id;
            var inCluster = graph.Clusters(1).FirstOrDefault(c => c.Members.Any(m => m.Node == resolved));
            members = inCluster is null ? [resolved] : [.. inCluster.Members.Select(m => m.Node)];
        }
        var findings = await FindingsOfAsync(members, cancellationToken);
        var existing = await ListAsync(cancellationToken);
        var id = $"case-{existing.Count + 1}";
        var opened = new Case(id, resolved, "open", actor, time.GetUtcNow(), members, findings, []);
        await SaveAsync(opened, actor, "case.open", $"subject {resolved}; {members.Count} members, {findings.Count} findings", cancellationToken);
        return opened;
    }

    public async Task<Case> DecideAsync(string id, string decision, string reason, string actor, CancellationToken cancellationToken)
    {
        if (!Decisions.Contains(decision))
        {
            throw new InputException("--decision", null, $"'{decision}' is not one of {string.Join(", ", Decisions)}");
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new InputException("--reason", null, "a decision needs a reason (it is kept in the audit log)");
        }
        var current = await GetAsync(id, cancellationToken);
        var decided = current with
        {
            Status = decision,
            Decisions = [.. current.Decisions, new CaseDecision(decision, reason.Trim(), actor, time.GetUtcNow())],
        };
        await SaveAsync(decided, actor, "case.decide", $"{decision}: {reason.Trim()}", cancellationToken);
        return decided;
    }

    public async Task<Case> GetAsync(string id, CancellationToken cancellationToken) =>
        await store.Documents.GetAsync(CasesCollection, id, cancellationToken) is { } body
            ? JsonSerializer.Deserialize<Case>(body)!
            : throw new InputException("case", null, $"no case '{id}' (see 'unmask case list')");

    public async Task<IReadOnlyList<Case>> ListAsync(CancellationToken cancellationToken)
    {
        var cases = new List<Case>();
        await foreach (var (_, body) in store.Documents.ListAsync(CasesCollection, cancellationToken))
        {
            cases.Add(JsonSerializer.Deserialize<Case>(body)!);
        }
        return [.. cases.OrderBy(c => int.Parse(c.Id["case-".Length..], CultureInfo.InvariantCulture))];
    }

    /// <summary>Checks the audit log and replays it against the stored cases. A case changed behind the log's back is
    /// reported with the status the store now shows.</summary>
    public async Task<AuditVerification> VerifyAuditAsync(CancellationToken cancellationToken)
    {
        var verification = await store.Audit.VerifyAsync(cancellationToken);
        if (verification.Problem is { Where: var where } problem && where.StartsWith(CasesCollection + "/", StringComparison.Ordinal)
            && await store.Documents.GetAsync(CasesCollection, where[(CasesCollection.Length + 1)..], cancellationToken) is { } body)
        {
            var status = JsonSerializer.Deserialize<Case>(body)?.Status;
            return verification with { Problem = problem with { Reason = $"{problem.Reason}; the store now says status '{status}'" } };
        }
        return verification;
    }

    private Task SaveAsync(Case item, string actor, string action, string details, CancellationToken cancellationToken) =>
        store.Audit.AppendAsync(actor, action, item.Id, details,
            new AuditedWrite(CasesCollection, [new(item.Id, JsonSerializer.Serialize(item))]), cancellationToken);

    /// <summary>The vetting findings of the case's records, attached to the case as "record: CODE: evidence".</summary>
    private async Task<IReadOnlyList<string>> FindingsOfAsync(IReadOnlyList<string> members, CancellationToken cancellationToken)
    {
        var findings = new List<string>();
        foreach (var member in members)
        {
            foreach (var finding in await new Vetting.VettingService(store, time).FindingsOfAsync(member, cancellationToken))
            {
                findings.Add($"{member}: {finding.Code}: {finding.Evidence}");
            }
        }
        return findings;
    }
}

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

/// <summary>An investigation of one entity or cluster: its members (graph node ids), attached findings and decisions.
/// <see cref="Version"/> is 1 when opened and one more with every decision; a decision names the version it was made on.</summary>
public sealed record Case(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("opened_by")] string OpenedBy,
    [property: JsonPropertyName("opened_at")] DateTimeOffset OpenedAt,
    [property: JsonPropertyName("members")] IReadOnlyList<string> Members,
    [property: JsonPropertyName("findings")] IReadOnlyList<string> Findings,
    [property: JsonPropertyName("decisions")] IReadOnlyList<CaseDecision> Decisions);

/// <summary>The Cases use case: open a case on an entity or cluster, record decisions. Every change of a case (and of
/// the findings and decisions it holds) is written together with its audit entry, so the two cannot disagree; a decision
/// made on a version another decision has replaced is refused (<see cref="CaseConflictException"/>) and audited.</summary>
public sealed class CaseService(IUnmaskStore store, TimeProvider time)
{
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
        return ToCase(await store.Cases.OpenAsync(new NewCase(resolved, actor, time.GetUtcNow(), members, findings), cancellationToken));
    }

    /// <summary>Records a decision made on <paramref name="expectedVersion"/> of the case, or, when null, on the version
    /// it is at now (read here, so a decision recorded by someone else between this read and the write still conflicts).</summary>
    /// <exception cref="CaseConflictException">The case is no longer at that version; nothing changed, the attempt is audited.</exception>
    public async Task<Case> DecideAsync(string id, string decision, string reason, string actor, int? expectedVersion, CancellationToken cancellationToken)
    {
        if (!Decisions.Contains(decision))
        {
            throw new InputException("--decision", null, $"'{decision}' is not one of {string.Join(", ", Decisions)}");
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new InputException("--reason", null, "a decision needs a reason (it is kept in the audit log)");
        }
        if (expectedVersion is < 1)
        {
            throw new InputException("--expect-version", null, $"'{expectedVersion}' is not a version: a case starts at version 1 (see 'unmask case show {id}')");
        }
        var version = expectedVersion ?? (await GetAsync(id, cancellationToken)).Version;
        var decided = await store.Cases.DecideAsync(id, version, new CaseDecisionRow(decision, reason.Trim(), actor, time.GetUtcNow()), cancellationToken);
        return ToCase(decided);
    }

    public async Task<Case> GetAsync(string id, CancellationToken cancellationToken) =>
        await store.Cases.GetAsync(id, cancellationToken) is { } stored
            ? ToCase(stored)
            : throw new InputException("case", null, $"no case '{id}' (see 'unmask case list')");

    public async Task<IReadOnlyList<Case>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await store.Cases.ListAsync(cancellationToken)).Select(ToCase)];

    /// <summary>Checks the audit log and replays it against the stored cases. A case changed behind the log's back is
    /// reported with the status the store now shows.</summary>
    public async Task<AuditVerification> VerifyAuditAsync(CancellationToken cancellationToken)
    {
        var verification = await store.Audit.VerifyAsync(cancellationToken);
        if (verification.Problem is { Where: var where } problem && where.StartsWith(CaseDocument.Collection + "/", StringComparison.Ordinal)
            && await store.Cases.GetAsync(where[(CaseDocument.Collection.Length + 1)..], cancellationToken) is { } stored)
        {
            return verification with { Problem = problem with { Reason = $"{problem.Reason}; the store now says status '{stored.Status}' at version {stored.Version}" } };
        }
        return verification;
    }

    private static Case ToCase(StoredCase stored) =>
        new(stored.Id, stored.Subject, stored.Status, stored.Version, stored.OpenedBy, stored.OpenedAt, stored.Members, stored.Findings,
            [.. stored.Decisions.Select(d => new CaseDecision(d.Decision, d.Reason, d.By, d.At))]);

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

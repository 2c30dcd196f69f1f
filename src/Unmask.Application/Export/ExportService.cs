using System.Globalization;
using System.Text.Json;
using Unmask.Application.Cases;
using Unmask.Application.Graph;
using Unmask.Application.Io;
using Unmask.Application.Vetting;
using Unmask.Domain;
using Unmask.LinkGraph.Export;
using Unmask.LinkGraph.Model;
using Unmask.Storage;

namespace Unmask.Application.Export;

/// <summary>The formats <c>unmask export</c> writes.</summary>
public enum ExportFormat
{
    Stix,
    Ftm,
    GraphMl,
    Csv,
    Html,
}

/// <summary>What an export wrote: the file, how many graph nodes, list entities and cases it covers, and how many STIX
/// object times it kept or changed in the store (0 for the other formats).</summary>
public sealed record ExportSummary(string Path, ExportFormat Format, int Nodes, int Entities, int Cases, int ObjectTimesChanged);

/// <summary>
/// The Export use case: assembles <see cref="ExportContent"/> from the store (the graph or one case's part of it, the full
/// list entities behind its <c>entity:</c> nodes and the context entities tied to them, their datasets with publishers,
/// the cases with findings, decisions and audit entries, and the STIX object times kept from earlier exports), writes one
/// format atomically, keeps the STIX object times the writer returns, and records the export in the audit log.
/// </summary>
public sealed class ExportService(IUnmaskStore store, TimeProvider time)
{
    /// <summary>The audit action of an export. Export entries are left out of a case's exported audit trail: otherwise
    /// every export would change the next one.</summary>
    public const string ExportAction = "export";

    public static ExportFormat ParseFormat(string text) => text.Trim().ToLowerInvariant() switch
    {
        "stix" => ExportFormat.Stix,
        "ftm" => ExportFormat.Ftm,
        "graphml" => ExportFormat.GraphMl,
        "csv" => ExportFormat.Csv,
        "html" => ExportFormat.Html,
        var other => throw new InputException("--format", null, $"'{other}' is not one of stix, ftm, graphml, csv, html"),
    };

    /// <summary>Writes the whole graph (<paramref name="caseId"/> null) or one case to <paramref name="path"/>.</summary>
    public async Task<ExportSummary> ExportAsync(ExportFormat format, string? caseId, string path, string actor, CancellationToken cancellationToken)
    {
        var content = await AssembleAsync(caseId, cancellationToken);
        IReadOnlyDictionary<string, StixObjectTime> times = new Dictionary<string, StixObjectTime>(StringComparer.Ordinal);
        await AtomicFile.WriteAsync(path, (stream, _) =>
        {
            switch (format)
            {
                case ExportFormat.Stix:
                    times = StixBundleWriter.Write(content, stream);
                    break;
                case ExportFormat.Ftm:
                    FtmWriter.Write(content, stream);
                    break;
                case ExportFormat.GraphMl:
                    GraphMlWriter.Write(content.Selection, stream);
                    break;
                case ExportFormat.Csv:
                    CsvEdgesWriter.WriteEdges(content.Selection, stream);
                    break;
                default:
                    HtmlReportWriter.Write(content, stream, new HtmlReportOptions(caseId is null ? "Unmask network" : $"Unmask {caseId}"));
                    break;
            }
            return Task.CompletedTask;
        }, cancellationToken);
        var changed = await KeepObjectTimesAsync(content.ObjectTimes, times, cancellationToken);
        var name = format.ToString().ToLowerInvariant();
        await store.Audit.AppendAsync(actor, ExportAction, caseId ?? "graph", $"{name} to {Path.GetFileName(path)}", cancellationToken);
        return new ExportSummary(Path.GetFullPath(path), format, content.Selection.CountNodes(), content.Entities.Count, content.Cases.Count, changed);
    }

    /// <summary>Everything an export of the graph (<paramref name="caseId"/> null) or of one case writes.</summary>
    public async Task<ExportContent> AssembleAsync(string? caseId, CancellationToken cancellationToken)
    {
        var graph = await new GraphService(store).LoadAsync(cancellationToken);
        var cases = new CaseService(store, time);
        IReadOnlyList<Case> chosen = caseId is null ? await cases.ListAsync(cancellationToken) : [await cases.GetAsync(caseId, cancellationToken)];
        GraphSelection selection;
        Dictionary<string, Entity> entities;
        if (caseId is null)
        {
            selection = GraphSelection.All(graph);
            entities = await AllEntitiesAsync(cancellationToken);
        }
        else
        {
            var members = chosen[0].Members.Where(graph.Contains).ToList();
            selection = GraphSelection.Of(graph, members);
            entities = await EntitiesAroundAsync(members.Where(m => NodeIds.KindOf(m) == NodeKind.Entity).Select(NodeIds.ValueOf), cancellationToken);
        }
        var used = entities.Values.SelectMany(e => e.Datasets).ToHashSet(StringComparer.Ordinal);
        var datasets = (await store.Lists.GetDatasetsAsync(cancellationToken))
            .Where(d => caseId is null || used.Contains(d.Dataset))
            .ToDictionary(d => d.Dataset, d => new Dataset(d.Dataset, d.Title, d.Publisher, d.Published, d.Kind), StringComparer.Ordinal);
        return new ExportContent(selection, entities, datasets, await CasesAsync(chosen, cancellationToken), time.GetUtcNow())
        {
            ObjectTimes = await ObjectTimesAsync(cancellationToken),
        };
    }

    /// <summary>The cases as exported: findings with severity, source and data, decisions, and their audit entries.</summary>
    public async Task<IReadOnlyList<CaseExport>> CasesAsync(IReadOnlyList<Case> cases, CancellationToken cancellationToken)
    {
        var audit = await CaseAuditAsync(cases.Select(c => c.Id), cancellationToken);
        var exported = new List<CaseExport>(cases.Count);
        foreach (var item in cases)
        {
            exported.Add(new CaseExport(item.Id, item.Subject, item.Status, item.OpenedBy, item.OpenedAt, item.Members,
                await FindingsAsync(item, cancellationToken),
                [.. item.Decisions.Select(d => new CaseDecisionExport(d.Decision, d.Reason, d.By, d.At))],
                audit.GetValueOrDefault(item.Id) ?? []));
        }
        return exported;
    }

    private async Task<Dictionary<string, Entity>> AllEntitiesAsync(CancellationToken cancellationToken)
    {
        var entities = new Dictionary<string, Entity>(StringComparer.Ordinal);
        await foreach (var entity in store.Lists.GetEntitiesAsync(cancellationToken: cancellationToken))
        {
            entities.TryAdd(entity.Id, entity);
        }
        return entities;
    }

    /// <summary>The list entities behind a case's <c>entity:</c> nodes, the context entities (never targets) that refer to
    /// them (Sanction, Identification, Ownership…), and the context entities they refer to (Address). One pass over the
    /// lists, then a look-up per referred entity not met in it.</summary>
    private async Task<Dictionary<string, Entity>> EntitiesAroundAsync(IEnumerable<string> entityIds, CancellationToken cancellationToken)
    {
        var wanted = entityIds.ToHashSet(StringComparer.Ordinal);
        var entities = new Dictionary<string, Entity>(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return entities;
        }
        var referred = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var entity in store.Lists.GetEntitiesAsync(cancellationToken: cancellationToken))
        {
            if (wanted.Contains(entity.Id))
            {
                entities.TryAdd(entity.Id, entity);
                referred.UnionWith(References(entity));
            }
            else if (!entity.Target && References(entity).Any(wanted.Contains))
            {
                entities.TryAdd(entity.Id, entity);
            }
        }
        foreach (var id in referred.Where(id => !entities.ContainsKey(id)))
        {
            if (await store.Lists.GetEntityAsync(id, cancellationToken) is { Target: false } context)
            {
                entities.TryAdd(context.Id, context);
            }
        }
        return entities;
    }

    private static IEnumerable<string> References(Entity entity) =>
        entity.Properties.Where(p => entity.Schema.FindProperty(p.Key)?.Type == PropertyType.Entity).SelectMany(p => p.Value);

    /// <summary>The case's findings with their severity, source and data from the members' vetting results. A case keeps
    /// each finding as "member: CODE: evidence" (what was found when it was opened); a finding whose member was vetted
    /// again without it keeps its code and evidence with an empty severity and source.</summary>
    private async Task<IReadOnlyList<CaseFindingExport>> FindingsAsync(Case item, CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, IReadOnlyList<CaseFindingExport>>(StringComparer.Ordinal);
        var findings = new List<CaseFindingExport>(item.Findings.Count);
        foreach (var text in item.Findings)
        {
            var member = item.Members.Where(m => text.StartsWith(m + ": ", StringComparison.Ordinal)).MaxBy(m => m.Length);
            var rest = member is null ? text : text[(member.Length + 2)..];
            var colon = rest.IndexOf(": ", StringComparison.Ordinal);
            var code = colon < 0 ? rest : rest[..colon];
            var evidence = colon < 0 ? "" : rest[(colon + 2)..];
            if (member is not null && !results.ContainsKey(member))
            {
                results[member] = await VetFindingsAsync(member, cancellationToken);
            }
            var vetted = member is null ? [] : results[member];
            findings.Add(vetted.FirstOrDefault(f => f.Code == code && f.Evidence == evidence)
                ?? (vetted.FirstOrDefault(f => f.Code == code) is { } sameCode ? sameCode with { Evidence = evidence } : null)
                ?? new CaseFindingExport(member ?? "", code, "", evidence, "", new Dictionary<string, string>(StringComparer.Ordinal)));
        }
        return findings;
    }

    private async Task<IReadOnlyList<CaseFindingExport>> VetFindingsAsync(string member, CancellationToken cancellationToken)
    {
        var findings = new List<CaseFindingExport>();
        foreach (var finding in await new VettingService(store, time).FindingsOfAsync(member, cancellationToken))
        {
            var data = new SortedDictionary<string, string>(StringComparer.Ordinal);
            if (finding.DataJson is not null)
            {
                using var details = JsonDocument.Parse(finding.DataJson);
                foreach (var field in details.RootElement.EnumerateObject())
                {
                    data[field.Name] = field.Value.ValueKind == JsonValueKind.String ? field.Value.GetString()! : field.Value.GetRawText();
                }
            }
            findings.Add(new CaseFindingExport(member, finding.Code, finding.Severity, finding.Evidence, finding.Source, data));
        }
        return findings;
    }

    private async Task<Dictionary<string, IReadOnlyList<CaseAuditExport>>> CaseAuditAsync(IEnumerable<string> caseIds, CancellationToken cancellationToken)
    {
        var wanted = caseIds.ToHashSet(StringComparer.Ordinal);
        var entries = new Dictionary<string, List<CaseAuditExport>>(StringComparer.Ordinal);
        await foreach (var entry in store.Audit.ReadAsync(cancellationToken))
        {
            if (wanted.Contains(entry.Subject) && entry.Action != ExportAction)
            {
                (entries.TryGetValue(entry.Subject, out var list) ? list : entries[entry.Subject] = [])
                    .Add(new CaseAuditExport(entry.Sequence, entry.At, entry.Actor, entry.Action, entry.Details, entry.Hash));
            }
        }
        return entries.ToDictionary(e => e.Key, e => (IReadOnlyList<CaseAuditExport>)e.Value, StringComparer.Ordinal);
    }

    /// <summary>STIX object times by STIX id, kept so that re-exporting an unchanged store gives objects the same
    /// <c>created</c>/<c>modified</c>, hence the same bytes (STIX versioning forbids rewriting an object under the same id and
    /// time with other content, and importers dedupe on id + modified).</summary>
    private async Task<IReadOnlyDictionary<string, StixObjectTime>> ObjectTimesAsync(CancellationToken cancellationToken) =>
        (await store.Exports.GetStixTimesAsync(cancellationToken))
            .ToDictionary(t => t.Key, t => new StixObjectTime(t.Value.ContentHash, t.Value.Created, t.Value.Modified), StringComparer.Ordinal);

    /// <summary>Writes back the times that are new or changed, in one transaction. Returns how many.</summary>
    private async Task<int> KeepObjectTimesAsync(IReadOnlyDictionary<string, StixObjectTime> before, IReadOnlyDictionary<string, StixObjectTime> after, CancellationToken cancellationToken)
    {
        var changed = after.Where(t => !before.TryGetValue(t.Key, out var old) || old != t.Value)
            .Select(t => new StixObjectTimes(t.Key, t.Value.ContentHash, t.Value.Created, t.Value.Modified)).ToList();
        if (changed.Count > 0)
        {
            await store.Exports.PutStixTimesAsync(changed, cancellationToken);
        }
        return changed.Count;
    }
}

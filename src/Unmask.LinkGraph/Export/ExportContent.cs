using Unmask.Domain;

namespace Unmask.LinkGraph.Export;

/// <summary>
/// Everything an export writes, assembled by the application from the store: the part of the graph selected, the full
/// list entities behind its <c>entity:</c> nodes (all names, dates, countries, programs, identifiers), the list datasets
/// with their publishers, and the cases with their decisions, findings and audit entries.
/// </summary>
/// <param name="Entities">List entities by entity id (the node id without <c>entity:</c>): every entity the selection
/// holds, plus the context entities that refer to them (Sanction, Identification, Address, Ownership... read from FtM).</param>
/// <param name="Datasets">The list datasets by name, for <c>datasets</c> and the publisher references.</param>
/// <param name="Cases">The cases to write (all of them for a whole-graph export, one for <c>--case</c>).</param>
/// <param name="ExportedAt">When the export was made. Exporters never put it into an object whose content did not change
/// (re-exporting an unchanged store gives the same bytes); STIX keeps object times in <see cref="ObjectTimes"/>.</param>
public sealed record ExportContent(
    GraphSelection Selection,
    IReadOnlyDictionary<string, Entity> Entities,
    IReadOnlyDictionary<string, Dataset> Datasets,
    IReadOnlyList<CaseExport> Cases,
    DateTimeOffset ExportedAt)
{
    /// <summary>STIX object times kept in the store (id → created/modified and the content hash they were given for).</summary>
    public IReadOnlyDictionary<string, StixObjectTime> ObjectTimes { get; init; } = new Dictionary<string, StixObjectTime>(StringComparer.Ordinal);
}

/// <summary>When Unmask first wrote a STIX object (<c>created</c>) and when its content last changed (<c>modified</c>),
/// with the hash of that content: an export that finds the same hash keeps both times, so re-exports are identical.</summary>
public sealed record StixObjectTime(string ContentHash, DateTimeOffset Created, DateTimeOffset Modified);

/// <summary>An investigation as exported: its members (graph node ids), findings with evidence, decisions and audit entries.</summary>
public sealed record CaseExport(
    string Id,
    string Subject,
    string Status,
    string OpenedBy,
    DateTimeOffset OpenedAt,
    IReadOnlyList<string> Members,
    IReadOnlyList<CaseFindingExport> Findings,
    IReadOnlyList<CaseDecisionExport> Decisions,
    IReadOnlyList<CaseAuditExport> Audit);

/// <summary>A vetting finding of one case member: code, severity, evidence in plain words, its source (INDICATORS.md key)
/// and machine-readable details.</summary>
/// <param name="Subject">The member's node id, e.g. <c>applicant:A-3</c>.</param>
public sealed record CaseFindingExport(
    string Subject,
    string Code,
    string Severity,
    string Evidence,
    string Source,
    IReadOnlyDictionary<string, string> Data);

/// <summary>A decision on a case: what, why, by whom, when.</summary>
public sealed record CaseDecisionExport(string Decision, string Reason, string By, DateTimeOffset At);

/// <summary>One audit-log entry about the case, with its place in the chain.</summary>
public sealed record CaseAuditExport(long Sequence, DateTimeOffset At, string Actor, string Action, string Details, string Hash);

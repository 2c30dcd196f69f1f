namespace Unmask.Storage;

/// <summary>Cases, versioned for optimistic concurrency: every change raises <see cref="StoredCase.Version"/> by one, and
/// a decision made against an older version is refused with a <see cref="CaseConflictException"/> naming the decision
/// that won. Every change is written together with its audit entry; a refused attempt is audited too.</summary>
public interface ICaseStore
{
    /// <summary>Creates the case with the next free id (case-1, case-2...) at version 1, and its audit entry.</summary>
    Task<StoredCase> OpenAsync(NewCase opening, CancellationToken cancellationToken = default);

    /// <summary>Records a decision made on <paramref name="expectedVersion"/> of the case: the case moves to the
    /// decision's status and the next version. When the case is no longer at that version, nothing changes, the attempt
    /// is appended to the audit log (action <c>case.decide.conflict</c>) and a <see cref="CaseConflictException"/> is thrown.</summary>
    Task<StoredCase> DecideAsync(string caseId, int expectedVersion, CaseDecisionRow decision, CancellationToken cancellationToken = default);

    Task<StoredCase?> GetAsync(string caseId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StoredCase>> ListAsync(CancellationToken cancellationToken = default);
}

/// <summary>A case to open: its subject (entity, node or cluster), members (graph node ids) and attached findings.</summary>
public sealed record NewCase(string Subject, string OpenedBy, DateTimeOffset OpenedAt, IReadOnlyList<string> Members, IReadOnlyList<string> Findings);

/// <summary>A decision: cleared, escalated or reported, with the reason, who and when.</summary>
public sealed record CaseDecisionRow(string Decision, string Reason, string By, DateTimeOffset At);

/// <param name="Status">open, or the last decision.</param>
/// <param name="Version">1 when opened; one more with every change.</param>
public sealed record StoredCase(
    string Id,
    string Subject,
    string Status,
    int Version,
    string OpenedBy,
    DateTimeOffset OpenedAt,
    IReadOnlyList<string> Members,
    IReadOnlyList<string> Findings,
    IReadOnlyList<CaseDecisionRow> Decisions);

/// <summary>A decision made against a version of a case that another decision has replaced.</summary>
public sealed class CaseConflictException(string caseId, int attemptedVersion, int currentVersion, CaseDecisionRow? winner)
    : Exception($"case {caseId} changed while you decided: your decision was made on version {attemptedVersion}, it is now at version {currentVersion}"
        + (winner is null ? "" : $" after '{winner.Decision}' by {winner.By} at {winner.At:O} ({winner.Reason})")
        + "; nothing was changed, and your attempt is in the audit log. Look at the case again and decide anew")
{
    public string CaseId { get; } = caseId;
    public int AttemptedVersion { get; } = attemptedVersion;
    public int CurrentVersion { get; } = currentVersion;

    /// <summary>The decision that made the case's current version, if a decision did.</summary>
    public CaseDecisionRow? Winner { get; } = winner;
}

namespace Unmask.Storage;

/// <summary>How an entry is chained: the plain SHA-256 of stores written before keyed entries (anyone can recompute it),
/// or an HMAC-SHA256 with the audit key kept outside the store.</summary>
public enum AuditScheme
{
    LegacySha256,
    HmacSha256,
}

/// <summary>A document an entry changed, by the SHA-256 of the body written (null when the entry removed it).</summary>
public sealed record AuditedDocument(string Collection, string Key, string? BodySha256);

/// <summary>One entry of the append-only audit log. <see cref="Hash"/> chains it to the entry before (<see cref="PreviousHash"/>):
/// a plain SHA-256 for legacy entries, an HMAC-SHA256 with the audit key for keyed ones.</summary>
public sealed record AuditEntry(long Sequence, DateTimeOffset At, string Actor, string Action, string Subject, string Details, string PreviousHash, string Hash)
{
    public AuditScheme Scheme { get; init; } = AuditScheme.LegacySha256;

    /// <summary>For keyed entries, the sequence where keyed entries begin (covered by the MAC, so it cannot be moved).</summary>
    public long KeyedFrom { get; init; }

    public IReadOnlyList<AuditedDocument> Documents { get; init; } = [];
}

/// <summary>The append-only audit log: entries can be added and read, never changed or removed (the backend refuses it,
/// and <see cref="VerifyAsync"/> detects it when the backend is bypassed).</summary>
public interface IAuditLog
{
    /// <summary>Appends an entry, computing its MAC from the previous entry's and its own content.</summary>
    Task<AuditEntry> AppendAsync(string actor, string action, string subject, string details, CancellationToken cancellationToken = default);

    IAsyncEnumerable<AuditEntry> ReadAsync(CancellationToken cancellationToken = default);

    /// <summary>Checks the chain, the checkpoint kept outside the store and the cases against the log. (Stores that change
    /// audited data, like <see cref="ICaseStore"/>, append their entries themselves, in the transaction of the change.)</summary>
    Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default);
}

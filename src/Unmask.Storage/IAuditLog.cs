namespace Unmask.Storage;

/// <summary>One entry of the append-only audit log. <see cref="Hash"/> chains it to the entry before (<see cref="PreviousHash"/>).</summary>
public sealed record AuditEntry(long Sequence, DateTimeOffset At, string Actor, string Action, string Subject, string Details, string PreviousHash, string Hash);

/// <summary>The append-only audit log: entries can be added and read, never changed or removed (the backend refuses it).</summary>
public interface IAuditLog
{
    /// <summary>Appends an entry, computing its hash from the previous entry's hash and its own content.</summary>
    Task<AuditEntry> AppendAsync(string actor, string action, string subject, string details, CancellationToken cancellationToken = default);

    IAsyncEnumerable<AuditEntry> ReadAsync(CancellationToken cancellationToken = default);
}

using System.Data.Common;

namespace Unmask.Storage.Relational;

/// <summary>What differs between the backends in the SQL both speak. The stores in this folder are written once, with
/// <c>@name</c> parameters, <c>INSERT … ON CONFLICT</c> and <c>RETURNING</c> (SQLite and PostgreSQL both have them); the
/// rest (locks, JSON and time columns, bulk writes) goes through the dialect.</summary>
public abstract class SqlDialect
{
    /// <summary>"sqlite" or "postgres".</summary>
    public abstract string Name { get; }

    /// <summary>Begins a transaction that holds the write lock named <paramref name="scope"/> until it ends, so two writers
    /// of the same thing (the audit chain, one dataset, a case) run one after the other. SQLite: BEGIN IMMEDIATE (one writer
    /// at a time for the whole file); PostgreSQL: a transaction-scoped advisory lock on the scope.</summary>
    public abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, string scope, CancellationToken cancellationToken);

    /// <summary>Ends a SELECT that picks rows to take (a queue's next job): locks them and skips rows another transaction
    /// holds, so takers at the same moment get different rows. SQLite has no row locks and needs none (its one writer at
    /// a time makes takers take turns), so it writes nothing there.</summary>
    public virtual string LockRowsSkippingLocked => "FOR UPDATE SKIP LOCKED";

    /// <summary>A query listing the (table, column) of every foreign key that references <paramref name="table"/>, read from the
    /// backend's own catalogue.</summary>
    public abstract string ForeignKeysReferencing(string table);

    /// <summary>Statements that empty the given tables inside a transaction, children before parents. The default deletes
    /// table by table; PostgreSQL truncates them at once (a DELETE there runs the foreign-key triggers once per row).</summary>
    public virtual IEnumerable<string> EmptyTables(params string[] childrenFirst) => childrenFirst.Select(t => $"DELETE FROM {t}");

    /// <summary>A transaction for reading a consistent snapshot.</summary>
    public abstract Task<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Adds a JSON value (jsonb on PostgreSQL, text on SQLite).</summary>
    public abstract DbParameter Json(DbCommand command, string name, string? json);

    /// <summary>Adds a time (timestamptz on PostgreSQL, round-trip text on SQLite), normalised by <see cref="StoredTime.Normalize"/>.</summary>
    public abstract DbParameter Time(DbCommand command, string name, DateTimeOffset? value);

    public abstract DateTimeOffset GetTime(DbDataReader reader, int ordinal);

    /// <summary>True when the error is a unique or primary-key violation.</summary>
    public abstract bool IsUniqueViolation(DbException error);

    /// <summary>Writes many rows to one table inside <paramref name="transaction"/> (list import). The default executes one
    /// prepared <c>INSERT</c> per row, SQLite's fastest way; PostgreSQL overrides it with binary COPY.</summary>
    public virtual Task WriteRowsAsync(
        DbConnection connection, DbTransaction transaction, BulkTable table, IEnumerable<object?[]> rows, CancellationToken cancellationToken) =>
        PreparedInserts.WriteAsync(connection, transaction, table, rows, cancellationToken);
}

/// <summary>Times as both backends keep them: UTC, to the microsecond (PostgreSQL's precision), so the same store gives
/// the same output on either.</summary>
public static class StoredTime
{
    public static DateTimeOffset Normalize(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % 10, TimeSpan.Zero);
    }
}

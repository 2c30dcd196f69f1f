namespace Unmask.Storage;

/// <summary>Whole-store operations for <c>unmask db</c>: what the store is, and its tables row by row so a store can be
/// copied to another backend and checked.</summary>
public interface IStoreMaintenance
{
    /// <summary>"sqlite" or "postgres".</summary>
    string Backend { get; }

    /// <summary>Where this store's audit key is found (the key file or <c>$UNMASK_AUDIT_KEY</c>).</summary>
    AuditKeySource AuditKeys { get; }

    /// <summary>Where this store's audit checkpoint is kept, outside the database.</summary>
    AuditCheckpointFile AuditCheckpoint { get; }

    /// <summary>Backend, schema version, size and the rows of every table.</summary>
    Task<StoreInfo> InfoAsync(CancellationToken cancellationToken = default);

    /// <summary>The migrations applied to this store, oldest first.</summary>
    Task<IReadOnlyList<AppliedMigration>> MigrationsAsync(CancellationToken cancellationToken = default);

    /// <summary>The store's data tables (not its migrations) in an order that respects foreign keys (parents first),
    /// read from the database's own catalog.</summary>
    Task<IReadOnlyList<string>> TablesAsync(CancellationToken cancellationToken = default);

    /// <summary>Every row of a table in primary-key order, columns by name, values in portable form (string, long, double,
    /// bool, byte[], DateTimeOffset, null) as the backend holds them: SQLite keeps times and JSON as text, PostgreSQL as
    /// timestamptz and jsonb; <see cref="CopyFromAsync"/> converts each value to the target column's type.</summary>
    IAsyncEnumerable<IReadOnlyDictionary<string, object?>> ReadRowsAsync(string table, CancellationToken cancellationToken = default);

    /// <summary>Writes every row of <paramref name="source"/> (another store of the same schema version, read as one
    /// consistent snapshot) into this one, which must be empty: every table, parents first, in one transaction.
    /// Returns the rows copied per table.</summary>
    Task<IReadOnlyList<TableCount>> CopyFromAsync(IStoreMaintenance source, CancellationToken cancellationToken = default);
}

/// <param name="Description">The store, its password masked.</param>
/// <param name="SchemaVersion">The highest migration applied to this store.</param>
/// <param name="KnownSchemaVersion">The highest migration this program knows.</param>
/// <param name="SizeBytes">On disk (SQLite file and its WAL) or as the database reports it (PostgreSQL).</param>
public sealed record StoreInfo(string Backend, string Description, int SchemaVersion, int KnownSchemaVersion, long SizeBytes, IReadOnlyList<TableCount> Tables);

public sealed record TableCount(string Table, long Rows);

public sealed record AppliedMigration(int Version, string Name, string AppliedAt);

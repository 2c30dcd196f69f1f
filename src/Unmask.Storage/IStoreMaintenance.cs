namespace Unmask.Storage;

/// <summary>Whole-store operations for <c>unmask db</c>: what the store is, and its tables row by row so a store can be
/// copied to another backend and checked.</summary>
public interface IStoreMaintenance
{
    /// <summary>"sqlite" or "postgres".</summary>
    string Backend { get; }

    /// <summary>The highest migration applied to this store.</summary>
    int SchemaVersion { get; }

    Task<StoreInfo> InfoAsync(CancellationToken cancellationToken = default);

    /// <summary>The store's tables in an order that respects foreign keys (parents first).</summary>
    IReadOnlyList<string> Tables { get; }

    /// <summary>Every row of a table, columns by name, values in portable form (text, long, double, bool, byte[],
    /// DateTimeOffset, null).</summary>
    IAsyncEnumerable<IReadOnlyDictionary<string, object?>> ReadRowsAsync(string table, CancellationToken cancellationToken = default);

    /// <summary>Writes rows read from another store of the same schema version into this one, which must be empty
    /// (every table, in <see cref="Tables"/> order, in one transaction).</summary>
    Task CopyFromAsync(IStoreMaintenance source, CancellationToken cancellationToken = default);
}

/// <param name="Description">The store, its password masked.</param>
/// <param name="SizeBytes">On disk (SQLite file and its WAL) or as the database reports it (PostgreSQL).</param>
public sealed record StoreInfo(string Backend, string Description, int SchemaVersion, int KnownSchemaVersion, long SizeBytes, IReadOnlyList<TableCount> Tables);

public sealed record TableCount(string Table, long Rows);

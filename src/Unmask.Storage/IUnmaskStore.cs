namespace Unmask.Storage;

/// <summary>The whole store the application needs. One implementation per backend (SQLite embedded, PostgreSQL), both
/// on the same numbered schema of typed tables.</summary>
public interface IUnmaskStore : IAsyncDisposable
{
    /// <summary>Short backend name for messages, never with a password, e.g. "sqlite:/home/me/.local/share/unmask/unmask.db"
    /// or "postgres://unmask@db.example:5432/unmask".</summary>
    string Description { get; }

    IListStore Lists { get; }

    /// <summary>Content-addressed blobs (page bodies, photos, graph and index snapshots), each stored once.</summary>
    IBlobStore Blobs { get; }

    /// <summary>Indexed sites with their claims, pages and fingerprints, and the reports of analysed sites.</summary>
    ISiteStore Sites { get; }

    /// <summary>Vetting runs: batches, records and their findings with evidence.</summary>
    IVettingStore Vetting { get; }

    /// <summary>The link graph last built: nodes, edges with evidence, and its snapshot.</summary>
    IGraphStore Graph { get; }

    /// <summary>Cases and their decisions, versioned: a decision against an older version is refused.</summary>
    ICaseStore Cases { get; }

    /// <summary>What exports keep between runs (STIX object times).</summary>
    IExportStore Exports { get; }

    /// <summary>Background jobs of the service (kind, status, progress, result, owner).</summary>
    IJobStore Jobs { get; }

    /// <summary>API keys, stored hashed, with scopes, expiry and revocation.</summary>
    IApiKeyStore ApiKeys { get; }

    /// <summary>Monitoring: watches, the alerts they raised and the webhook deliveries of those alerts.</summary>
    IWatchStore Watches { get; }

    /// <summary>The append-only, hash-chained audit log of analyst actions and decisions.</summary>
    IAuditLog Audit { get; }

    /// <summary>Schema version, sizes and counts, and table-by-table access for copying a whole store.</summary>
    IStoreMaintenance Maintenance { get; }
}

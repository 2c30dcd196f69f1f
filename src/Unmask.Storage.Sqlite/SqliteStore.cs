using Microsoft.Data.Sqlite;
using Unmask.Storage;
using Unmask.Storage.Relational;

namespace Unmask.Storage.Sqlite;

/// <summary>The embedded store: one SQLite file in WAL mode, so readers are never blocked by an import.</summary>
public sealed class SqliteStore : IUnmaskStore
{
    private readonly string _connectionString;

    /// <summary>The migration that adds keyed audit entries; the audit log is sealed in its transaction.</summary>
    private const int KeyedAuditMigration = 5;

    private readonly SqliteAuditLog _audit;

    private SqliteStore(string path, TimeProvider time, string? auditKeySecret)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 60,
        }.ToString();
        Database = new RelationalDatabase(async cancellationToken => await OpenAsync(cancellationToken), SqliteDialect.Instance);
        Lists = new SqliteListStore(Open, time);
        Documents = new SqliteDocumentStore(Open);
        Blobs = new RelationalBlobStore(Database, time);
        _audit = new SqliteAuditLog(Open, time, AuditKeySource.Beside(path, auditKeySecret), AuditCheckpointFile.Beside(path));
        Maintenance = new RelationalMaintenance(Database, Description, Plan.LatestVersion,
            AuditKeySource.Beside(path, auditKeySecret), AuditCheckpointFile.Beside(path));
    }

    public string Path { get; }
    public string Description => $"sqlite:{Path}";
    public IListStore Lists { get; }
    public IDocumentStore Documents { get; }
    public IAuditLog Audit => _audit;

    // Each typed store is written once, in Unmask.Storage.Relational, for both backends.
    public IBlobStore Blobs { get; }
    public ISiteStore Sites => throw new NotImplementedException("site store: issue 15, being written");
    public IVettingStore Vetting => throw new NotImplementedException("vetting store: issue 15, being written");
    public IGraphStore Graph => throw new NotImplementedException("graph store: issue 15, being written");
    public ICaseStore Cases => throw new NotImplementedException("case store: issue 15, being written");
    public IExportStore Exports => throw new NotImplementedException("export store: issue 15, being written");
    public IJobStore Jobs => throw new NotImplementedException("job store: issue 15, being written");
    public IApiKeyStore ApiKeys => throw new NotImplementedException("API key store: issue 15, being written");
    public IWatchStore Watches => throw new NotImplementedException("watch store: issue 15, being written");
    public IStoreMaintenance Maintenance { get; }

    /// <summary>The numbered scripts of Migrations/ and where SQLite keeps the versions applied.</summary>
    internal static readonly MigrationPlan Plan = new(
        Migration.FromResources(typeof(SqliteStore).Assembly, "Unmask.Storage.Sqlite.Migrations."),
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'");

    /// <summary>The database the relational stores work on.</summary>
    internal RelationalDatabase Database { get; }

    /// <summary>Opens (creating if needed) the database file and brings its schema up to date.</summary>
    /// <param name="auditKeySecret">The audit key from the environment (<c>$UNMASK_AUDIT_KEY</c>); when null, the key
    /// file <c>&lt;path&gt;.audit-key</c> (created when the log is sealed, mode 0600).</param>
    public static SqliteStore Open(string path, TimeProvider time, string? auditKeySecret = null)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
        var store = new SqliteStore(path, time, auditKeySecret);
        Migrator.MigrateAsync(store.Database, Plan, time, store.Description, (connection, transaction, migration) =>
        {
            if (migration.Covers(KeyedAuditMigration))
            {
                store._audit.Seal((SqliteConnection)connection, (SqliteTransaction)transaction);
            }
            return Task.CompletedTask;
        }).GetAwaiter().GetResult();
        return store;
    }

    internal async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = Pragmas;
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    private const string Pragmas = "PRAGMA busy_timeout=60000; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";

    internal SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = Pragmas;
        pragma.ExecuteNonQuery();
        return connection;
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }
}

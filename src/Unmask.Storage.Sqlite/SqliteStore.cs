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

    /// <summary>The migration that makes names and identifiers rows; those of the entities already stored are written in its transaction.</summary>
    private const int TypedListsMigration = 7;

    private readonly RelationalAuditLog _audit;

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
        Lists = new RelationalListStore(Database, time);
        Blobs = new RelationalBlobStore(Database, time);
        Sites = new RelationalSiteStore(Database, time);
        Vetting = new RelationalVettingStore(Database);
        Graph = new RelationalGraphStore(Database);
        Exports = new RelationalExportStore(Database);
        Jobs = new RelationalJobStore(Database);
        ApiKeys = new RelationalApiKeyStore(Database);
        Watches = new RelationalWatchStore(Database);
        var audit = AuditLocation.Beside(path, auditKeySecret);
        _audit = new RelationalAuditLog(Database, time, audit.Keys, audit.Checkpoint);
        Cases = new RelationalCaseStore(Database, _audit);
        Maintenance = new RelationalMaintenance(Database, Description, Plan.LatestVersion, audit.Keys, audit.Checkpoint);
    }

    public string Path { get; }
    public string Description => $"sqlite:{Path}";
    public IListStore Lists { get; }
    public IAuditLog Audit => _audit;

    // Each typed store is written once, in Unmask.Storage.Relational, for both backends.
    public IBlobStore Blobs { get; }
    public ISiteStore Sites { get; }
    public IVettingStore Vetting { get; }
    public IGraphStore Graph { get; }
    public IExportStore Exports { get; }
    public IJobStore Jobs { get; }
    public IApiKeyStore ApiKeys { get; }
    public IWatchStore Watches { get; }
    public ICaseStore Cases { get; }
    public IStoreMaintenance Maintenance { get; }

    /// <summary>The numbered scripts of Migrations/ and where SQLite keeps the versions applied.</summary>
    internal static readonly MigrationPlan Plan = new(
        Migration.FromResources(typeof(SqliteStore).Assembly, "Unmask.Storage.Sqlite.Migrations."),
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'");

    /// <summary>The schema version this program brings a SQLite store to.</summary>
    public static int SchemaVersion => Plan.LatestVersion;

    /// <summary>The database the relational stores work on.</summary>
    internal RelationalDatabase Database { get; }

    /// <summary>Opens (creating if needed) the database file and brings its schema up to date.</summary>
    /// <param name="auditKeySecret">The audit key from the environment (<c>$UNMASK_AUDIT_KEY</c>); when null, the key
    /// file <c>&lt;path&gt;.audit-key</c> (created when the log is sealed, mode 0600).</param>
    /// <param name="notice">Told what the first open of a store written before the typed schema moved into the typed
    /// tables (the CLI says it on stderr).</param>
    public static SqliteStore Open(string path, TimeProvider time, string? auditKeySecret = null, Action<string>? notice = null)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
        var store = new SqliteStore(path, time, auditKeySecret);
        Migrator.MigrateAsync(store.Database, Plan, time, store.Description, async (connection, transaction, migration) =>
        {
            if (migration.Covers(KeyedAuditMigration))
            {
                await store._audit.SealAsync(connection, transaction, LegacyCaseDocuments((SqliteConnection)connection, (SqliteTransaction)transaction));
            }
            if (migration.Covers(TypedListsMigration))
            {
                await RelationalListStore.WriteTypedRowsOfStoredEntitiesAsync(connection, transaction, SqliteDialect.Instance, CancellationToken.None);
            }
        }).GetAwaiter().GetResult();
        if (LegacyDocumentMove.MoveAsync(store, store.Database, store._audit, time).GetAwaiter().GetResult() is { } moved)
        {
            notice?.Invoke(moved.Describe());
        }
        return store;
    }

    /// <summary>The cases of a store from before the typed tables (documents collection "cases"), as the seal adopts them.</summary>
    private static List<AuditedDocument> LegacyCaseDocuments(SqliteConnection connection, SqliteTransaction transaction)
    {
        var documents = new List<AuditedDocument>();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT key, body FROM documents WHERE collection = $c ORDER BY key";
        command.Parameters.AddWithValue("$c", CaseDocument.Collection);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            documents.Add(new AuditedDocument(CaseDocument.Collection, reader.GetString(0), AuditChain.BodySha256(reader.GetString(1))));
        }
        return documents;
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

using System.Globalization;
using System.Net.Sockets;
using Npgsql;
using Unmask.Storage.Relational;

namespace Unmask.Storage.Postgres;

/// <param name="Wait">How long opening keeps trying a server it cannot reach (refused, down, starting up) before giving up
/// with a one-line error naming host and port. Default 30 s; the CLI reads it from <c>$UNMASK_DB_WAIT</c> (seconds).</param>
/// <param name="AuditKeySecret">The audit key from the environment (<c>$UNMASK_AUDIT_KEY</c>); without it, the key file
/// in <paramref name="AuditFolder"/>.</param>
/// <param name="AuditFolder">The data folder that keeps, in <c>audit/</c>, this machine's audit checkpoint of the database
/// and its key file (see <see cref="AuditLocation.UnderDataFolder"/>); default <see cref="AuditLocation.UserDataFolder"/>.</param>
/// <param name="WaitClock">The clock the wait is measured and slept on: the real one (the default) even when the store's
/// own clock is a fake one, since a server starting up does not follow a test's clock.</param>
public sealed record PostgresOptions(TimeSpan? Wait = null, string? AuditKeySecret = null, string? AuditFolder = null, TimeProvider? WaitClock = null)
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(30);

    /// <summary>The environment variable the CLI reads <see cref="Wait"/> from, in seconds.</summary>
    public const string WaitVariable = "UNMASK_DB_WAIT";
}

/// <summary>The server store: a PostgreSQL database on the same numbered schema as the SQLite file, for several users and
/// the service. Connections come from one pooled data source; each typed store is the shared relational one.</summary>
public sealed class PostgresStore : IUnmaskStore
{
    private readonly NpgsqlDataSource _dataSource;

    private PostgresStore(PostgresLocation location, TimeProvider time, PostgresOptions options)
    {
        Location = location;
        Time = time;
        Options = options;
        _dataSource = new NpgsqlDataSourceBuilder(location.ConnectionString).Build();
        Database = new RelationalDatabase(async cancellationToken => await _dataSource.OpenConnectionAsync(cancellationToken), PostgresDialect.Instance);
        Lists = new RelationalListStore(Database, time);
        Blobs = new RelationalBlobStore(Database, time);
        Sites = new RelationalSiteStore(Database, time);
        Vetting = new RelationalVettingStore(Database);
        Graph = new RelationalGraphStore(Database);
        Exports = new RelationalExportStore(Database);
        Jobs = new RelationalJobStore(Database);
        ApiKeys = new RelationalApiKeyStore(Database);
        Watches = new RelationalWatchStore(Database);
        var audit = AuditLocation.UnderDataFolder(options.AuditFolder ?? AuditLocation.UserDataFolder(), location.Host, location.Port,
            location.Database, options.AuditKeySecret, location.SearchPath);
        _audit = new RelationalAuditLog(Database, time, audit.Keys, audit.Checkpoint);
        Cases = new RelationalCaseStore(Database, _audit);
        Maintenance = new RelationalMaintenance(Database, Description, Plan.LatestVersion, audit.Keys, audit.Checkpoint);
    }

    /// <summary>The migration whose transaction seals the audit log (006_baseline covers it).</summary>
    private const int KeyedAuditMigration = 5;

    private readonly RelationalAuditLog _audit;

    public PostgresLocation Location { get; }

    public string Description => Location.Description;

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

    /// <summary>The database the relational stores work on.</summary>
    internal RelationalDatabase Database { get; }

    /// <summary>The migration that makes names and identifiers rows; those of entities already stored are written in its transaction.</summary>
    private const int TypedListsMigration = 7;

    internal TimeProvider Time { get; }

    internal PostgresOptions Options { get; }

    /// <summary>The numbered scripts of Migrations/ (006_baseline covers 1-6) and where PostgreSQL keeps the versions applied.</summary>
    internal static readonly MigrationPlan Plan = new(
        Migration.FromResources(typeof(PostgresStore).Assembly, "Unmask.Storage.Postgres.Migrations."),
        "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)",
        "SELECT 1 WHERE to_regclass('schema_migrations') IS NOT NULL");

    /// <summary>The schema version this program brings a PostgreSQL store to (the same numbers as SQLite's).</summary>
    public static int SchemaVersion => Plan.LatestVersion;

    /// <summary>Opens the store at <paramref name="location"/> (a postgres:// URL or an Npgsql connection string) and brings
    /// its schema up to date. A server it cannot reach is tried again with back-off for <see cref="PostgresOptions.Wait"/>,
    /// then <see cref="StoreException"/> names host and port; a store written by a newer program is refused.</summary>
    public static async Task<PostgresStore> OpenAsync(string location, TimeProvider time, PostgresOptions? options = null, CancellationToken cancellationToken = default) =>
        await OpenAsync(PostgresLocation.Parse(location), time, options, cancellationToken);

    public static async Task<PostgresStore> OpenAsync(PostgresLocation location, TimeProvider time, PostgresOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new PostgresOptions();
        var store = new PostgresStore(location, time, options);
        try
        {
            await store.WaitForServerAsync(cancellationToken);
            // One migrator run with every step SQL cannot do: a second run would find the scripts applied and skip its steps.
            await Migrator.MigrateAsync(store.Database, Plan, time, store.Description, async (connection, transaction, migration) =>
            {
                // A PostgreSQL store starts with the typed tables: there are no older cases to adopt.
                if (migration.Covers(KeyedAuditMigration))
                {
                    await store._audit.SealAsync(connection, transaction, [], cancellationToken);
                }
                if (migration.Covers(TypedListsMigration))
                {
                    await RelationalListStore.WriteTypedRowsOfStoredEntitiesAsync(connection, transaction, PostgresDialect.Instance, cancellationToken);
                }
            }, cancellationToken);
            return store;
        }
        catch (NpgsqlException error)
        {
            await store.DisposeAsync();
            throw new StoreException($"PostgreSQL at {location.HostAndPort}: {location.Mask(OneLine(error.Message))}", error);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens a connection, trying again while the server cannot be reached (after <see cref="Pauses"/>) until the
    /// wait is over.</summary>
    private async Task WaitForServerAsync(CancellationToken cancellationToken)
    {
        var wait = Options.Wait ?? PostgresOptions.DefaultWait;
        var clock = Options.WaitClock ?? TimeProvider.System;
        var started = clock.GetTimestamp();
        using var pauses = Pauses().GetEnumerator();
        var tries = 0;
        while (true)
        {
            tries++;
            var left = wait - clock.GetElapsedTime(started);
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(left > TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1));
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(attempt.Token);
                return;
            }
            catch (Exception error) when (IsUnreachable(error) && !cancellationToken.IsCancellationRequested)
            {
                left = wait - clock.GetElapsedTime(started);
                if (left <= TimeSpan.Zero)
                {
                    throw new StoreException($"cannot reach PostgreSQL at {Location.HostAndPort} ({Location.Mask(Reason(error))}); "
                                             + $"gave up after {tries} tries in {Seconds(clock.GetElapsedTime(started))} "
                                             + $"(wait longer with ${PostgresOptions.WaitVariable}=SECONDS)", error);
                }
                pauses.MoveNext();
                await Task.Delay(pauses.Current < left ? pauses.Current : left, clock, cancellationToken);
            }
        }
    }

    /// <summary>The pauses between tries: a tenth of a second, doubling up to five seconds, so a server that is restarting
    /// is found soon and one that is down is not hammered.</summary>
    internal static IEnumerable<TimeSpan> Pauses()
    {
        var pause = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            yield return pause;
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
        }
    }

    /// <summary>Failures that may pass if we wait: the connection refused or timed out, the server starting up or shutting
    /// down, too many clients. A wrong password or a missing database will not, and are reported at once.</summary>
    private static bool IsUnreachable(Exception error) => error switch
    {
        PostgresException postgres => postgres.SqlState is PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections
            or PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown,
        NpgsqlException { InnerException: SocketException or TimeoutException or IOException } => true,
        NpgsqlException npgsql => npgsql.IsTransient,
        OperationCanceledException or TimeoutException => true,
        _ => false,
    };

    private static string Reason(Exception error) => error switch
    {
        NpgsqlException { InnerException: SocketException socket } => socket.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "connection refused",
            SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host not found",
            SocketError.TimedOut => "timed out",
            _ => OneLine(socket.Message),
        },
        OperationCanceledException or TimeoutException => "timed out",
        _ => OneLine(error.Message),
    };

    private static string Seconds(TimeSpan wait) => wait.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
    }
}

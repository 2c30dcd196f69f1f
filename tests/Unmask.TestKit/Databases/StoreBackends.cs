using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using Unmask.Storage;
using Unmask.Storage.Postgres;
using Unmask.Storage.Sqlite;
using Xunit;

namespace Unmask.TestKit.Databases;

/// <summary>A backend for the store contract tests, used as a class fixture: each <see cref="NewStoreAsync"/> is a fresh,
/// empty store of its own, and everything is deleted when the test class ends. A contract test class is abstract in
/// Unmask.Storage.Tests; each backend's test project has one subclass per contract:
/// <code>public sealed class PostgresSiteStoreTests(PostgresBackend backend) : SiteStoreContract, IClassFixture&lt;PostgresBackend&gt;
/// {
///     protected override Task&lt;IUnmaskStore&gt; NewStoreAsync() => backend.NewStoreAsync(Clock);
/// }</code></summary>
public abstract class StoreBackend : IAsyncLifetime
{
    /// <summary>"sqlite" or "postgres", as <see cref="Storage.Relational.SqlDialect.Name"/>.</summary>
    public abstract string Name { get; }

    /// <summary>Where a new, empty store would be, written as <c>--db</c> and <c>$UNMASK_DB</c> take it.</summary>
    public abstract Task<string> NewLocationAsync();

    /// <summary>Opens (creating and migrating) the store at <paramref name="location"/>; open it again to see what another
    /// process would.</summary>
    public abstract Task<IUnmaskStore> OpenAsync(string location, TimeProvider? time = null);

    /// <summary>A plain connection to the store's database, for tests that look behind the store's back (its schema,
    /// rows it must refuse).</summary>
    public abstract Task<DbConnection> ConnectAsync(string location);

    /// <summary>A fresh, empty store.</summary>
    public async Task<IUnmaskStore> NewStoreAsync(TimeProvider? time = null) => await OpenAsync(await NewLocationAsync(), time);

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public abstract ValueTask DisposeAsync();
}

/// <summary>SQLite stores: one file each in a temporary folder.</summary>
public sealed class SqliteBackend : StoreBackend
{
    private readonly TempFolder _folder = new();
    private int _stores;

    public override string Name => "sqlite";

    public override Task<string> NewLocationAsync() =>
        Task.FromResult(_folder.File($"store-{Interlocked.Increment(ref _stores)}.db"));

    public override Task<IUnmaskStore> OpenAsync(string location, TimeProvider? time = null) =>
        Task.FromResult<IUnmaskStore>(SqliteStore.Open(location, time ?? TimeProvider.System));

    public override async Task<DbConnection> ConnectAsync(string location)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = location, Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>PostgreSQL stores on the server of <c>$UNMASK_PG</c>: a fresh database for the test class (dropped at its end),
/// and in it a schema per store (creating a schema takes milliseconds, a database a quarter of a second). A location is
/// an Npgsql connection string whose search path is that schema. <see cref="NewDatabaseAsync"/> gives a whole database when
/// a test needs one (also dropped at the end).</summary>
public sealed class PostgresBackend : StoreBackend
{
    private readonly List<string> _databases = [];

    // Each store's audit key and checkpoint (under the user's data folder outside tests).
    private readonly TempFolder _auditFolder = new();
    private PostgresLocation? _database;
    private int _stores;

    public override string Name => "postgres";

    /// <summary>The test class's database (connection string with the password, for the tests only).</summary>
    public string DatabaseConnectionString => Database.ConnectionString;

    private PostgresLocation Database => _database ?? throw new InvalidOperationException("the backend is a class fixture: xunit initialises it");

    public override async ValueTask InitializeAsync()
    {
        _database = PostgresLocation.Parse(await NewDatabaseAsync());
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> NewDatabaseAsync()
    {
        var admin = PostgresLocation.Parse(PostgresServer.AdminConnectionString, "$" + PostgresServer.Variable);
        var name = "unmask_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        lock (_databases)
        {
            _databases.Add(name);
        }
        return admin.WithDatabase(name).ConnectionString;
    }

    public override async Task<string> NewLocationAsync()
    {
        var schema = "store_" + Interlocked.Increment(ref _stores).ToString(CultureInfo.InvariantCulture);
        await using (var connection = new NpgsqlConnection(Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return Database.WithSearchPath(schema).ConnectionString;
    }

    public override async Task<DbConnection> ConnectAsync(string location)
    {
        var connection = new NpgsqlConnection(location);
        await connection.OpenAsync();
        return connection;
    }

    public override async Task<IUnmaskStore> OpenAsync(string location, TimeProvider? time = null) =>
        await PostgresStore.OpenAsync(location, time ?? TimeProvider.System, new PostgresOptions(Wait: TimeSpan.FromSeconds(10), AuditFolder: _auditFolder.Path));

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        _auditFolder.Dispose();
        if (_databases.Count == 0)
        {
            return;
        }
        var admin = PostgresLocation.Parse(PostgresServer.AdminConnectionString, "$" + PostgresServer.Variable);
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        foreach (var name in _databases)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}

using System.Diagnostics;
using Npgsql;
using Unmask.TestKit;
using Unmask.TestKit.Databases;

namespace Unmask.Storage.Postgres.Tests;

public sealed class PostgresStoreTests(PostgresBackend backend) : IClassFixture<PostgresBackend>
{
    [Fact]
    public async Task A_new_store_gets_the_baseline_as_versions_1_to_6_then_the_same_numbered_migrations_as_sqlite()
    {
        var location = await backend.NewLocationAsync();
        await using var store = await backend.OpenAsync(location);

        await using var connection = await backend.ConnectAsync(location);
        (await ColumnAsync(connection, "SELECT version || ' ' || name FROM schema_migrations WHERE version <= 6 ORDER BY version"))
            .ShouldBe(Enumerable.Range(1, 6).Select(v => $"{v} 006_baseline.sql"));
        await using var sqliteStores = new SqliteBackend();
        var file = await sqliteStores.NewLocationAsync();
        await (await sqliteStores.OpenAsync(file)).DisposeAsync();
        await using var sqlite = await sqliteStores.ConnectAsync(file);
        const string Later = "SELECT version || ' ' || name FROM schema_migrations WHERE version > 6 ORDER BY version";
        (await ColumnAsync(connection, Later)).ShouldBe(await ColumnAsync(sqlite, Later));
        PostgresStore.SchemaVersion.ShouldBe(Sqlite.SqliteStore.SchemaVersion);
        store.Description.ShouldBe(PostgresLocation.Parse(location).Description);
    }

    [Fact]
    public async Task A_new_store_has_the_tables_and_columns_of_a_new_sqlite_store()
    {
        var location = await backend.NewLocationAsync();
        await (await backend.OpenAsync(location)).DisposeAsync();
        await using var sqliteStores = new SqliteBackend();
        var file = await sqliteStores.NewLocationAsync();
        await (await sqliteStores.OpenAsync(file)).DisposeAsync();

        await using var postgres = await backend.ConnectAsync(location);
        await using var sqlite = await sqliteStores.ConnectAsync(file);
        var postgresColumns = await ColumnAsync(postgres,
            "SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY 1");
        var sqliteColumns = await ColumnAsync(sqlite,
            // documents: the generic table of SQLite stores before the typed tables, which PostgreSQL stores never had.
            "SELECT m.name || '.' || p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'documents' ORDER BY 1");

        postgresColumns.Except(sqliteColumns).ShouldBeEmpty("only in PostgreSQL");
        sqliteColumns.Except(postgresColumns).ShouldBeEmpty("only in SQLite");
        postgresColumns.Count.ShouldBeGreaterThan(100);
    }

    [Fact]
    public async Task The_audit_log_of_a_new_store_refuses_changes()
    {
        var location = await backend.NewLocationAsync();
        await using var store = await backend.OpenAsync(location);
        await using var connection = await backend.ConnectAsync(location);
        await ColumnAsync(connection, """
            INSERT INTO audit_log (at, actor, action, subject, details, previous_hash, hash)
            VALUES (now(), 'a', 'case.decide', 'C-1', '', 'g', 'h') RETURNING hash
            """);

        (await Should.ThrowAsync<PostgresException>(() => ColumnAsync(connection, "UPDATE audit_log SET actor = 'b' RETURNING hash")))
            .MessageText.ShouldBe("the audit log is append-only");
        (await Should.ThrowAsync<PostgresException>(() => ColumnAsync(connection, "DELETE FROM audit_log RETURNING hash")))
            .MessageText.ShouldBe("the audit log is append-only");
    }

    [Fact]
    public async Task A_server_that_does_not_answer_is_tried_again_then_named_by_host_and_port_without_the_password()
    {
        var port = LoopbackPorts.Closed();
        var clock = Stopwatch.StartNew();

        var error = await Should.ThrowAsync<StoreException>(() => PostgresStore.OpenAsync(
            $"postgres://unmask:hunter2@127.0.0.1:{port}/unmask", TimeProvider.System, new PostgresOptions(Wait: TimeSpan.FromSeconds(1.5))));

        clock.Elapsed.ShouldBeInRange(TimeSpan.FromSeconds(1.4), TimeSpan.FromSeconds(10));
        error.Message.ShouldStartWith($"cannot reach PostgreSQL at 127.0.0.1:{port} (connection refused); gave up after ");
        error.Message.ShouldContain("UNMASK_DB_WAIT");
        error.Message.ShouldNotContain("hunter2");
        error.Message.Split('\n').ShouldHaveSingleItem();
        int.Parse(error.Message.Split("gave up after ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(2);
    }

    [Fact]
    public void The_tries_back_off_from_a_tenth_of_a_second_doubling_up_to_five_seconds() =>
        PostgresStore.Pauses().Take(9).Select(p => p.TotalSeconds).ShouldBe([0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 5, 5, 5]);

    [Fact]
    public async Task A_database_that_does_not_exist_is_reported_at_once_not_waited_for()
    {
        var missing = new NpgsqlConnectionStringBuilder(backend.DatabaseConnectionString) { Database = "unmask_no_such_database", Password = "hunter2" };
        var clock = Stopwatch.StartNew();

        var error = await Should.ThrowAsync<StoreException>(() => PostgresStore.OpenAsync(
            missing.ConnectionString, TimeProvider.System, new PostgresOptions(Wait: TimeSpan.FromSeconds(30))));

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        error.Message.ShouldStartWith($"PostgreSQL at {PostgresLocation.Parse(missing.ConnectionString).HostAndPort}: ");
        error.Message.ShouldContain("unmask_no_such_database");
        error.Message.ShouldNotContain("hunter2");
    }

    private static async Task<List<string>> ColumnAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetValue(0).ToString()!);
        }
        return values;
    }
}

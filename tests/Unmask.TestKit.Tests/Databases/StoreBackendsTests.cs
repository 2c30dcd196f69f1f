using Npgsql;
using Unmask.TestKit.Databases;

namespace Unmask.TestKit.Tests.Databases;

public sealed class StoreBackendsTests
{
    [Fact]
    public void Without_UNMASK_PG_the_postgres_tests_fail_saying_how_to_start_a_server()
    {
        var error = Should.Throw<InvalidOperationException>(() => PostgresServer.AdminConnectionStringFrom(" "));

        error.Message.ShouldContain("$UNMASK_PG is not set");
        error.Message.ShouldContain("tests/pg.sh start");
        PostgresServer.AdminConnectionStringFrom("Host=h").ShouldBe("Host=h");
    }

    [Fact]
    public async Task Each_postgres_store_is_empty_and_apart_and_the_class_database_is_dropped_at_the_end()
    {
        var backend = new PostgresBackend();
        await backend.InitializeAsync();
        var database = new NpgsqlConnectionStringBuilder(backend.DatabaseConnectionString).Database!;
        var first = await backend.NewLocationAsync();
        var second = await backend.NewLocationAsync();
        await (await backend.OpenAsync(first)).DisposeAsync();

        (await CountTablesAsync(backend, first)).ShouldBeGreaterThan(0);
        (await CountTablesAsync(backend, second)).ShouldBe(0);
        (await DatabaseExistsAsync(database)).ShouldBeTrue();

        await backend.DisposeAsync();

        (await DatabaseExistsAsync(database)).ShouldBeFalse();
    }

    [Fact]
    public async Task Each_sqlite_store_is_a_file_of_its_own_deleted_at_the_end()
    {
        var backend = new SqliteBackend();
        var first = await backend.NewLocationAsync();
        await (await backend.OpenAsync(first)).DisposeAsync();

        (await backend.NewLocationAsync()).ShouldNotBe(first);
        File.Exists(first).ShouldBeTrue();

        await backend.DisposeAsync();

        File.Exists(first).ShouldBeFalse();
    }

    private static async Task<long> CountTablesAsync(StoreBackend backend, string location)
    {
        await using var connection = await backend.ConnectAsync(location);
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()";
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static async Task<bool> DatabaseExistsAsync(string name)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.AdminConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
        query.Parameters.AddWithValue("name", name);
        return (long)(await query.ExecuteScalarAsync())! == 1;
    }
}

using Npgsql;
using Unmask.Cli;
using Unmask.TestKit;
using Unmask.TestKit.Databases;

namespace Unmask.EndToEnd.Tests;

/// <summary>Choosing a PostgreSQL store with <c>--db</c> or <c>$UNMASK_DB</c>, and what a user sees when it cannot be used:
/// one line naming host and port or the schema version needed, exit code 3, never the password.</summary>
public sealed class PostgresStoreCommandTests(PostgresBackend backend) : IClassFixture<PostgresBackend>, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task An_unreachable_server_given_with_db_is_waited_for_then_named_in_one_line_with_exit_code_3()
    {
        var port = LoopbackPorts.Closed();
        var info = CliProcess.StartInfo(_folder.Path, "lists", "show", "--db", $"postgres://unmask:hunter2@127.0.0.1:{port}/unmask");
        info.Environment["UNMASK_DB_WAIT"] = "1";

        var run = await CliProcess.RunAsync(info);

        run.ExitCode.ShouldBe(ExitCodes.Fault);
        run.Stderr.TrimEnd().ShouldStartWith($"unmask: cannot reach PostgreSQL at 127.0.0.1:{port} (connection refused); gave up after ");
        run.Stderr.TrimEnd().Split('\n').ShouldHaveSingleItem();
        run.Stderr.ShouldNotContain("hunter2");
    }

    [Fact]
    public async Task A_connection_string_in_UNMASK_DB_is_used_and_its_password_never_shown_even_verbose()
    {
        var port = LoopbackPorts.Closed();
        var info = CliProcess.StartInfo(_folder.Path, "lists", "show", "--verbose");
        info.Environment["UNMASK_DB"] = $"Host=127.0.0.1;Port={port};Username=unmask;Password=hunter2;Database=unmask";
        info.Environment["UNMASK_DB_WAIT"] = "0";

        var run = await CliProcess.RunAsync(info);

        run.ExitCode.ShouldBe(ExitCodes.Fault);
        run.Stderr.ShouldStartWith($"unmask: cannot reach PostgreSQL at 127.0.0.1:{port}");
        run.Stderr.ShouldNotContain("hunter2");
    }

    [Theory]
    [InlineData("postgres://unmask:hunter2@db.example:notaport/unmask", "--db")]
    [InlineData("Host=db.example;Password=hunter2;Colour=blue", "--db")]
    public async Task A_malformed_location_is_bad_input_without_the_password(string location, string source)
    {
        var run = await CliProcess.RunAsync(_folder.Path, "lists", "show", "--db", location);

        run.ExitCode.ShouldBe(ExitCodes.BadInput);
        run.Stderr.ShouldStartWith($"unmask: {source}: ");
        run.Stderr.ShouldNotContain("hunter2");
    }

    [Fact]
    public async Task A_wait_that_is_not_a_number_of_seconds_is_bad_input()
    {
        var info = CliProcess.StartInfo(_folder.Path, "lists", "show", "--db", "postgres://127.0.0.1:1/unmask");
        info.Environment["UNMASK_DB_WAIT"] = "soon";

        var run = await CliProcess.RunAsync(info);

        run.ExitCode.ShouldBe(ExitCodes.BadInput);
        run.Stderr.ShouldContain("$UNMASK_DB_WAIT");
    }

    [Fact]
    public async Task A_postgres_store_from_a_newer_program_is_refused_naming_the_version_needed()
    {
        var location = await backend.NewLocationAsync();
        await (await backend.OpenAsync(location)).DisposeAsync();
        await using (var connection = new NpgsqlConnection(location))
        {
            await connection.OpenAsync();
            await using var newer = new NpgsqlCommand("INSERT INTO schema_migrations VALUES (999, '999_future.sql', now())", connection);
            await newer.ExecuteNonQueryAsync();
        }

        var run = await CliProcess.RunAsync(_folder.Path, "lists", "show", "--db", location);

        run.ExitCode.ShouldBe(ExitCodes.Fault);
        run.Stderr.ShouldStartWith("unmask: the store postgres://");
        run.Stderr.ShouldContain("has schema version 999, newer than this program knows");
        run.Stderr.ShouldContain("use a release of unmask that knows schema version 999");
    }

    [Fact]
    public async Task A_sqlite_store_from_a_newer_program_is_refused_the_same_way()
    {
        var path = _folder.File("newer.db");
        await using (Storage.Sqlite.SqliteStore.Open(path, TimeProvider.System))
        {
        }
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var newer = connection.CreateCommand();
            newer.CommandText = "INSERT INTO schema_migrations VALUES (999, '999_future.sql', '2030-01-01T00:00:00.0000000+00:00')";
            await newer.ExecuteNonQueryAsync();
        }

        var run = await CliProcess.RunAsync(_folder.Path, "lists", "show", "--db", path);

        run.ExitCode.ShouldBe(ExitCodes.Fault);
        run.Stderr.ShouldBe($"unmask: the store sqlite:{path} has schema version 999, newer than this program knows (up to {Storage.Sqlite.SqliteStore.SchemaVersion}): "
                            + "use a release of unmask that knows schema version 999" + Environment.NewLine);
    }
}

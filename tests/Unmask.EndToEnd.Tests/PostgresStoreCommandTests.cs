using Npgsql;
using Unmask.Cli;
using Unmask.TestKit;
using Unmask.TestKit.Databases;

namespace Unmask.EndToEnd.Tests;

/// <summary>The CLI on a real PostgreSQL store (the server of <c>$UNMASK_PG</c>).</summary>
public sealed class PostgresStoreCommandTests(PostgresBackend backend) : IClassFixture<PostgresBackend>, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

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
}

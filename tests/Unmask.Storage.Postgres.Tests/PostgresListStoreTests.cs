using Npgsql;
using Unmask.Domain;
using Unmask.Storage.Tests;
using Unmask.TestKit.Databases;

namespace Unmask.Storage.Postgres.Tests;

public sealed class PostgresListStoreTests(PostgresBackend backend) : ListStoreContract(backend), IClassFixture<PostgresBackend>
{
    [Fact]
    public async Task An_import_whose_server_connection_is_killed_leaves_nothing_written_and_the_previous_version_current()
    {
        var location = await backend.NewLocationAsync();
        await using (var before = await backend.OpenAsync(location))
        {
            await before.Lists.ImportAsync([Pending("demo_list", new DateOnly(2026, 1, 1), Person("1", "KIM Il"), Person("2", "PAK Ho"))]);
        }
        var halfway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var store = await backend.OpenAsync(location);

        // More entities than one bulk write holds, so rows have been copied when the server side goes.
        var import = store.Lists.ImportAsync([new PendingImport(Halting(5000, halfway, killed.Task), () => Describe("demo_list", new DateOnly(2026, 2, 1)))]);
        await halfway.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await using (var admin = await backend.ConnectAsync(location))
        {
            // The importing backend is the one holding the list write lock in this database.
            await using var kill = new NpgsqlCommand("""
                SELECT pg_terminate_backend(pid) FROM pg_locks
                WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                """, (NpgsqlConnection)admin);
            (await kill.ExecuteScalarAsync()).ShouldBe(true);
        }
        killed.SetResult();
        await Should.ThrowAsync<NpgsqlException>(() => import);

        await using var reopened = await backend.OpenAsync(location);
        var summary = (await reopened.Lists.GetDatasetsAsync()).ShouldHaveSingleItem();
        (summary.Version, summary.Entities, summary.Published).ShouldBe((1, 2L, (DateOnly?)new DateOnly(2026, 1, 1)));
        (await ToListAsync(reopened.Lists.GetEntitiesAsync())).Select(e => e.Id).ShouldBe(["demo_list-1", "demo_list-2"]);
        await using var connection = await backend.ConnectAsync(location);
        (await RowsAsync(connection, "SELECT count(*) FROM dataset_versions")).ShouldBe(["1"], "the version being written went with its transaction");
        (await RowsAsync(connection, "SELECT count(*) FROM entities")).ShouldBe(["2"]);
        (await RowsAsync(connection, "SELECT count(*) FROM entity_names")).ShouldBe(["2"]);
    }

    private static async IAsyncEnumerable<Entity> Halting(int count, TaskCompletionSource halfway, Task resume)
    {
        for (var i = 0; i < count; i++)
        {
            if (i == count / 2)
            {
                halfway.SetResult();
                await resume;
            }
            yield return Rename(Person($"new{i}", $"NEW PERSON {i}"), "demo_list");
        }
    }
}

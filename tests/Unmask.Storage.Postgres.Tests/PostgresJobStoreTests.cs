using Unmask.Storage.Tests;
using Unmask.TestKit.Databases;

namespace Unmask.Storage.Postgres.Tests;

public sealed class PostgresJobStoreTests(PostgresBackend backend) : JobStoreContract(backend), IClassFixture<PostgresBackend>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_job_another_server_is_taking_is_skipped_not_waited_for()
    {
        var location = await backend.NewLocationAsync();
        await using var store = await backend.OpenAsync(location);
        var first = await store.Jobs.CreateAsync(new NewJob("screen-batch", "analyst-1", "{}", T0));
        var second = await store.Jobs.CreateAsync(new NewJob("screen-batch", "analyst-1", "{}", T0.AddSeconds(1)));

        await using (await RowLocks.HoldAsync(backend, location, $"SELECT id FROM jobs WHERE id = {first.Id} FOR UPDATE"))
        {
            var claimed = await RowLocks.WithoutWaitingAsync(store.Jobs.ClaimNextAsync("worker-a", ["screen-batch"], T0.AddMinutes(1)));
            claimed.ShouldNotBeNull().Id.ShouldBe(second.Id);
        }

        (await store.Jobs.ClaimNextAsync("worker-b", ["screen-batch"], T0.AddMinutes(2))).ShouldNotBeNull().Id.ShouldBe(first.Id);
    }
}

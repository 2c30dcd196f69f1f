using System.Data.Common;
using Unmask.TestKit.Databases;

namespace Unmask.Storage.Postgres.Tests;

/// <summary>Takers of the service's queues (jobs, webhook deliveries) skip the rows another server's transaction holds
/// instead of waiting for them (FOR UPDATE SKIP LOCKED): the rows here are held by an open transaction of a connection of
/// the test's own, and waiting for them would last until it rolls back.</summary>
public sealed class PostgresQueueTakingTests(PostgresBackend backend) : IClassFixture<PostgresBackend>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_job_another_server_is_taking_is_skipped_not_waited_for()
    {
        var location = await backend.NewLocationAsync();
        await using var store = await backend.OpenAsync(location);
        var first = await store.Jobs.CreateAsync(new NewJob("screen-batch", "analyst-1", "{}", T0));
        var second = await store.Jobs.CreateAsync(new NewJob("screen-batch", "analyst-1", "{}", T0.AddSeconds(1)));

        var claimed = await WhileHeldAsync(location, $"SELECT id FROM jobs WHERE id = {first.Id} FOR UPDATE",
            () => store.Jobs.ClaimNextAsync("worker-a", ["screen-batch"], T0.AddMinutes(1)));

        claimed.ShouldNotBeNull().Id.ShouldBe(second.Id);
        (await store.Jobs.ClaimNextAsync("worker-b", ["screen-batch"], T0.AddMinutes(2))).ShouldNotBeNull().Id.ShouldBe(first.Id);
    }

    [Fact]
    public async Task A_delivery_another_server_is_taking_is_skipped_not_waited_for()
    {
        var location = await backend.NewLocationAsync();
        await using var store = await backend.OpenAsync(location);
        var watch = await store.Watches.CreateAsync(new NewWatch("vendor V-3", "analyst-1", "{}", [], 0.7, "https://hooks.example.org/unmask", T0));
        var alerts = await store.Watches.RaiseAsync([
            new NewAlert(watch.Id, "e-1", "us_ofac_sdn", 1, 0.9, "{}", T0), new NewAlert(watch.Id, "e-2", "us_ofac_sdn", 1, 0.9, "{}", T0.AddSeconds(1))]);
        var held = (await store.Watches.DeliveriesOfAsync(alerts[0].Id)).ShouldHaveSingleItem();
        var lease = TimeSpan.FromMinutes(5);

        var claimed = await WhileHeldAsync(location, $"SELECT id FROM webhook_deliveries WHERE id = {held.Id} FOR UPDATE",
            () => store.Watches.ClaimDueDeliveriesAsync(T0.AddMinutes(1), lease));

        claimed.ShouldHaveSingleItem().AlertId.ShouldBe(alerts[1].Id);
        (await store.Watches.ClaimDueDeliveriesAsync(T0.AddMinutes(2), lease)).ShouldHaveSingleItem().Id.ShouldBe(held.Id);
    }

    /// <summary>What <paramref name="take"/> returns while another transaction holds the rows <paramref name="lockingSql"/>
    /// locks; it must come at once (ten seconds is plenty), then the holder rolls back.</summary>
    private async Task<T> WhileHeldAsync<T>(string location, string lockingSql, Func<Task<T>> take)
    {
        await using var connection = await backend.ConnectAsync(location);
        await using DbTransaction transaction = await connection.BeginTransactionAsync();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = lockingSql;
            await command.ExecuteNonQueryAsync();
        }
        var taking = take();
        try
        {
            (await Task.WhenAny(taking, Task.Delay(TimeSpan.FromSeconds(10)))).ShouldBe(taking, "the taker waited for rows another transaction holds");
            return await taking;
        }
        finally
        {
            await transaction.RollbackAsync();
            await taking.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}

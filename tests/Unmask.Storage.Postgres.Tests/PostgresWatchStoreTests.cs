using Unmask.Storage.Tests;
using Unmask.TestKit.Databases;

namespace Unmask.Storage.Postgres.Tests;

public sealed class PostgresWatchStoreTests(PostgresBackend backend) : WatchStoreContract(backend), IClassFixture<PostgresBackend>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_delivery_another_server_is_taking_is_skipped_not_waited_for()
    {
        var location = await backend.NewLocationAsync();
        await using var store = await backend.OpenAsync(location);
        var watch = await store.Watches.CreateAsync(new NewWatch("vendor V-3", "analyst-1", "{}", [], 0.7, "https://hooks.example.org/unmask", T0));
        var alerts = await store.Watches.RaiseAsync([
            new NewAlert(watch.Id, "e-1", "us_ofac_sdn", 1, 0.9, "{}", T0), new NewAlert(watch.Id, "e-2", "us_ofac_sdn", 1, 0.9, "{}", T0.AddSeconds(1))]);
        var held = (await store.Watches.DeliveriesOfAsync(alerts[0].Id)).ShouldHaveSingleItem();

        await using (await RowLocks.HoldAsync(backend, location, $"SELECT id FROM webhook_deliveries WHERE id = {held.Id} FOR UPDATE"))
        {
            var claimed = await RowLocks.WithoutWaitingAsync(store.Watches.ClaimDueDeliveriesAsync(T0.AddMinutes(1), TimeSpan.FromMinutes(5)));
            claimed.ShouldHaveSingleItem().AlertId.ShouldBe(alerts[1].Id);
        }

        (await store.Watches.ClaimDueDeliveriesAsync(T0.AddMinutes(2), TimeSpan.FromMinutes(5))).ShouldHaveSingleItem().Id.ShouldBe(held.Id);
    }
}

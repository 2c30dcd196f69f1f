using Unmask.Storage;
using Unmask.TestKit.Databases;

namespace Unmask.Storage.Tests;

/// <summary>What every store backend must do with monitoring: watches, the alerts they raise (each once per watch, entity
/// and list version) and the webhook deliveries of those alerts (retried until delivered or given up, handed to one server
/// at a time). A backend's test class inherits this with its backend.</summary>
public abstract class WatchStoreContract(StoreBackend backend)
{
    private static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero).AddTicks(1_234_560);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private Task<IUnmaskStore> NewStoreAsync() => backend.NewStoreAsync();

    [Fact]
    public async Task A_new_watch_is_active_and_reads_back_as_written()
    {
        await using var store = await NewStoreAsync();
        var created = await store.Watches.CreateAsync(Vendor("V-3", webhook: "https://hooks.example.org/unmask?team=risk"));

        (created.Name, created.Owner, created.Threshold, created.WebhookUrl, created.Active, created.CreatedAt)
            .ShouldBe(("vendor V-3", "analyst-1", 0.7, "https://hooks.example.org/unmask?team=risk", true, T0));
        created.Datasets.ShouldBe(["us_ofac_sdn", "un_sc_sanctions"]);
        SameJson.ShouldMeanTheSame(created.QueryJson, """{"schema":"Company","properties":{"name":["Vendor V-3"]}}""");
        ShouldBeTheSame((await store.Watches.GetAsync(created.Id)).ShouldNotBeNull(), created);
        (await store.Watches.GetAsync("999")).ShouldBeNull();
        (await store.Watches.GetAsync("vendor V-3")).ShouldBeNull();
    }

    [Fact]
    public async Task What_a_watch_cannot_be_is_refused_before_it_is_written()
    {
        await using var store = await NewStoreAsync();

        await Should.ThrowAsync<ArgumentException>(() => store.Watches.CreateAsync(Vendor("V-3") with { QueryJson = "name=V-3" }));
        await Should.ThrowAsync<ArgumentException>(() => store.Watches.CreateAsync(Vendor("V-3") with { Name = "" }));
        await Should.ThrowAsync<ArgumentException>(() => store.Watches.CreateAsync(Vendor("V-3") with { Datasets = ["us_ofac_sdn", "us_ofac_sdn"] }));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => store.Watches.CreateAsync(Vendor("V-3") with { Threshold = 1.5 }));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => store.Watches.CreateAsync(Vendor("V-3") with { Threshold = double.NaN }));
        foreach (var url in new[] { "hooks.example.org/unmask", "ftp://hooks.example.org/", "/unmask", "file:///etc/passwd" })
        {
            await Should.ThrowAsync<ArgumentException>(() => store.Watches.CreateAsync(Vendor("V-3", webhook: url)));
        }
        (await store.Watches.ListAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Watches_are_listed_oldest_first_stopped_ones_included_and_by_owner()
    {
        await using var store = await NewStoreAsync();
        var first = await store.Watches.CreateAsync(Vendor("V-1"));
        var second = await store.Watches.CreateAsync(Vendor("V-2") with { Owner = "analyst-2", CreatedAt = T0.AddSeconds(1) });
        var third = await store.Watches.CreateAsync(Vendor("V-3") with { CreatedAt = T0.AddSeconds(2), Datasets = [] });

        (await store.Watches.DeactivateAsync(first.Id)).ShouldBeTrue();

        var all = await store.Watches.ListAsync();
        all.Select(watch => (watch.Id, watch.Active)).ShouldBe([(first.Id, false), (second.Id, true), (third.Id, true)]);
        all[2].Datasets.ShouldBeEmpty();
        (await store.Watches.ListAsync(owner: "analyst-1")).Select(watch => watch.Id).ShouldBe([first.Id, third.Id]);
    }

    [Fact]
    public async Task A_watch_is_stopped_once()
    {
        await using var store = await NewStoreAsync();
        var watch = await store.Watches.CreateAsync(Vendor("V-3"));

        (await store.Watches.DeactivateAsync(watch.Id)).ShouldBeTrue();
        (await store.Watches.DeactivateAsync(watch.Id)).ShouldBeFalse();
        (await store.Watches.DeactivateAsync("999")).ShouldBeFalse();
        (await store.Watches.GetAsync(watch.Id)).ShouldNotBeNull().Active.ShouldBeFalse();
    }

    [Fact]
    public async Task An_alert_is_raised_once_per_watch_entity_and_list_version()
    {
        await using var store = await NewStoreAsync();
        var watch = await store.Watches.CreateAsync(Vendor("V-3"));
        var other = await store.Watches.CreateAsync(Vendor("V-4"));

        var first = await store.Watches.RaiseAsync([Match(watch, "us_ofac_sdn-123", version: 7), Match(watch, "us_ofac_sdn-123", version: 7, minutes: 1)]);
        var again = await store.Watches.RaiseAsync([Match(watch, "us_ofac_sdn-123", version: 7, minutes: 60)]);
        var newer = await store.Watches.RaiseAsync([
            Match(watch, "us_ofac_sdn-123", version: 8, minutes: 60),
            Match(watch, "us_ofac_sdn-456", version: 7, minutes: 60),
            Match(other, "us_ofac_sdn-123", version: 7, minutes: 60),
            Match(watch, "us_ofac_sdn-123", version: 7, minutes: 60) with { Dataset = "un_sc_sanctions" }]);

        var alert = first.ShouldHaveSingleItem();
        (alert.WatchId, alert.EntityId, alert.Dataset, alert.DatasetVersion, alert.Score, alert.RaisedAt, alert.AcknowledgedBy, alert.AcknowledgedAt)
            .ShouldBe((watch.Id, "us_ofac_sdn-123", "us_ofac_sdn", 7, 0.91, T0, null, null));
        SameJson.ShouldMeanTheSame(alert.DetailsJson, """{"caption":"KOREA SOBAEKSU TRADING COMPANY","features":{"name":0.91}}""");
        again.ShouldBeEmpty();
        newer.Count.ShouldBe(4);
        (await store.Watches.ListAlertsAsync()).Count.ShouldBe(5);
        (await store.Watches.GetAlertAsync(alert.Id)).ShouldBe(alert);
        (await store.Watches.GetAlertAsync("999")).ShouldBeNull();
    }

    [Fact]
    public async Task A_stopped_watch_raises_nothing_and_keeps_its_alerts()
    {
        await using var store = await NewStoreAsync();
        var watch = await store.Watches.CreateAsync(Vendor("V-3"));
        var kept = (await store.Watches.RaiseAsync([Match(watch, "us_ofac_sdn-123", version: 7)])).ShouldHaveSingleItem();
        await store.Watches.DeactivateAsync(watch.Id);

        (await store.Watches.RaiseAsync([Match(watch, "us_ofac_sdn-456", version: 7)])).ShouldBeEmpty();

        (await store.Watches.ListAlertsAsync(watch.Id)).ShouldBe([kept]);
    }

    [Fact]
    public async Task Alerts_for_a_watch_that_does_not_exist_are_refused_with_the_whole_call()
    {
        await using var store = await NewStoreAsync();
        var watch = await store.Watches.CreateAsync(Vendor("V-3", webhook: "https://hooks.example.org/unmask"));

        await Should.ThrowAsync<ArgumentException>(() => store.Watches.RaiseAsync([Match(watch, "us_ofac_sdn-123", version: 7), Match(watch, "us_ofac_sdn-456", version: 7) with { WatchId = "999" }]));
        await Should.ThrowAsync<ArgumentException>(() => store.Watches.RaiseAsync([Match(watch, "us_ofac_sdn-123", version: 7) with { WatchId = "V-3" }]));
        await Should.ThrowAsync<ArgumentException>(() => store.Watches.RaiseAsync([Match(watch, "us_ofac_sdn-123", version: 7) with { DetailsJson = "{" }]));

        (await store.Watches.ListAlertsAsync()).ShouldBeEmpty();
        (await store.Watches.ClaimDueDeliveriesAsync(T0.AddDays(1), Lease)).ShouldBeEmpty();
        (await store.Watches.RaiseAsync([Match(watch, "us_ofac_sdn-123", version: 7)])).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Alerts_are_listed_newest_first_by_watch_and_since_a_time()
    {
        await using var store = await NewStoreAsync();
        var watch = await store.Watches.CreateAsync(Vendor("V-3"));
        var other = await store.Watches.CreateAsync(Vendor("V-4"));
        var raised = await store.Watches.RaiseAsync([
            Match(watch, "e-1", version: 1, minutes: 0), Match(other, "e-2", version: 1, minutes: 1), Match(watch, "e-3", version: 1, minutes: 2), Match(watch, "e-4", version: 1, minutes: 3)]);

        (await store.Watches.ListAlertsAsync()).Select(alert => alert.EntityId).ShouldBe(["e-4", "e-3", "e-2", "e-1"]);
        (await store.Watches.ListAlertsAsync(watch.Id)).Select(alert => alert.EntityId).ShouldBe(["e-4", "e-3", "e-1"]);
        (await store.Watches.ListAlertsAsync(since: T0.AddMinutes(1))).Select(alert => alert.EntityId).ShouldBe(["e-4", "e-3", "e-2"]);
        (await store.Watches.ListAlertsAsync(watch.Id, since: T0.AddMinutes(1), limit: 1)).Select(alert => alert.EntityId).ShouldBe(["e-4"]);
        (await store.Watches.ListAlertsAsync("999")).ShouldBeEmpty();
        (await store.Watches.ListAlertsAsync("V-3")).ShouldBeEmpty();
        raised.Count.ShouldBe(4);
    }

    [Fact]
    public async Task An_alert_is_acknowledged_once()
    {
        await using var store = await NewStoreAsync();
        var watch = await store.Watches.CreateAsync(Vendor("V-3"));
        var alert = (await store.Watches.RaiseAsync([Match(watch, "us_ofac_sdn-123", version: 7)])).ShouldHaveSingleItem();

        (await store.Watches.AcknowledgeAsync(alert.Id, "analyst-2", T0.AddHours(1))).ShouldBeTrue();
        (await store.Watches.AcknowledgeAsync(alert.Id, "analyst-3", T0.AddHours(2))).ShouldBeFalse();
        (await store.Watches.AcknowledgeAsync("999", "analyst-3", T0.AddHours(2))).ShouldBeFalse();

        (await store.Watches.GetAlertAsync(alert.Id)).ShouldBe(alert with { AcknowledgedBy = "analyst-2", AcknowledgedAt = T0.AddHours(1) });
    }

    [Fact]
    public async Task A_new_alert_of_a_watch_with_a_webhook_is_due_for_delivery_at_once()
    {
        await using var store = await NewStoreAsync();
        var hooked = await store.Watches.CreateAsync(Vendor("V-3", webhook: "https://hooks.example.org/unmask"));
        var quiet = await store.Watches.CreateAsync(Vendor("V-4"));
        var alerts = await store.Watches.RaiseAsync([Match(hooked, "us_ofac_sdn-123", version: 7, minutes: 10), Match(quiet, "us_ofac_sdn-123", version: 7, minutes: 10)]);

        (await store.Watches.ClaimDueDeliveriesAsync(T0.AddMinutes(9), Lease)).ShouldBeEmpty();
        var delivery = (await store.Watches.ClaimDueDeliveriesAsync(T0.AddMinutes(10), Lease)).ShouldHaveSingleItem();

        delivery.AlertId.ShouldBe(alerts[0].Id);
        (delivery.Url, delivery.Status, delivery.Attempts, delivery.CreatedAt, delivery.NextAttemptAt, delivery.LastAttemptAt, delivery.DeliveredAt)
            .ShouldBe(("https://hooks.example.org/unmask", DeliveryStatus.Pending, 0, T0.AddMinutes(10), T0.AddMinutes(10) + Lease, null, null));
        (await store.Watches.DeliveriesOfAsync(alerts[0].Id)).ShouldBe([delivery]);
        (await store.Watches.DeliveriesOfAsync(alerts[1].Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_claimed_delivery_is_nobody_elses_until_its_lease_runs_out()
    {
        await using var store = await NewStoreAsync();
        var watch = await store.Watches.CreateAsync(Vendor("V-3", webhook: "https://hooks.example.org/unmask"));
        await store.Watches.RaiseAsync([Match(watch, "us_ofac_sdn-123", version: 7)]);
        var claimed = (await store.Watches.ClaimDueDeliveriesAsync(T0, Lease)).ShouldHaveSingleItem();

        (await store.Watches.ClaimDueDeliveriesAsync(T0.AddMinutes(1), Lease)).ShouldBeEmpty();
        var reclaimed = (await store.Watches.ClaimDueDeliveriesAsync(T0 + Lease, Lease)).ShouldHaveSingleItem();

        reclaimed.Id.ShouldBe(claimed.Id);
        reclaimed.Attempts.ShouldBe(0);
        reclaimed.NextAttemptAt.ShouldBe(T0 + Lease + Lease);
    }

    [Fact]
    public async Task Servers_claiming_deliveries_at_the_same_moment_never_get_the_same_one()
    {
        var location = await backend.NewLocationAsync();
        await using var server1 = await backend.OpenAsync(location);
        await using var server2 = await backend.OpenAsync(location);
        var watch = await server1.Watches.CreateAsync(Vendor("V-3", webhook: "https://hooks.example.org/unmask"));
        var alerts = await server1.Watches.RaiseAsync([.. Enumerable.Range(0, 40).Select(i => Match(watch, $"e-{i}", version: 1))]);

        var perClaimer = await Task.WhenAll(Enumerable.Range(0, 6).Select(claimer => Task.Run(async () =>
        {
            var server = claimer % 2 == 0 ? server1 : server2;
            var mine = new List<WebhookDelivery>();
            while (await server.Watches.ClaimDueDeliveriesAsync(T0, Lease, limit: 3) is { Count: > 0 } batch)
            {
                batch.Count.ShouldBeLessThanOrEqualTo(3);
                mine.AddRange(batch);
            }
            return mine;
        })));

        var claims = perClaimer.SelectMany(deliveries => deliveries).ToList();
        claims.Select(delivery => delivery.AlertId).Order().ShouldBe(alerts.Select(alert => alert.Id).Order());
    }

    [Fact]
    public async Task The_oldest_due_deliveries_are_handed_out_first()
    {
        await using var store = await NewStoreAsync();
        var watch = await store.Watches.CreateAsync(Vendor("V-3", webhook: "https://hooks.example.org/unmask"));
        var alerts = await store.Watches.RaiseAsync([Match(watch, "e-late", version: 1, minutes: 3), Match(watch, "e-early", version: 1, minutes: 1), Match(watch, "e-middle", version: 1, minutes: 2)]);

        var firstTwo = await store.Watches.ClaimDueDeliveriesAsync(T0.AddMinutes(5), Lease, limit: 2);

        firstTwo.Select(delivery => delivery.AlertId).Order().ShouldBe(new[] { alerts[1].Id, alerts[2].Id }.Order());
    }

    [Fact]
    public async Task A_failed_attempt_is_counted_and_tried_again_when_due()
    {
        await using var store = await NewStoreAsync();
        var delivery = await OneDueDeliveryAsync(store);

        (await store.Watches.RecordAttemptAsync(delivery.Id, new DeliveryAttempt(false, 503, "service unavailable", T0.AddMinutes(1), T0.AddMinutes(10)))).ShouldBeTrue();

        var failed = (await store.Watches.DeliveriesOfAsync(delivery.AlertId)).ShouldHaveSingleItem();
        (failed.Status, failed.Attempts, failed.ResponseCode, failed.Error, failed.LastAttemptAt, failed.NextAttemptAt, failed.DeliveredAt)
            .ShouldBe((DeliveryStatus.Pending, 1, (int?)503, "service unavailable", T0.AddMinutes(1), T0.AddMinutes(10), null));
        (await store.Watches.ClaimDueDeliveriesAsync(T0.AddMinutes(9), Lease)).ShouldBeEmpty();
        (await store.Watches.ClaimDueDeliveriesAsync(T0.AddMinutes(10), Lease)).ShouldHaveSingleItem().Id.ShouldBe(delivery.Id);
    }

    [Fact]
    public async Task A_delivered_webhook_is_done()
    {
        await using var store = await NewStoreAsync();
        var delivery = await OneDueDeliveryAsync(store);
        await store.Watches.RecordAttemptAsync(delivery.Id, new DeliveryAttempt(false, null, "connection refused", T0.AddMinutes(1), T0.AddMinutes(2)));

        (await store.Watches.RecordAttemptAsync(delivery.Id, new DeliveryAttempt(true, 204, null, T0.AddMinutes(3), null))).ShouldBeTrue();
        (await store.Watches.RecordAttemptAsync(delivery.Id, new DeliveryAttempt(true, 204, null, T0.AddMinutes(4), null))).ShouldBeFalse();

        var delivered = (await store.Watches.DeliveriesOfAsync(delivery.AlertId)).ShouldHaveSingleItem();
        (delivered.Status, delivered.Attempts, delivered.ResponseCode, delivered.Error, delivered.DeliveredAt, delivered.NextAttemptAt)
            .ShouldBe((DeliveryStatus.Delivered, 2, (int?)204, null, T0.AddMinutes(3), null));
        (await store.Watches.ClaimDueDeliveriesAsync(T0.AddDays(1), Lease)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_delivery_given_up_is_never_tried_again()
    {
        await using var store = await NewStoreAsync();
        var delivery = await OneDueDeliveryAsync(store);

        (await store.Watches.RecordAttemptAsync(delivery.Id, new DeliveryAttempt(false, 410, "gone", T0.AddMinutes(1), null))).ShouldBeTrue();
        (await store.Watches.RecordAttemptAsync(delivery.Id, new DeliveryAttempt(false, 410, "gone", T0.AddMinutes(2), T0.AddMinutes(3)))).ShouldBeFalse();

        var gaveUp = (await store.Watches.DeliveriesOfAsync(delivery.AlertId)).ShouldHaveSingleItem();
        (gaveUp.Status, gaveUp.Attempts, gaveUp.NextAttemptAt, gaveUp.DeliveredAt).ShouldBe((DeliveryStatus.GaveUp, 1, null, null));
        (await store.Watches.ClaimDueDeliveriesAsync(T0.AddDays(1), Lease)).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_attempt_that_cannot_be_is_refused()
    {
        await using var store = await NewStoreAsync();
        var delivery = await OneDueDeliveryAsync(store);

        await Should.ThrowAsync<ArgumentException>(() => store.Watches.RecordAttemptAsync(delivery.Id, new DeliveryAttempt(true, 200, null, T0, T0.AddMinutes(1))));
        (await store.Watches.RecordAttemptAsync("999", new DeliveryAttempt(true, 200, null, T0, null))).ShouldBeFalse();
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => store.Watches.ClaimDueDeliveriesAsync(T0, TimeSpan.Zero));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => store.Watches.ClaimDueDeliveriesAsync(T0, Lease, limit: 0));
        (await store.Watches.DeliveriesOfAsync(delivery.AlertId)).ShouldHaveSingleItem().Attempts.ShouldBe(0);
    }

    private static async Task<WebhookDelivery> OneDueDeliveryAsync(IUnmaskStore store)
    {
        var watch = await store.Watches.CreateAsync(Vendor("V-3", webhook: "https://hooks.example.org/unmask"));
        await store.Watches.RaiseAsync([Match(watch, "us_ofac_sdn-123", version: 7)]);
        return (await store.Watches.ClaimDueDeliveriesAsync(T0, Lease)).ShouldHaveSingleItem();
    }

    private static NewWatch Vendor(string vendor, string? webhook = null) => new(
        $"vendor {vendor}", "analyst-1", $$$"""{"schema": "Company", "properties": {"name": ["Vendor {{{vendor}}}"]}}""", ["us_ofac_sdn", "un_sc_sanctions"], 0.7, webhook, T0);

    private static NewAlert Match(Watch watch, string entityId, int version, int minutes = 0) => new(
        watch.Id, entityId, "us_ofac_sdn", version, 0.91, """{"caption": "KOREA SOBAEKSU TRADING COMPANY", "features": {"name": 0.91}}""", T0.AddMinutes(minutes));

    private static void ShouldBeTheSame(Watch actual, Watch expected)
    {
        actual.Datasets.ShouldBe(expected.Datasets);
        actual.ShouldBe(expected with { Datasets = actual.Datasets });
    }
}

using Unmask.Storage;
using Unmask.TestKit.Databases;

namespace Unmask.Storage.Tests;

/// <summary>What every store backend must do with the service's jobs (the HTTP service of issue 17 builds on this). A
/// backend's test class inherits this with its backend.</summary>
public abstract class JobStoreContract(StoreBackend backend)
{
    private static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero).AddTicks(1_234_560);

    private Task<IUnmaskStore> NewStoreAsync() => backend.NewStoreAsync();

    [Fact]
    public async Task A_new_job_is_queued_with_its_parameters_and_owner()
    {
        await using var store = await NewStoreAsync();
        var created = await store.Jobs.CreateAsync(new NewJob("screen-batch", "analyst-1", """{"file": "vendors.csv", "threshold": 0.7}""", T0));

        created.Status.ShouldBe(JobStatus.Queued);
        created.Kind.ShouldBe("screen-batch");
        created.Owner.ShouldBe("analyst-1");
        created.Progress.ShouldBe(0);
        created.Attempts.ShouldBe(0);
        created.CreatedAt.ShouldBe(T0);
        (created.Worker, created.StartedAt, created.HeartbeatAt, created.FinishedAt, created.ResultJson, created.Error).ShouldBe((null, null, null, null, null, null));
        SameJson.ShouldMeanTheSame(created.ParametersJson, """{"threshold":0.7,"file":"vendors.csv"}""");
        (await store.Jobs.GetAsync(created.Id)).ShouldBe(created);
    }

    [Fact]
    public async Task An_id_the_store_never_gave_finds_nothing()
    {
        await using var store = await NewStoreAsync();
        await store.Jobs.CreateAsync(new NewJob("screen-batch", "analyst-1", "{}", T0));

        (await store.Jobs.GetAsync("999")).ShouldBeNull();
        (await store.Jobs.GetAsync("not-a-job")).ShouldBeNull();
        (await store.Jobs.CancelAsync("-1", T0)).ShouldBeFalse();
        (await store.Jobs.ReportProgressAsync("x", "worker-a", 0.5, null, T0)).ShouldBeFalse();
    }

    [Fact]
    public async Task What_a_job_cannot_be_is_refused_before_it_is_written()
    {
        await using var store = await NewStoreAsync();

        await Should.ThrowAsync<ArgumentException>(() => store.Jobs.CreateAsync(new NewJob("screen-batch", "analyst-1", "{not json", T0)));
        await Should.ThrowAsync<ArgumentException>(() => store.Jobs.CreateAsync(new NewJob("", "analyst-1", "{}", T0)));
        await Should.ThrowAsync<ArgumentException>(() => store.Jobs.CreateAsync(new NewJob("screen-batch", " ", "{}", T0)));
        await Should.ThrowAsync<ArgumentException>(() => store.Jobs.ClaimNextAsync("worker-a", [], T0));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => store.Jobs.ListAsync(limit: 0));
        (await store.Jobs.ListAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_worker_claims_the_oldest_queued_job_of_its_kinds()
    {
        await using var store = await NewStoreAsync();
        await store.Jobs.CreateAsync(new NewJob("crawl-site", "analyst-1", "{}", T0));
        var older = await store.Jobs.CreateAsync(new NewJob("screen-batch", "analyst-1", "{}", T0.AddSeconds(1)));
        await store.Jobs.CreateAsync(new NewJob("screen-batch", "analyst-2", "{}", T0.AddSeconds(2)));

        var claimed = (await store.Jobs.ClaimNextAsync("worker-a", ["screen-batch", "update-lists"], T0.AddMinutes(1))).ShouldNotBeNull();

        claimed.Id.ShouldBe(older.Id);
        claimed.Status.ShouldBe(JobStatus.Running);
        claimed.Worker.ShouldBe("worker-a");
        claimed.Attempts.ShouldBe(1);
        claimed.StartedAt.ShouldBe(T0.AddMinutes(1));
        claimed.HeartbeatAt.ShouldBe(T0.AddMinutes(1));
        (await store.Jobs.GetAsync(older.Id)).ShouldBe(claimed);
    }

    [Fact]
    public async Task Nothing_is_claimed_when_no_job_of_the_workers_kinds_is_queued()
    {
        await using var store = await NewStoreAsync();
        await store.Jobs.CreateAsync(new NewJob("crawl-site", "analyst-1", "{}", T0));
        var only = await store.Jobs.CreateAsync(new NewJob("screen-batch", "analyst-1", "{}", T0));
        await store.Jobs.ClaimNextAsync("worker-a", ["screen-batch"], T0);

        (await store.Jobs.ClaimNextAsync("worker-b", ["screen-batch"], T0)).ShouldBeNull();
        (await store.Jobs.ClaimNextAsync("worker-b", ["update-lists"], T0)).ShouldBeNull();
        (await store.Jobs.GetAsync(only.Id)).ShouldNotBeNull().Worker.ShouldBe("worker-a");
    }

    [Fact]
    public async Task Workers_of_two_servers_claiming_at_the_same_moment_never_get_the_same_job()
    {
        var location = await backend.NewLocationAsync();
        await using var server1 = await backend.OpenAsync(location);
        await using var server2 = await backend.OpenAsync(location);
        var queued = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            queued.Add((await server1.Jobs.CreateAsync(new NewJob("screen-batch", "analyst-1", $"{{\"row\": {i}}}", T0.AddMilliseconds(i)))).Id);
        }

        var perWorker = await Task.WhenAll(Enumerable.Range(0, 6).Select(worker => Task.Run(async () =>
        {
            var server = worker % 2 == 0 ? server1 : server2;
            var mine = new List<Job>();
            while (await server.Jobs.ClaimNextAsync($"worker-{worker}", ["screen-batch"], T0.AddMinutes(1)) is { } job)
            {
                mine.Add(job);
            }
            return mine;
        })));

        var claims = perWorker.SelectMany(jobs => jobs).ToList();
        claims.Select(job => job.Id).Order().ShouldBe(queued.Order());
        claims.ShouldAllBe(job => job.Attempts == 1);
        foreach (var (worker, jobs) in perWorker.Index())
        {
            foreach (var job in jobs)
            {
                (await server1.Jobs.GetAsync(job.Id)).ShouldNotBeNull().Worker.ShouldBe($"worker-{worker}");
            }
        }
    }

    [Fact]
    public async Task A_worker_reports_progress_then_the_result()
    {
        await using var store = await NewStoreAsync();
        var job = await QueuedAndClaimedAsync(store, "worker-a");

        (await store.Jobs.ReportProgressAsync(job.Id, "worker-a", 0.4, "4,000 of 10,000 rows", T0.AddMinutes(2))).ShouldBeTrue();
        var running = (await store.Jobs.GetAsync(job.Id)).ShouldNotBeNull();
        (running.Progress, running.ProgressNote, running.HeartbeatAt).ShouldBe((0.4, "4,000 of 10,000 rows", T0.AddMinutes(2)));

        (await store.Jobs.CompleteAsync(job.Id, "worker-a", """{"matches": 3}""", T0.AddMinutes(3))).ShouldBeTrue();
        var done = (await store.Jobs.GetAsync(job.Id)).ShouldNotBeNull();
        done.Status.ShouldBe(JobStatus.Succeeded);
        done.Progress.ShouldBe(1);
        done.FinishedAt.ShouldBe(T0.AddMinutes(3));
        SameJson.ShouldMeanTheSame(done.ResultJson!, """{"matches":3}""");

        (await store.Jobs.CompleteAsync(job.Id, "worker-a", "{}", T0.AddMinutes(4))).ShouldBeFalse();
        (await store.Jobs.FailAsync(job.Id, "worker-a", "late", T0.AddMinutes(4))).ShouldBeFalse();
        (await store.Jobs.CancelAsync(job.Id, T0.AddMinutes(4))).ShouldBeFalse();
        (await store.Jobs.GetAsync(job.Id)).ShouldBe(done);
    }

    [Fact]
    public async Task A_failed_job_keeps_why()
    {
        await using var store = await NewStoreAsync();
        var job = await QueuedAndClaimedAsync(store, "worker-a");

        (await store.Jobs.FailAsync(job.Id, "worker-a", "vendors.csv line 12: not a date", T0.AddMinutes(2))).ShouldBeTrue();

        var failed = (await store.Jobs.GetAsync(job.Id)).ShouldNotBeNull();
        (failed.Status, failed.Error, failed.FinishedAt, failed.ResultJson).ShouldBe((JobStatus.Failed, "vendors.csv line 12: not a date", T0.AddMinutes(2), null));
        await Should.ThrowAsync<ArgumentException>(() => store.Jobs.FailAsync(job.Id, "worker-a", "", T0));
    }

    [Fact]
    public async Task Progress_is_a_share_and_a_result_is_json()
    {
        await using var store = await NewStoreAsync();
        var job = await QueuedAndClaimedAsync(store, "worker-a");

        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => store.Jobs.ReportProgressAsync(job.Id, "worker-a", 1.5, null, T0));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => store.Jobs.ReportProgressAsync(job.Id, "worker-a", double.NaN, null, T0));
        await Should.ThrowAsync<ArgumentException>(() => store.Jobs.CompleteAsync(job.Id, "worker-a", "matches: 3", T0));
        (await store.Jobs.GetAsync(job.Id)).ShouldBe(job);
    }

    [Fact]
    public async Task Only_the_worker_running_a_job_may_change_it()
    {
        await using var store = await NewStoreAsync();
        var job = await QueuedAndClaimedAsync(store, "worker-a");

        (await store.Jobs.ReportProgressAsync(job.Id, "worker-b", 0.5, null, T0.AddMinutes(2))).ShouldBeFalse();
        (await store.Jobs.CompleteAsync(job.Id, "worker-b", "{}", T0.AddMinutes(2))).ShouldBeFalse();
        (await store.Jobs.FailAsync(job.Id, "worker-b", "no", T0.AddMinutes(2))).ShouldBeFalse();

        (await store.Jobs.GetAsync(job.Id)).ShouldBe(job);
    }

    [Fact]
    public async Task A_cancelled_queued_job_is_never_claimed()
    {
        await using var store = await NewStoreAsync();
        var job = await store.Jobs.CreateAsync(new NewJob("screen-batch", "analyst-1", "{}", T0));

        (await store.Jobs.CancelAsync(job.Id, T0.AddMinutes(1))).ShouldBeTrue();
        (await store.Jobs.CancelAsync(job.Id, T0.AddMinutes(2))).ShouldBeFalse();

        (await store.Jobs.ClaimNextAsync("worker-a", ["screen-batch"], T0.AddMinutes(3))).ShouldBeNull();
        var cancelled = (await store.Jobs.GetAsync(job.Id)).ShouldNotBeNull();
        (cancelled.Status, cancelled.FinishedAt, cancelled.Worker).ShouldBe((JobStatus.Cancelled, T0.AddMinutes(1), null));
    }

    [Fact]
    public async Task A_job_cancelled_while_running_tells_its_worker_to_stop_and_stays_cancelled()
    {
        await using var store = await NewStoreAsync();
        var job = await QueuedAndClaimedAsync(store, "worker-a");

        (await store.Jobs.CancelAsync(job.Id, T0.AddMinutes(2))).ShouldBeTrue();

        (await store.Jobs.ReportProgressAsync(job.Id, "worker-a", 0.9, null, T0.AddMinutes(3))).ShouldBeFalse();
        (await store.Jobs.CompleteAsync(job.Id, "worker-a", "{}", T0.AddMinutes(3))).ShouldBeFalse();
        var cancelled = (await store.Jobs.GetAsync(job.Id)).ShouldNotBeNull();
        (cancelled.Status, cancelled.FinishedAt, cancelled.ResultJson).ShouldBe((JobStatus.Cancelled, T0.AddMinutes(2), null));
    }

    [Fact]
    public async Task Jobs_are_listed_newest_first_by_owner_and_status()
    {
        await using var store = await NewStoreAsync();
        var first = await store.Jobs.CreateAsync(new NewJob("screen-batch", "analyst-1", "{}", T0));
        var second = await store.Jobs.CreateAsync(new NewJob("crawl-site", "analyst-2", "{}", T0.AddSeconds(1)));
        var third = await store.Jobs.CreateAsync(new NewJob("screen-batch", "analyst-1", "{}", T0.AddSeconds(2)));
        var sameMoment = await store.Jobs.CreateAsync(new NewJob("screen-batch", "analyst-1", "{}", T0.AddSeconds(2)));
        await store.Jobs.ClaimNextAsync("worker-a", ["crawl-site"], T0.AddMinutes(1));

        (await store.Jobs.ListAsync()).Select(job => job.Id).ShouldBe([sameMoment.Id, third.Id, second.Id, first.Id]);
        (await store.Jobs.ListAsync(owner: "analyst-1")).Select(job => job.Id).ShouldBe([sameMoment.Id, third.Id, first.Id]);
        (await store.Jobs.ListAsync(status: JobStatus.Running)).Select(job => job.Id).ShouldBe([second.Id]);
        (await store.Jobs.ListAsync(owner: "analyst-2", status: JobStatus.Queued)).ShouldBeEmpty();
        (await store.Jobs.ListAsync(owner: "analyst-1", limit: 2)).Select(job => job.Id).ShouldBe([sameMoment.Id, third.Id]);
    }

    [Fact]
    public async Task A_job_whose_worker_went_silent_is_queued_again_and_its_old_worker_can_no_longer_finish_it()
    {
        await using var store = await NewStoreAsync();
        var silent = await QueuedAndClaimedAsync(store, "worker-a");
        var busy = (await store.Jobs.CreateAsync(new NewJob("screen-batch", "analyst-1", "{}", T0.AddSeconds(1)))).Id;
        await store.Jobs.ClaimNextAsync("worker-b", ["screen-batch"], T0.AddMinutes(1));
        await store.Jobs.ReportProgressAsync(busy, "worker-b", 0.2, null, T0.AddMinutes(9));

        var changed = await store.Jobs.RequeueAbandonedAsync(silentSince: T0.AddMinutes(5), maxAttempts: 2, now: T0.AddMinutes(10));

        var requeued = changed.ShouldHaveSingleItem();
        requeued.Id.ShouldBe(silent.Id);
        (requeued.Status, requeued.Worker, requeued.Attempts, requeued.Progress, requeued.StartedAt).ShouldBe((JobStatus.Queued, null, 1, 0.0, null));
        (await store.Jobs.GetAsync(busy)).ShouldNotBeNull().Status.ShouldBe(JobStatus.Running);

        var again = (await store.Jobs.ClaimNextAsync("worker-c", ["screen-batch"], T0.AddMinutes(11))).ShouldNotBeNull();
        (again.Id, again.Attempts).ShouldBe((silent.Id, 2));
        (await store.Jobs.CompleteAsync(silent.Id, "worker-a", """{"stale": true}""", T0.AddMinutes(12))).ShouldBeFalse();
        (await store.Jobs.GetAsync(silent.Id)).ShouldNotBeNull().Worker.ShouldBe("worker-c");
    }

    [Fact]
    public async Task A_job_abandoned_as_often_as_allowed_fails_naming_its_last_worker()
    {
        await using var store = await NewStoreAsync();
        var job = await QueuedAndClaimedAsync(store, "worker-a");
        await store.Jobs.RequeueAbandonedAsync(T0.AddMinutes(5), maxAttempts: 2, now: T0.AddMinutes(10));
        await store.Jobs.ClaimNextAsync("worker-c", ["screen-batch"], T0.AddMinutes(11));

        var changed = await store.Jobs.RequeueAbandonedAsync(T0.AddMinutes(20), maxAttempts: 2, now: T0.AddMinutes(30));

        var failed = changed.ShouldHaveSingleItem();
        failed.Id.ShouldBe(job.Id);
        failed.Status.ShouldBe(JobStatus.Failed);
        failed.FinishedAt.ShouldBe(T0.AddMinutes(30));
        failed.Error.ShouldNotBeNull().ShouldContain("worker-c");
        failed.Error.ShouldContain("2 times");
        (await store.Jobs.ClaimNextAsync("worker-d", ["screen-batch"], T0.AddMinutes(31))).ShouldBeNull();
        (await store.Jobs.RequeueAbandonedAsync(T0.AddHours(1), maxAttempts: 2, now: T0.AddHours(1))).ShouldBeEmpty();
    }

    private static async Task<Job> QueuedAndClaimedAsync(IUnmaskStore store, string worker)
    {
        await store.Jobs.CreateAsync(new NewJob("screen-batch", "analyst-1", """{"file":"vendors.csv"}""", T0));
        return (await store.Jobs.ClaimNextAsync(worker, ["screen-batch"], T0.AddMinutes(1))).ShouldNotBeNull();
    }
}

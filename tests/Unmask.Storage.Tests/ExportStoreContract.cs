using Unmask.Storage;

namespace Unmask.Storage.Tests;

/// <summary>What every backend's export store must do. A backend's test class inherits this and supplies a fresh store.</summary>
public abstract class ExportStoreContract
{
    protected abstract Task<IUnmaskStore> NewStoreAsync();

    [Fact]
    public async Task Kept_times_come_back_to_the_microsecond()
    {
        await using var store = await NewStoreAsync();
        var indicator = new StixObjectTimes("indicator--0b4e0e46-4a0b-5a0e-9d3c-1f2e3d4c5b6a", "sha256:ab12",
            new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero).AddTicks(9_010), new DateTimeOffset(2026, 11, 30, 23, 59, 59, TimeSpan.FromHours(9)));

        await store.Exports.PutStixTimesAsync([indicator]);

        var kept = (await store.Exports.GetStixTimesAsync()).ShouldHaveSingleItem();
        kept.Key.ShouldBe(indicator.Id);
        kept.Value.ShouldBe(indicator);
        kept.Value.Modified.Offset.ShouldBe(TimeSpan.Zero, "kept in UTC");
    }

    [Fact]
    public async Task A_changed_object_gets_its_new_times_and_the_others_stay()
    {
        await using var store = await NewStoreAsync();
        var at = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        await store.Exports.PutStixTimesAsync([new("identity--1", "h1", at, at), new("identity--2", "h2", at, at)]);

        await store.Exports.PutStixTimesAsync([new("identity--2", "h2b", at, at.AddDays(3))]);

        var times = await store.Exports.GetStixTimesAsync();
        times["identity--1"].ShouldBe(new StixObjectTimes("identity--1", "h1", at, at));
        times["identity--2"].ShouldBe(new StixObjectTimes("identity--2", "h2b", at, at.AddDays(3)));
    }

    [Fact]
    public async Task Thousands_of_times_are_kept_in_one_call()
    {
        await using var store = await NewStoreAsync();
        var at = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var times = Enumerable.Range(0, 2_500).Select(i => new StixObjectTimes($"indicator--{i}", $"h{i}", at, at.AddSeconds(i))).ToList();

        await store.Exports.PutStixTimesAsync(times);

        var kept = await store.Exports.GetStixTimesAsync();
        kept.Count.ShouldBe(2_500);
        kept["indicator--2499"].Modified.ShouldBe(at.AddSeconds(2_499));
    }

    [Fact]
    public async Task Nothing_kept_yet()
    {
        await using var store = await NewStoreAsync();

        (await store.Exports.GetStixTimesAsync()).ShouldBeEmpty();
        await store.Exports.PutStixTimesAsync([]);
        (await store.Exports.GetStixTimesAsync()).ShouldBeEmpty();
    }
}

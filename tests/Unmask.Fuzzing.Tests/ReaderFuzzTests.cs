using CsCheck;
using Unmask.Watchlists;

namespace Unmask.Fuzzing.Tests;

/// <summary>
/// Every reader, fed generated inputs (mutated seeds and random bytes) for a couple of seconds each: it returns normally or
/// refuses with InputException, within a time bound. The long runs (100,000 inputs per reader) are <c>bench fuzz</c>.
/// </summary>
public sealed class ReaderFuzzTests
{
    private static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(3);

    public static TheoryData<string> Targets => new(FuzzTargets.All.Select(t => t.Name));

    public static TheoryData<string> ListTargets => new(ListReaders.Default.All.Select(r => FuzzTargets.NameOf(r.Format)));

    [Theory]
    [MemberData(nameof(Targets))]
    public void Generated_inputs_are_read_or_refused_within_the_time_bound(string name)
    {
        var target = FuzzTargets.Named(name);
        using var runner = new FuzzRunner(TimeBound);
        Mutations.For(SeedCorpus.For(target)).Sample(input =>
        {
            var result = runner.Run(target, input);
            result.IsAcceptable.ShouldBeTrue(result.Signature);
        }, time: 2, threads: 1, print: input => $"{input.Length} bytes: {Convert.ToBase64String(input.AsSpan(0, Math.Min(input.Length, 300)))}");
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_seed_is_read_without_complaint(string name)
    {
        var target = FuzzTargets.Named(name);
        var seeds = SeedCorpus.For(target);
        seeds.ShouldNotBeEmpty();
        using var runner = new FuzzRunner(TimeBound);
        foreach (var seed in seeds)
        {
            runner.Run(target, seed).Outcome.ShouldBe(FuzzOutcome.Read);
        }
    }

    [Theory]
    [MemberData(nameof(ListTargets))]
    public void List_seeds_are_detected_as_their_own_format(string name)
    {
        foreach (var seed in SeedCorpus.For(name))
        {
            var reader = ListReaders.Default.Detect(seed.AsSpan(0, Math.Min(seed.Length, ListReaders.HeadBytes)));
            reader.ShouldNotBeNull(name);
            FuzzTargets.NameOf(reader.Format).ShouldBe(name);
        }
    }

    [Fact]
    public void Mutations_change_seeds_and_stay_reproducible()
    {
        var seeds = SeedCorpus.For("vet-csv");
        var first = Mutations.Mutate(seeds, seeds[0], 3, new Random(7));
        var again = Mutations.Mutate(seeds, seeds[0], 3, new Random(7));
        again.ShouldBe(first);
        Enumerable.Range(0, 20).Select(i => Mutations.Mutate(seeds, seeds[0], 2, new Random(i))).Count(m => !m.SequenceEqual(seeds[0])).ShouldBeGreaterThan(15);
    }

    [Fact]
    public void The_runner_tells_a_crash_a_refusal_and_a_hang_apart()
    {
        using var runner = new FuzzRunner(TimeSpan.FromMilliseconds(200));
        runner.Run(new FuzzTarget("ok", "x", (_, _) => { }), []).Outcome.ShouldBe(FuzzOutcome.Read);
        runner.Run(new FuzzTarget("bad", "x", (_, _) => throw new Unmask.Domain.InputException("x", 1, "bad")), []).Outcome.ShouldBe(FuzzOutcome.Refused);
        runner.Run(new FuzzTarget("crash", "x", (_, _) => throw new NullReferenceException()), []).Outcome.ShouldBe(FuzzOutcome.Crashed);
        runner.Run(new FuzzTarget("hang", "x", (_, _) => Thread.Sleep(2_000)), []).Outcome.ShouldBe(FuzzOutcome.Hung);
    }
}

using Microsoft.Extensions.Time.Testing;
using Unmask.TestKit;
using Unmask.Vetting.Scoring;

namespace Unmask.Vetting.Tests.Scenario;

public sealed class ScenarioEvaluationTests(ITestOutputHelper output)
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 10, 15, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Planted_cases_are_found_benign_rarely_flagged_and_flag_rates_do_not_depend_on_name_origin()
    {
        using var folder = new TempFolder();
        var scenario = ScenarioGenerator.Generate(new Random(20261115), new ScenarioOptions(Benign: 1000, PlantedPerCode: 4));
        var (_, metrics) = ScenarioEvaluation.Evaluate(scenario, folder.Path, Clock);
        output.WriteLine(metrics.Report());

        foreach (var code in WeightsTable.VettingV1.Rows.Select(r => r.Code).Distinct())
        {
            metrics.RecallByCode.ShouldContainKey(code, $"no planted case for {code}");
            var (planted, found) = metrics.RecallByCode[code];
            ((double)found / planted).ShouldBeGreaterThanOrEqualTo(0.95, $"{code}: found {found} of {planted}");
        }
        metrics.PlantedFlaggedRate.ShouldBeGreaterThanOrEqualTo(0.95);
        metrics.BenignFlagRate.ShouldBeLessThanOrEqualTo(0.03);

        // Fairness (INDICATORS.md §2 rule 6): Korean/Chinese-looking names vs all others, two-proportion test at ~2 sigma plus 1 point.
        var (kcTotal, kcFlagged) = Sum(metrics, o => o is "korean" or "chinese");
        var (otherTotal, otherFlagged) = Sum(metrics, o => o is not ("korean" or "chinese"));
        var p1 = (double)kcFlagged / kcTotal;
        var p2 = (double)otherFlagged / otherTotal;
        var pooled = (double)(kcFlagged + otherFlagged) / (kcTotal + otherTotal);
        var sigma = Math.Sqrt(pooled * (1 - pooled) * ((1.0 / kcTotal) + (1.0 / otherTotal)));
        Math.Abs(p1 - p2).ShouldBeLessThanOrEqualTo((2 * sigma) + 0.01, $"korean/chinese {p1:P2} vs others {p2:P2}");
        foreach (var (origin, (total, flagged)) in metrics.BenignByOrigin)
        {
            ((double)flagged / total).ShouldBeLessThanOrEqualTo(0.08, origin);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_results()
    {
        using var a = new TempFolder();
        using var b = new TempFolder();
        var first = ScenarioEvaluation.Evaluate(ScenarioGenerator.Generate(new Random(7), new ScenarioOptions(Benign: 100, PlantedPerCode: 1, Photos: false)), a.Path, Clock);
        var second = ScenarioEvaluation.Evaluate(ScenarioGenerator.Generate(new Random(7), new ScenarioOptions(Benign: 100, PlantedPerCode: 1, Photos: false)), b.Path, Clock);
        second.Run.Results.Select(r => (r.Id, r.Risk)).ShouldBe(first.Run.Results.Select(r => (r.Id, r.Risk)));
    }

    private static (int Total, int Flagged) Sum(ScenarioMetrics metrics, Func<string, bool> which) =>
        metrics.BenignByOrigin.Where(o => which(o.Key)).Aggregate((0, 0), (acc, o) => (acc.Item1 + o.Value.Total, acc.Item2 + o.Value.Flagged));
}

using System.Diagnostics;
using Unmask.TestKit;

namespace Unmask.Vetting.Tests.Scenario;

/// <summary>Throughput at the brief's scale (100,000 records + ~1,000,000 sign-in lines). Explicit: run with
/// <c>dotnet test tests/Unmask.Vetting.Tests -- --filter-class "*BenchTests" --explicit on</c>.</summary>
public sealed class BenchTests(ITestOutputHelper output)
{
    [Fact(Explicit = true)]
    public void Vets_100k_records_and_1m_sign_ins_within_a_minute()
    {
        using var folder = new TempFolder();
        var scenario = ScenarioGenerator.Generate(new Random(42), new ScenarioOptions(Benign: 100_000, PlantedPerCode: 20, SignInsPerUser: 10, Photos: false));
        var (records, signIns) = scenario.WriteTo(folder.Path);
        var clock = Stopwatch.StartNew();
        var (run, metrics) = (default(VetRun), default(ScenarioMetrics));
        var batch = Unmask.Vetting.Input.VetRecordReader.Read(records);
        var read = clock.Elapsed;
        var log = Unmask.Vetting.Input.SignInLogReader.Open(signIns);
        run = Vetter.Run(batch.Records, log.ReadAll(), new VettingContext(Unmask.Vetting.Reference.VettingReferenceData.FromEntities(scenario.ListEntities), scenario.Options, Some.Clock,
            new ScenarioSanctionsScreen(scenario.SanctionsByName), new ScenarioSiteCheck(scenario.SitesBySnapshot)), batch.Columns, log.HasCountryColumn);
        var total = clock.Elapsed;
        metrics = ScenarioEvaluation.Measure(scenario, run.Results);
        output.WriteLine($"{run.Stats.Records} records, {run.Stats.SignIns} sign-ins: read records {read.TotalSeconds:0.0} s, total {total.TotalSeconds:0.0} s");
        output.WriteLine(metrics.Report());
        run.Stats.SignIns.ShouldBeGreaterThan(1_000_000);
        total.ShouldBeLessThan(TimeSpan.FromSeconds(60));
    }
}

using System.Diagnostics;
using Unmask.TestKit;

namespace Unmask.Vetting.Tests.Scenario;

/// <summary>Throughput at the brief's scale (100,000 records + ~1,000,000 sign-in lines). Explicit: run with
/// <c>dotnet test tests/Unmask.Vetting.Tests -- --filter-class "*BenchTests" --explicit on</c>.</summary>
public sealed class BenchTests(ITestOutputHelper testOutput)
{
    [Fact(Explicit = true)]
    public void Vets_100k_records_and_1m_sign_ins_and_writes_the_times()
    {
        var benchLog = Path.Combine(Path.GetTempPath(), "unmask-vet-bench.txt");
        void Say(string line)
        {
            testOutput.WriteLine(line);
            File.AppendAllText(benchLog, line + Environment.NewLine);
        }
        using var folder = new TempFolder();
        var size = int.TryParse(Environment.GetEnvironmentVariable("UNMASK_BENCH_RECORDS"), out var n) ? n : 100_000;
        var setup = Stopwatch.StartNew();
        var scenario = ScenarioGenerator.Generate(new Random(42), new ScenarioOptions(Benign: size, PlantedPerCode: 20, SignInsPerUser: 10, Photos: false, Resumes: Environment.GetEnvironmentVariable("UNMASK_BENCH_RESUMES") != "0"));
        Say($"generated in {setup.Elapsed.TotalSeconds:0.0} s");
        var (records, signIns) = scenario.WriteTo(folder.Path);
        Say($"written in {setup.Elapsed.TotalSeconds:0.0} s");
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var (run, metrics) = (default(VetRun), default(ScenarioMetrics));
        var batch = Unmask.Vetting.Input.VetRecordReader.Read(records);
        var read = clock.Elapsed;
        var log = Unmask.Vetting.Input.SignInLogReader.Open(signIns);
        var stages = new List<string>();
        var stageClock = Stopwatch.StartNew();
        var cpuAtStageStart = Process.GetCurrentProcess().TotalProcessorTime;
        void StageDone(string name)
        {
            // CPU of the whole process (all threads) while the stage ran, beside its wall-clock time
            var cpuNow = Process.GetCurrentProcess().TotalProcessorTime;
            stages.Add($"{name} {stageClock.Elapsed.TotalSeconds:0.00} s wall/{(cpuNow - cpuAtStageStart).TotalSeconds:0.00} s CPU");
            cpuAtStageStart = cpuNow;
            stageClock.Restart();
        }
        run = Vetter.Run(batch.Records, log.ReadAll(), new VettingContext(Unmask.Vetting.Reference.VettingReferenceData.FromEntities(scenario.ListEntities), scenario.Options, Some.Clock,
            new ScenarioSanctionsScreen(scenario.SanctionsByName), new ScenarioSiteCheck(scenario.SitesBySnapshot)), batch.Columns, log.HasCountryColumn, StageDone);
        var total = clock.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        metrics = ScenarioEvaluation.Measure(scenario, run.Results);
        Say($"{run.Stats.Records} records, {run.Stats.SignIns} sign-ins: read records {read.TotalSeconds:0.0} s, total {total.TotalSeconds:0.0} s wall, {cpu.TotalSeconds:0.0} s CPU (user+sys, {Environment.ProcessorCount} cores)");
        Say("stages: " + string.Join(", ", stages));
        Say(metrics.Report());
        run.Stats.SignIns.ShouldBeGreaterThan(size * 10);
    }
}

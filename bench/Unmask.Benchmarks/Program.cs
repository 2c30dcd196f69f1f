using System.Diagnostics;
using Unmask.Benchmarks;

// Throughput runs on the real data in ../shared/data. Run one scenario per process so peak memory is its own:
//   dotnet run -c Release --project bench/Unmask.Benchmarks -- SCENARIO (see the list printed without one)
var scenario = args.Length > 0 ? args[0] : "help";
var machine = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}";
Console.WriteLine($"unmask bench '{scenario}' on {machine}");
var watch = Stopwatch.StartNew();
var report = scenario switch
{
    "lists-largest" => await ListImportBench.LargestOfacAsync(),
    "lists-all" => await ListImportBench.AllListsAsync(),
    "lists-read" => await ListImportBench.ReadOnlyAsync(),
    "store-import" => await StoreImportBench.RunAsync(Count(3)),
    "screen-namebench" => ScreeningBench.NameBenchmarks(),
    "screen-throughput" => await ScreeningBench.ThroughputAsync(Count(1_000_000), 7),
    "screen-variants" => await ScreeningVariantsBench.VariantsAsync(Count(2000), 7),
    "screen-blocking" => await ScreeningVariantsBench.BlockingAsync(Count(2000), 7),
    "sites-corpus" => SiteBench.Corpus(),
    "sites-swaps" => args.Length > 2 && args[1] == "--clone"
        ? Unmask.Evaluation.WebsiteAnalysis.SwapEvaluation.Explain(Unmask.TestKit.SharedData.Path("sites"), 1, args[2])
        : Unmask.Evaluation.WebsiteAnalysis.SwapEvaluation.Report(Unmask.TestKit.SharedData.Path("sites"), [1, 2], args.Contains("--details")),
    "sites-pivots" => Unmask.Evaluation.WebsiteAnalysis.ArtefactPivotEvaluation.Run(Unmask.TestKit.SharedData.Path("sites")).ToString(),
    "fuzz" => FuzzBench.Run(args.Length > 1 ? args[1] : "all", args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 100_000, TimeSpan.FromSeconds(5)),
    "fuzz-corpus" => FuzzCorpus(),
    "lookalikes" => Unmask.Evaluation.WebsiteAnalysis.LookalikeEvaluation.Run(Unmask.TestKit.SharedData.Path("sites")).ToString(),
    "crash-trials" => await CrashTrialsBench.RunAsync(Count(50), seed: 13),
    "exports" => await ExportsBench.RunAsync(),
    "case-race" => await CaseRaceBench.RunAsync(Count(100), args.Length > 2 ? args[2] : null),
    _ => "scenarios: lists-largest, lists-all, lists-read, store-import [ROUNDS] (needs $UNMASK_PG), screen-namebench, screen-throughput [ROWS], screen-variants [ENTITIES], screen-blocking [QUERIES], sites-corpus, sites-swaps [--details | --clone SLUG~VARIANT], sites-pivots, lookalikes, fuzz [READER|all] [N], fuzz-corpus, crash-trials [N], exports, case-race [TRIALS] [DB]",
};
Console.WriteLine(report);
Console.WriteLine($"wall {watch.Elapsed.TotalSeconds:F2} s, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB");

int Count(int fallback) => args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : fallback;

static string FuzzCorpus()
{
    Unmask.Fuzzing.GeneratedSeeds.WriteAll(Unmask.Fuzzing.SeedCorpus.Root);
    return $"binary seeds written under {Unmask.Fuzzing.SeedCorpus.Root}";
}

using System.Diagnostics;
using Unmask.WebsiteAnalysis.Analysis;
using Unmask.WebsiteAnalysis.Extraction;
using Unmask.WebsiteAnalysis.Sources;

namespace Unmask.Evaluation.WebsiteAnalysis;

/// <summary>Throughput of extraction + fingerprinting (everything <see cref="SiteFeatures.Extract"/> does) on loaded sites.</summary>
/// <param name="Pages">Pages extracted per round.</param>
/// <param name="Bytes">HTML characters per round.</param>
/// <param name="BestWallPagesPerSecond">Pages per wall-clock second of the fastest round (all cores in use).</param>
/// <param name="CpuPagesPerSecond">Pages per CPU second (user + system time of the process) of the cheapest single-threaded
/// round: what one dedicated core does, unaffected by other processes competing for the machine (and free of the thread-pool
/// spinning that parallel rounds add when the machine is oversubscribed).</param>
public sealed record ExtractionBenchmarkResult(int Pages, long Bytes, int Rounds, double BestWallPagesPerSecond, double CpuPagesPerSecond);

public static class ExtractionBenchmark
{
    /// <summary>Loads every site folder under <paramref name="corpusFolder"/> (reference/, suspect/) once, then extracts all of them
    /// <paramref name="rounds"/> times after one warm-up round (JIT) and keeps the best round.</summary>
    public static ExtractionBenchmarkResult Run(string corpusFolder, int rounds = 3)
    {
        var snapshots = new[] { "reference", "suspect" }
            .SelectMany(kind => Directory.GetDirectories(Path.Combine(corpusFolder, kind)).Order(StringComparer.Ordinal))
            .Select(folder => SiteLoader.Load(folder)).ToList();
        return Run(snapshots, rounds);
    }

    public static ExtractionBenchmarkResult Run(IReadOnlyList<SiteSnapshot> snapshots, int rounds = 3)
    {
        var pages = snapshots.Sum(s => s.Pages.Count);
        var bytes = snapshots.Sum(s => s.Pages.Sum(p => (long)p.Html.Length));
        ExtractAll(snapshots); // warm-up: JIT (two rounds so that tiered compilation settles), regexes, libphonenumber metadata
        ExtractAll(snapshots);
        var bestWall = double.MaxValue;
        var bestCpu = double.MaxValue;
        using var process = Process.GetCurrentProcess();
        for (var round = 0; round < rounds; round++)
        {
            var watch = Stopwatch.StartNew();
            ExtractAll(snapshots);
            bestWall = Math.Min(bestWall, watch.Elapsed.TotalSeconds);

            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            foreach (var snapshot in snapshots)
            {
                SiteFeatures.FromPages(snapshot, SiteRole.Suspect, snapshot.Pages.Select(p => PageExtractor.Extract(p)).ToList());
            }
            process.Refresh();
            bestCpu = Math.Min(bestCpu, (process.TotalProcessorTime - cpuBefore).TotalSeconds);
        }
        return new ExtractionBenchmarkResult(pages, bytes, rounds, pages / Math.Max(bestWall, 1e-9), pages / Math.Max(bestCpu, 1e-9));
    }

    private static void ExtractAll(IReadOnlyList<SiteSnapshot> snapshots)
    {
        // Sites in parallel as a bulk index run would; pages of one site are also extracted in parallel.
        Parallel.ForEach(snapshots, snapshot => SiteFeatures.Extract(snapshot, SiteRole.Suspect));
    }
}

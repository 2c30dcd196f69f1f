using Unmask.Evaluation.WebsiteAnalysis;
using Unmask.TestKit;

namespace Unmask.Evaluation.Tests.WebsiteAnalysis;

public sealed class ExtractionBenchmarkTests(ITestOutputHelper output)
{
    [Fact]
    public void Extraction_throughput_on_the_dev_corpus_RealFile()
    {
        var result = ExtractionBenchmark.Run(SharedData.Path("sites"), rounds: 3);

        output.WriteLine($"{result.Pages} pages, {result.Bytes / 1e6:0.0} M chars: best wall {result.BestWallPagesPerSecond:0} pages/s, "
            + $"{result.CpuPagesPerSecond:0} pages per CPU second (x2 cores = {2 * result.CpuPagesPerSecond:0} pages/s)");
        result.Pages.ShouldBeGreaterThan(100);
        // Deliberately loose: the build machine is shared. The figure to report is the CPU-second rate.
        result.CpuPagesPerSecond.ShouldBeGreaterThan(60);
    }
}

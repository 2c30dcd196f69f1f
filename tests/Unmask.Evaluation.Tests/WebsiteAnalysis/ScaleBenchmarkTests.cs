using Unmask.Evaluation.WebsiteAnalysis;

namespace Unmask.Evaluation.Tests.WebsiteAnalysis;

/// <summary>Index size is measured as process-wide managed heap growth, so nothing may run alongside.</summary>
[CollectionDefinition(nameof(ScaleBenchmarkTests), DisableParallelization = true)]
public sealed class ScaleBenchmarkCollection;

[Collection(nameof(ScaleBenchmarkTests))]
public sealed class ScaleBenchmarkTests(ITestOutputHelper output)
{
    [Fact]
    public void Planted_clones_are_found_in_an_index_of_synthetic_sites()
    {
        var sites = int.TryParse(Environment.GetEnvironmentVariable("UNMASK_SCALE_SITES"), out var n) ? n : 500;

        var result = ScaleBenchmark.Run(sites, seed: 42, analyses: 5);

        output.WriteLine($"{result.Sites} sites, {result.Pages} pages: index built in {result.IndexSeconds:0.0} s, {result.IndexBytes / 1e6:0} MB; "
            + $"analysis mean {result.AnalysisMilliseconds:0} ms, max {result.MaxAnalysisMilliseconds:0} ms; planted found {result.PlantedFound}/{result.Analyses}");
        result.Analyses.ShouldBe(5);
        result.PlantedFound.ShouldBe(result.Analyses);
        result.IndexBytes.ShouldBeGreaterThan(0);
    }
}

using System.Text.Json;
using Unmask.Evaluation.WebsiteAnalysis;
using Unmask.TestKit;

namespace Unmask.Evaluation.Tests.WebsiteAnalysis;

public sealed class SiteCorpusEvaluationTests(ITestOutputHelper output)
{
    [Fact]
    public void Dev_corpus_meets_the_targets_RealFile()
    {
        var result = SiteCorpusEvaluation.Run(SharedData.Path("sites"));

        output.WriteLine($"sites {result.Sites}, pages {result.Pages}: P {result.Precision:0.000} R {result.Recall:0.000} F1 {result.F1:0.000} site recall {result.SiteRecall:0.000}");
        output.WriteLine($"template FP {result.TemplateSiblingFalsePositiveRate:0.000}, negatives FP {result.NegativeFalsePositiveRate:0.000}, same site {result.SameSiteRecognised}/{result.SameSiteTotal}");
        output.WriteLine($"brand recall {result.BrandSubstitutionRecall:0.000} (precision vs labels {result.BrandSubstitutionPrecision:0.000}), pivot recall {result.PivotRecall:0.000}, pivot precision {result.PivotPrecision:0.000}");
        output.WriteLine($"{result.PagesPerSecond:0} pages/s extraction, {result.AnalysisMilliseconds:0.0} ms per analysis");
        foreach (var d in result.Details.Where(d => !d.Claimed.Order().SequenceEqual(d.Expected.Order()) || d.MissedSubstitutions.Count > 0
                     || d.SiblingsFound.Count < d.SiblingsExpected.Count || d.OtherSuspectPivots.Count > 0))
        {
            output.WriteLine(JsonSerializer.Serialize(d));
        }
        if (Environment.GetEnvironmentVariable("UNMASK_EVAL_DUMP") is { Length: > 0 } dump)
        {
            File.WriteAllText(dump, JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
        }

        result.F1.ShouldBeGreaterThanOrEqualTo(0.97);
        result.TemplateSiblingFalsePositiveRate.ShouldBeLessThanOrEqualTo(0.01);
        result.NegativeFalsePositiveRate.ShouldBeLessThanOrEqualTo(0.05);
        result.BrandSubstitutionRecall.ShouldBeGreaterThanOrEqualTo(0.95);
        result.BrandSubstitutionPrecision.ShouldBeGreaterThanOrEqualTo(0.85); // against labels, which omit some real swaps
        result.PivotRecall.ShouldBeGreaterThanOrEqualTo(0.9);
    }
}

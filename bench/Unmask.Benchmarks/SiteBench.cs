using Unmask.Evaluation.WebsiteAnalysis;
using Unmask.TestKit;

namespace Unmask.Benchmarks;

/// <summary>Clone detection quality and extraction speed on the labelled development corpus (never the holdout).</summary>
public static class SiteBench
{
    public static string Corpus() => SiteCorpusEvaluation.Run(SharedData.Path("sites")).ToString() ?? "";
}

using System.IO.Hashing;
using System.Text;

namespace Unmask.Evaluation.WebsiteAnalysis;

/// <summary>The held-back part of the labelled site corpus: about a third of the sites, chosen by a hash of the folder name so the
/// split never depends on the order or number of sites. Rules are tuned on the rest; figures are reported on both.</summary>
public static class CorpusSplit
{
    /// <param name="slug">The site's folder name (<c>codecraft</c>, <c>full_clone_03</c>), or a <c>reference/…</c>/<c>suspect/…</c> path.</param>
    public static bool IsHeldBack(string slug)
    {
        var name = slug[(slug.LastIndexOf('/') + 1)..];
        return XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(name)) % 3 == 0;
    }
}

using System.Globalization;
using Unmask.WebsiteAnalysis.Domains;
using Unmask.WebsiteAnalysis.Reports;

namespace Unmask.WebsiteAnalysis.Analysis;

/// <summary>Findings about the target's domain: look-alikes of indexed references (<c>DOMAIN_LOOKALIKE</c>) and a recent
/// registration (<c>DOMAIN_NEW</c>).</summary>
public static class DomainFindings
{
    public static IEnumerable<SiteFinding> Of(IndexedSite target, SiteIndex index, SiteAnalysisOptions options)
    {
        var findings = new List<SiteFinding>();
        if ((target.Domain ?? target.Declared.FirstOrDefault()) is { } domain)
        {
            var prepared = Lookalikes.Prepare(domain);
            foreach (var reference in index.ReferenceDomains.Where(r => r.Domain != domain))
            {
                if (Lookalikes.Compare(prepared, reference) is { } lookalike)
                {
                    findings.Add(new SiteFinding("DOMAIN_LOOKALIKE", "high", $"{lookalike.Explanation} ({lookalike.Kind})"));
                }
            }
            if (options.RegisteredOn is { } registered)
            {
                var asOf = options.AsOf ?? DateOnly.FromDateTime((options.Clock ?? TimeProvider.System).GetUtcNow().UtcDateTime);
                var days = asOf.DayNumber - registered.DayNumber;
                if (days is >= 0 and < 90)
                {
                    findings.Add(new SiteFinding("DOMAIN_NEW", days < 30 ? "high" : "medium",
                        $"{domain} registered on {registered.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}, {days} days before {asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"));
                }
            }
        }
        return findings;
    }
}

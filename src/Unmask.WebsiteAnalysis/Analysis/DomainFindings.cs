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
        findings.AddRange(LookalikeEvidence(target, index.ReferenceLookalikes).Select(l => new SiteFinding("DOMAIN_LOOKALIKE", "high", l)));
        if (BrandWords.ShownDomain(target) is { } domain && options.RegisteredOn is { } registered)
        {
            var asOf = options.AsOf ?? DateOnly.FromDateTime((options.Clock ?? TimeProvider.System).GetUtcNow().UtcDateTime);
            var days = asOf.DayNumber - registered.DayNumber;
            if (days is >= 0 and < 90)
            {
                findings.Add(new SiteFinding("DOMAIN_NEW", days < 30 ? "high" : "medium",
                    $"{domain} registered on {registered.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}, {days} days before {asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"));
            }
        }
        return findings;
    }

    /// <summary>Evidence for each reference domain the site's own host imitates, then for each domain its pages claim
    /// (canonical link, og:url, JSON-LD url) that imitates one: a claim is reported as a claim, never as the site's domain.
    /// A claim of exactly a reference's domain is no look-alike (SITE_CLAIMS_OTHER_IDENTITY covers it); a reference site's own
    /// domains are not compared with each other.</summary>
    public static IReadOnlyList<string> LookalikeEvidence(IndexedSite target, LookalikeIndex references)
    {
        var evidence = new List<string>();
        var own = new HashSet<string>(StringComparer.Ordinal);
        if (target.Domain is { } domain)
        {
            own.Add(domain);
        }
        if (target.Role == SiteRole.Reference)
        {
            own.UnionWith(target.Declared);
        }
        IEnumerable<LookalikeMatch> Imitated(string host) =>
            references.Matches(host).Where(m => !own.Contains(references[m.Id].Registrable)).Select(m => m.Match);
        if (HostOf(target) is { } host)
        {
            evidence.AddRange(Imitated(host).Select(m => $"{m.Explanation} ({m.Kind})"));
        }
        foreach (var claim in target.Declared.Where(c => c != target.Domain))
        {
            evidence.AddRange(Imitated(claim).Select(m => $"its pages claim {m.Domain}, not its own domain: {m.Explanation} ({m.Kind})"));
        }
        return evidence;
    }

    /// <summary>The host the site was fetched from when it was fetched by URL (so <c>acme.other.com</c> keeps its subdomain),
    /// else the registrable domain it owns.</summary>
    private static string? HostOf(IndexedSite site)
    {
        if (site.Domain is null)
        {
            return null;
        }
        return Uri.TryCreate(site.Source, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            && PublicSuffix.Default.RegistrableDomain(uri.IdnHost) == site.Domain
            ? uri.IdnHost
            : site.Domain;
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using Unmask.Storage;
using Unmask.WebsiteAnalysis.Analysis;
using Unmask.WebsiteAnalysis.Domains;
using Unmask.WebsiteAnalysis.Extraction;
using Unmask.WebsiteAnalysis.Reports;
using Unmask.WebsiteAnalysis.Sources;

namespace Unmask.Application.Sites;

/// <summary>A site as read from its source: the engine's features, the pages they came from (with what each page declares),
/// and where it was read from.</summary>
/// <param name="Source">The URL fetched, or the full path of the folder, HTML file or WARC file.</param>
public sealed record ReadSite(IndexedSite Site, SiteSnapshot Snapshot, IReadOnlyList<PageFeatures> Pages, SiteSourceKind SourceKind, string Source);

/// <summary>How indexed sites and site reports are kept in the store (<see cref="StoredSite"/>, <see cref="StoredSiteReport"/>)
/// and read back. The engine's <see cref="IndexedSite"/> is kept whole as the features blob; the columns and rows beside it
/// (source, role, claims, pages, fingerprints, clones, findings) are what other tools query.</summary>
public static class SiteRecords
{
    public const string Reference = "reference";
    public const string Suspect = "suspect";

    private const string HtmlMediaType = "text/html; charset=utf-8";

    // The serialisation of the documents table before the typed store, so a moved site's features are its old body.
    private static readonly JsonSerializerOptions Json = new();

    public static StoredSite ToStored(ReadSite read, DateTimeOffset indexedAt)
    {
        var site = read.Site;
        return new StoredSite(site.Key, read.Source, read.SourceKind, RoleName(site.Role), site.Name, indexedAt, site.ContentHash,
            Claims(read.Snapshot, read.Pages), Pages(read.Snapshot, site), Fingerprints(site.Fingerprints),
            JsonSerializer.SerializeToUtf8Bytes(site, Json));
    }

    /// <summary>The engine's site as stored, known by the row's id and owning what that id gives it (a rename moves the row,
    /// not the features written before it).</summary>
    public static IndexedSite ToIndexed(StoredSite stored)
    {
        var site = JsonSerializer.Deserialize<IndexedSite>(stored.Features, Json)
            ?? throw new InvalidDataException($"site {stored.Id}: its features are empty");
        return site with { Key = stored.Id, Domain = SiteIdentity.OwnedDomain(OriginOf(stored), stored.Id) };
    }

    /// <summary>Where a stored site came from: its source, kind and role, the domain fetched (URL sources) and the domains
    /// its pages claim, most claimed first, as the engine counted them when it indexed the site (its features), so the id
    /// chosen then is the id chosen now.</summary>
    public static SiteOrigin OriginOf(StoredSite stored)
    {
        var kind = KindName(stored.SourceKind);
        // Features written before sites kept their claims there: the claim rows, counted the same way.
        var declared = JsonSerializer.Deserialize<DeclaredOnly>(stored.Features, Json)?.Declared
            ?? [.. stored.Claims.GroupBy(c => c.Domain, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key)];
        return new SiteOrigin(kind, stored.Source, RoleOf(stored.Role),
            stored.SourceKind == SiteSourceKind.Url ? SiteIdentity.FetchedDomain(stored.Source) : null, declared);
    }

    /// <summary>The one field of the features blob identity needs (the rest is skipped, not built).</summary>
    private sealed record DeclaredOnly(IReadOnlyList<string>? Declared);

    public static string KindName(SiteSourceKind kind) => kind.ToString().ToLowerInvariant();

    public static string RoleName(SiteRole role) => role == SiteRole.Reference ? Reference : Suspect;

    public static SiteRole RoleOf(string name) => name == Reference ? SiteRole.Reference : SiteRole.Suspect;

    /// <summary>The domains the pages declare for themselves, claims kept beside the site (never its id): the
    /// canonical link, og:url and the JSON-LD organisation url, each as its registrable domain, with the page saying it.</summary>
    public static IReadOnlyList<SiteClaim> Claims(SiteSnapshot snapshot, IReadOnlyList<PageFeatures> pages)
    {
        var suffixes = PublicSuffix.Default;
        var claims = new List<SiteClaim>();
        for (var i = 0; i < pages.Count; i++)
        {
            var page = pages[i];
            var declared = new[] { ("canonical", page.Canonical), ("og:url", page.OgUrl) }.Concat(page.JsonLdUrls.Select(u => ("json-ld", (string?)u)));
            foreach (var (how, url) in declared)
            {
                if (SiteFeatures.RegistrableOfUrl(url, suffixes) is { } domain)
                {
                    claims.Add(new SiteClaim(domain, how, PageUrl(snapshot.Pages[i])));
                }
            }
        }
        return [.. claims.Distinct()];
    }

    /// <summary>The pages with their bodies (the decoded HTML, as UTF-8); a URL read twice (a WARC's revisit) is kept once.</summary>
    public static IReadOnlyList<Storage.SitePage> Pages(SiteSnapshot snapshot, IndexedSite site)
    {
        var titles = site.Pages.GroupBy(p => p.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Title, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. snapshot.Pages
            .Where(p => seen.Add(PageUrl(p)))
            .Select(p => new Storage.SitePage(PageUrl(p), titles.GetValueOrDefault(p.Path), Encoding.UTF8.GetBytes(p.Html), HtmlMediaType))];
    }

    public static IReadOnlyList<SiteFingerprint> Fingerprints(SiteFingerprints fingerprints) =>
    [
        .. fingerprints.Trackers.Select(v => new SiteFingerprint("tracker", v)),
        .. fingerprints.FaviconMmh3.Select(v => new SiteFingerprint("favicon_mmh3", v.ToString(CultureInfo.InvariantCulture))),
        .. fingerprints.Emails.Select(v => new SiteFingerprint("email", v)),
        .. fingerprints.Phones.Select(v => new SiteFingerprint("phone", v)),
        .. fingerprints.Addresses.Select(v => new SiteFingerprint("address", v)),
        .. fingerprints.Messengers.Select(v => new SiteFingerprint("messenger", v)),
        .. (fingerprints.Template.Length > 0 ? [new SiteFingerprint("template", fingerprints.Template)] : Array.Empty<SiteFingerprint>()),
    ];

    /// <summary>A report as stored: the <c>site analyze</c> JSON, its clones and its findings. The analyser's findings name
    /// no published source (INDICATORS.md gives sources for the vetting codes), so their source is empty.</summary>
    public static StoredSiteReport ToStored(SiteReport report, DateTimeOffset analyzedAt) =>
        new(report.Target, analyzedAt, SiteReportJson.ToJson(report),
            [.. report.Clones.Select(c => new SiteCloneRow(c.Reference, c.Relation, c.Similarity, c.CopiedFraction))],
            [.. report.Findings.Select(f => new StoredFinding(f.Code, f.Severity, f.Evidence, "", null))]);

    private static string PageUrl(WebsiteAnalysis.Sources.SitePage page) => page.Url ?? page.Path;
}

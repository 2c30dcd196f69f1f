using System.IO.Hashing;
using System.Text;
using System.Text.RegularExpressions;
using Unmask.WebsiteAnalysis.Domains;
using Unmask.WebsiteAnalysis.Extraction;
using Unmask.WebsiteAnalysis.Fingerprints;
using Unmask.WebsiteAnalysis.Similarity;
using Unmask.WebsiteAnalysis.Sources;

namespace Unmask.WebsiteAnalysis.Analysis;

/// <summary>Turns a loaded site into an <see cref="IndexedSite"/>: extracts every page (in parallel), marks text repeated on most
/// pages as boilerplate, and gathers the site's identity, artefacts and fingerprints.</summary>
public static partial class SiteFeatures
{
    [GeneratedRegex(@"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*[-–]\s*)?(?:\d{4})?\s*,?\s*(?:by\s+)?([A-Z][\w&.,'’ -]{1,60}?)(?:\s*[.|,]?\s*(?:All rights|Alle Rechte|Todos os direitos|$)|\s*[|.·•]\s|\s+[·•–—-]\s)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CopyrightHolder();

    [GeneratedRegex(@"\s+[|–—·:»-]\s+|\s+\|\s*|\s*\|\s+")]
    private static partial Regex TitleSeparator();

    /// <summary>Declared domains kept per site, most claimed first.</summary>
    public const int MaxDeclared = 20;

    public static IndexedSite Extract(SiteSnapshot site, SiteRole role, ExtractionOptions? options = null)
    {
        var features = new PageFeatures[site.Pages.Count];
        Parallel.For(0, site.Pages.Count, i => features[i] = PageExtractor.Extract(site.Pages[i], options));
        return FromPages(site, role, features);
    }

    public static IndexedSite FromPages(SiteSnapshot site, SiteRole role, IReadOnlyList<PageFeatures> pages)
    {
        var suffixes = PublicSuffix.Default;
        var declared = pages.SelectMany(p => new[] { p.Canonical, p.OgUrl }.Concat(p.JsonLdUrls))
            .Select(u => RegistrableOfUrl(u, suffixes)).OfType<string>().ToList();
        var allClaimed = declared.GroupBy(d => d).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList();
        // Pages can claim any number of domains; a firm has a few. The most claimed are kept (and warned about below).
        var claimed = allClaimed.Take(MaxDeclared).ToList();
        // What the site shows the world (for the brand names it gives itself); its identity is where it came from.
        var domain = (SiteIdentity.IsUrl(site.Source) ? RegistrableOfUrl(site.Source, suffixes) : null) ?? claimed.FirstOrDefault();
        if (domain is null && site.Pages.Count > 0 && site.Pages[0].Url is { } recorded)
        {
            domain = RegistrableOfUrl(recorded, suffixes);
        }

        var artefacts = new List<SiteArtefact>();
        foreach (var page in pages)
        {
            AddArtefact(artefacts, "canonical", page.Path, page.Canonical, suffixes);
            AddArtefact(artefacts, "og_url", page.Path, page.OgUrl, suffixes);
            foreach (var host in page.MirroredFrom)
            {
                artefacts.Add(new SiteArtefact("httrack", page.Path, host));
            }
            foreach (var url in page.SavedFrom)
            {
                artefacts.Add(new SiteArtefact("saved_from", page.Path, url));
            }
            foreach (var host in page.ArchivedUrls.Select(u => RegistrableOfUrl(u, suffixes)).OfType<string>().Distinct().Take(20))
            {
                artefacts.Add(new SiteArtefact("archived", page.Path, host));
            }
        }

        // Text that recurs on at least half the pages of a multi-page site is site furniture (menus, footers, banners).
        var blockPageCounts = pages.SelectMany(p => p.Blocks.Select(b => b.Text).Distinct()).GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        var repeatThreshold = pages.Count >= 3 ? Math.Max(2, (pages.Count + 1) / 2) : int.MaxValue;
        var indexedPages = pages.Select(p =>
        {
            var blocks = p.Blocks.Select(b => b.Role == BlockRole.Content && blockPageCounts[b.Text] >= repeatThreshold ? b with { Role = BlockRole.Boilerplate } : b).ToList();
            var shingles = new HashSet<ulong>();
            foreach (var block in blocks)
            {
                if (block.Role != BlockRole.Boilerplate)
                {
                    Shingles.HashesOf(block.Text, shingles);
                }
            }
            return new IndexedPage(p.Path, p.Title, blocks, p.ImageAlts, MinHash.Signature(shingles), p.Markup);
        }).ToList();

        var favicons = FaviconHashes(site, pages);
        var classCounts = pages.SelectMany(p => p.ClassNames).GroupBy(c => c, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(60).Select(g => g.Key).Order(StringComparer.Ordinal);
        var generators = pages.Select(p => p.Generator).OfType<string>().Distinct().ToList();
        var templateSignature = "tpl:" + XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(string.Join(' ', classCounts))).ToString("x16")[..12];
        var fingerprints = new SiteFingerprints(
            Trackers: pages.SelectMany(p => p.Trackers).Distinct().Order(StringComparer.Ordinal).ToList(),
            FaviconMmh3: favicons,
            Emails: pages.SelectMany(p => p.Emails).Distinct().Order(StringComparer.Ordinal).ToList(),
            Phones: pages.SelectMany(p => p.Phones).Distinct().Order(StringComparer.Ordinal).ToList(),
            Addresses: pages.SelectMany(p => p.Addresses).Distinct().Order(StringComparer.Ordinal).ToList(),
            Messengers: pages.SelectMany(p => p.Messengers).Distinct().Order(StringComparer.Ordinal).ToList(),
            Template: templateSignature);

        var (assets, assetWarning) = SiteAssets.Of(site);
        var contentHash = XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(string.Join('\n', indexedPages.SelectMany(p => p.Blocks.Select(b => b.Text))) + site.Name)).ToString("x16");
        var indexed = new IndexedSite(
            Key: site.Name,
            Name: site.Name,
            Source: site.Source,
            Role: role,
            Domain: null,
            BrandNames: BrandNames(pages, domain),
            Artefacts: artefacts,
            IsArchiveCapture: pages.Any(p => p.IsArchiveCapture),
            Generators: generators,
            Pages: indexedPages,
            Fingerprints: fingerprints,
            TemplateMinHash: MinHash.Signature(pages.SelectMany(p => p.TemplateFeatures).Distinct()),
            Warnings: [.. site.Warnings, .. (assetWarning is null ? Array.Empty<string>() : [assetWarning]), .. ClaimWarnings(site, pages, allClaimed, suffixes)],
            ContentHash: contentHash,
            Declared: claimed,
            Assets: assets);
        // Alone, the site takes the id it would take in an empty index; the store gives it its id among the others.
        return SiteIdentity.With(indexed, SiteIdentity.Assign([SiteIdentity.OriginOf(indexed)])[0]);
    }

    /// <summary>What is odd about the domains a site's pages claim or were recorded from: many different domains, a canonical
    /// link or og:url naming no domain (an IP address, <c>javascript:</c>), a page whose canonical link and og:url disagree,
    /// a WARC holding pages of several hosts. The claims stay claims; these say why they should not be trusted.</summary>
    private static IEnumerable<string> ClaimWarnings(SiteSnapshot site, IReadOnlyList<PageFeatures> pages, IReadOnlyList<string> claimed, PublicSuffix suffixes)
    {
        if (claimed.Count >= 3)
        {
            yield return $"pages declare {claimed.Count} different domains ({string.Join(", ", claimed.Take(5))}{(claimed.Count > 5 ? ", …" : "")}); they are claims, not the site's identity";
        }
        if (claimed.Count > MaxDeclared)
        {
            yield return $"only the {MaxDeclared} most claimed of {claimed.Count} declared domains are kept";
        }
        foreach (var page in pages)
        {
            foreach (var (how, url) in new[] { ("canonical link", page.Canonical), ("og:url", page.OgUrl) })
            {
                if (!string.IsNullOrWhiteSpace(url) && RegistrableOfUrl(url, suffixes) is null)
                {
                    var shown = url.Trim();
                    yield return $"{page.Path}: {how} '{(shown.Length > 60 ? shown[..60] + "…" : shown)}' names no domain";
                }
            }
            if (RegistrableOfUrl(page.Canonical, suffixes) is { } canonical && RegistrableOfUrl(page.OgUrl, suffixes) is { } og && canonical != og)
            {
                yield return $"{page.Path}: canonical link names {canonical} but og:url names {og}";
            }
        }
        if (!SiteIdentity.IsUrl(site.Source))
        {
            var hosts = site.Pages.Select(p => Uri.TryCreate(p.Url, UriKind.Absolute, out var u) ? u.Host.ToLowerInvariant() : null).OfType<string>()
                .Distinct(StringComparer.Ordinal).ToList();
            if (hosts.Count >= 2)
            {
                yield return $"the archive holds pages of {hosts.Count} hosts ({string.Join(", ", hosts.Take(5))}); the site is known by its file name";
            }
        }
    }

    /// <summary>Registrable domain of a URL; web.archive.org links are unwrapped to the archived URL's domain.</summary>
    public static string? RegistrableOfUrl(string? url, PublicSuffix suffixes)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }
        var value = url.Trim();
        var wayback = value.IndexOf("web.archive.org/web/", StringComparison.OrdinalIgnoreCase);
        if (wayback >= 0)
        {
            var rest = value[(wayback + "web.archive.org/web/".Length)..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            value = slash >= 0 ? rest[(slash + 1)..] : "";
        }
        if (!value.Contains("://", StringComparison.Ordinal))
        {
            value = value.StartsWith("//", StringComparison.Ordinal) ? "http:" + value : "http://" + value;
        }
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Host.Length > 0 && uri.Host.Contains('.', StringComparison.Ordinal)
            ? suffixes.RegistrableDomain(uri.Host)
            : null;
    }

    private static void AddArtefact(List<SiteArtefact> artefacts, string kind, string page, string? url, PublicSuffix suffixes)
    {
        if (RegistrableOfUrl(url, suffixes) is { } host)
        {
            artefacts.Add(new SiteArtefact(kind, page, host));
        }
    }

    private static List<int> FaviconHashes(SiteSnapshot site, IReadOnlyList<PageFeatures> pages)
    {
        var hashes = new List<int>();
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var page in pages)
        {
            foreach (var href in page.IconHrefs)
            {
                if (ResolveIcon(site, page.Path, href) is { } key && used.Add(key))
                {
                    hashes.Add(FaviconHash.Compute(site.Icons[key]));
                }
            }
        }
        if (site.Icons.ContainsKey("favicon.ico") && used.Add("favicon.ico"))
        {
            hashes.Add(FaviconHash.Compute(site.Icons["favicon.ico"]));
        }
        return hashes.Distinct().Order().ToList();
    }

    private static string? ResolveIcon(SiteSnapshot site, string pagePath, string href)
    {
        var clean = href.Split('?', '#')[0].Trim();
        if (clean.Length == 0 || clean.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        if (Uri.TryCreate(clean, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal))
        {
            clean = absolute.AbsolutePath;
        }
        string candidate;
        if (clean.StartsWith('/'))
        {
            candidate = clean.TrimStart('/');
        }
        else
        {
            var folder = pagePath.Contains('/', StringComparison.Ordinal) ? pagePath[..pagePath.LastIndexOf('/')] : "";
            var parts = new List<string>(folder.Length > 0 ? folder.Split('/') : []);
            foreach (var part in clean.Split('/'))
            {
                if (part == "..")
                {
                    if (parts.Count > 0)
                    {
                        parts.RemoveAt(parts.Count - 1);
                    }
                }
                else if (part is not "." and not "")
                {
                    parts.Add(part);
                }
            }
            candidate = string.Join('/', parts);
        }
        if (site.Icons.ContainsKey(candidate))
        {
            return candidate;
        }
        var name = Path.GetFileName(candidate);
        return site.Icons.Keys.FirstOrDefault(k => k.EndsWith("/" + candidate, StringComparison.OrdinalIgnoreCase) || k.Equals(name, StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsTitleCase(string part)
    {
        var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => char.IsLetter(w[0])).ToList();
        return words.Count is > 0 and <= 5 && words.All(w => char.IsUpper(w[0]));
    }

    /// <summary>Names the site calls itself, most frequent first: og:site_name, JSON-LD organisation names, copyright holders
    /// and title parts that recur across pages (or the home page's title part that matches the domain).</summary>
    private static List<string> BrandNames(IReadOnlyList<PageFeatures> pages, string? domain)
    {
        var votes = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        void Vote(string? name, double weight)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                return;
            }
            var clean = name.Trim().Trim('.', ',', '|', '-', ' ');
            if (clean.Length is < 2 or > 60 || clean.Split(' ').Length > 7)
            {
                return;
            }
            votes[clean] = votes.GetValueOrDefault(clean) + weight;
        }
        var domainLabel = domain?.Split('.')[0].Replace("-", "", StringComparison.Ordinal);
        foreach (var page in pages)
        {
            Vote(page.OgSiteName, 3);
            foreach (var name in page.JsonLdNames)
            {
                Vote(name, 3);
            }
            foreach (var line in page.CopyrightLines)
            {
                var match = CopyrightHolder().Match(line);
                if (match.Success)
                {
                    Vote(match.Groups[1].Value, 2);
                }
            }
            if (page.Title is { } title)
            {
                var parts = TitleSeparator().Split(title);
                if (parts.Length > 1)
                {
                    // "Pathway Technologies - Technology consulting": the part written as a name (every word capitalised) when
                    // the others are not is the firm's name.
                    var named = parts.Where(IsTitleCase).ToList();
                    foreach (var part in parts)
                    {
                        Vote(part, named.Count == 1 && named[0] == part ? 2 : 1);
                    }
                }
                else if (domainLabel is not null && title.Replace(" ", "", StringComparison.Ordinal).Contains(domainLabel, StringComparison.OrdinalIgnoreCase))
                {
                    Vote(title, 1);
                }
            }
        }
        return votes.Where(v => v.Value >= 2 || (domainLabel is not null && v.Key.Replace(" ", "", StringComparison.Ordinal).Contains(domainLabel, StringComparison.OrdinalIgnoreCase)))
            .OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal).Select(v => v.Key).Take(5).ToList();
    }
}

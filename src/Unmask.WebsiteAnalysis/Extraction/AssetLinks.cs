using System.Net;
using System.Text.RegularExpressions;

namespace Unmask.WebsiteAnalysis.Extraction;

/// <summary>A resource a page loads: <c>image</c> (<c>img src</c>/<c>srcset</c>, <c>source srcset</c>), <c>script</c>
/// (<c>script src</c>), <c>stylesheet</c> (<c>link rel=stylesheet</c>) or <c>icon</c> (<c>link rel=icon</c>,
/// <c>shortcut icon</c>, <c>apple-touch-icon</c>), with the URL as written in the page.</summary>
public sealed record AssetLink(string Kind, string Href);

/// <summary>Finds the resources a page loads and resolves their URLs to paths inside the site. Reads the raw markup with
/// linear-time patterns (the crawler needs the links before any page is parsed), at most <see cref="MaxLinksPerPage"/> links
/// from the first <see cref="MaxTagsPerPage"/> resource tags of a page.</summary>
public static partial class AssetLinks
{
    public const int MaxLinksPerPage = 500;

    public const int MaxTagsPerPage = 10_000;

    public const string Image = "image";
    public const string Script = "script";
    public const string Stylesheet = "stylesheet";
    public const string Icon = "icon";

    [GeneratedRegex(@"<(img|script|link|source)\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s(src|srcset|href|rel)\s*=\s*(?:""([^""]*)""|'([^']*)'|([^\s""'>]+))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex Attribute();

    public static List<AssetLink> Find(string html)
    {
        var links = new List<AssetLink>();
        var seen = new HashSet<(string, string)>();
        var tags = 0;
        foreach (Match tag in Tag().Matches(html))
        {
            if (links.Count >= MaxLinksPerPage || ++tags > MaxTagsPerPage)
            {
                break;
            }
            var name = tag.Groups[1].Value.ToLowerInvariant();
            var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (Match attribute in Attribute().Matches(tag.Value))
            {
                var value = attribute.Groups[2].Success ? attribute.Groups[2].Value : attribute.Groups[3].Success ? attribute.Groups[3].Value : attribute.Groups[4].Value;
                attributes.TryAdd(attribute.Groups[1].Value, WebUtility.HtmlDecode(value).Trim());
            }
            foreach (var link in Links(name, attributes))
            {
                if (link.Href.Length is > 0 and <= 2000 && !link.Href.StartsWith("data:", StringComparison.OrdinalIgnoreCase) && seen.Add((link.Kind, link.Href)))
                {
                    links.Add(link);
                }
            }
        }
        return links;
    }

    private static IEnumerable<AssetLink> Links(string tag, Dictionary<string, string> attributes)
    {
        switch (tag)
        {
            case "img" or "source":
                if (attributes.TryGetValue("src", out var src))
                {
                    yield return new AssetLink(Image, src);
                }
                if (attributes.TryGetValue("srcset", out var srcset))
                {
                    // "a.png 1x, b.png 2x": each candidate is a URL and an optional width or density.
                    foreach (var candidate in srcset.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        yield return new AssetLink(Image, candidate.Split(' ', 2)[0]);
                    }
                }
                break;
            case "script" when attributes.TryGetValue("src", out var script):
                yield return new AssetLink(Script, script);
                break;
            case "link" when attributes.TryGetValue("href", out var href) && attributes.TryGetValue("rel", out var rel):
                var tokens = rel.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (tokens.Contains("stylesheet"))
                {
                    yield return new AssetLink(Stylesheet, href);
                }
                else if (tokens.Contains("icon") || tokens.Contains("apple-touch-icon") || tokens.Contains("apple-touch-icon-precomposed"))
                {
                    yield return new AssetLink(Icon, href);
                }
                break;
        }
    }

    /// <summary>The site path (relative, '/'-separated, no query) an asset URL points to from a page: relative URLs against the
    /// page's folder, root-relative URLs against the site root, absolute URLs by their path when their host is the page's
    /// (<paramref name="pageUrl"/>) or when the page's URL is unknown (a saved folder keeps absolute links of its own site).
    /// Null for another host (a CDN), data: URLs and empty links.</summary>
    public static string? Resolve(string pagePath, string href, string? pageUrl = null)
    {
        var clean = href.Split('?', '#')[0].Trim();
        if (clean.Length == 0 || clean.StartsWith("data:", StringComparison.OrdinalIgnoreCase) || clean.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        if (clean.StartsWith("//", StringComparison.Ordinal))
        {
            clean = "http:" + clean;
        }
        if (Uri.TryCreate(clean, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            if (pageUrl is not null && Uri.TryCreate(pageUrl, UriKind.Absolute, out var page) && !SameHost(page.Host, absolute.Host))
            {
                return null;
            }
            clean = absolute.AbsolutePath;
        }
        else if (clean.Contains(':', StringComparison.Ordinal) && !clean.StartsWith('/'))
        {
            return null;
        }
        var folder = clean.StartsWith('/') || !pagePath.Contains('/', StringComparison.Ordinal) ? "" : pagePath[..pagePath.LastIndexOf('/')];
        var parts = new List<string>(folder.Length > 0 ? folder.Split('/') : []);
        foreach (var part in Uri.UnescapeDataString(clean).Split('/'))
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
        return parts.Count == 0 ? null : string.Join('/', parts);
    }

    private static bool SameHost(string a, string b)
    {
        static string Bare(string h) => h.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? h[4..] : h;
        return Bare(a).Equals(Bare(b), StringComparison.OrdinalIgnoreCase);
    }
}

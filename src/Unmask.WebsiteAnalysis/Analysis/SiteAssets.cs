using Unmask.WebsiteAnalysis.Extraction;
using Unmask.WebsiteAnalysis.Sources;

namespace Unmask.WebsiteAnalysis.Analysis;

/// <summary>A resource file a site's pages load (<c>kind</c>: image, script, stylesheet, icon), by site path, with the SHA-256 of
/// its bytes (lower-case hex) and its length.</summary>
public sealed record SiteAsset(string Kind, string Path, string Sha256, long Length);

/// <summary>The resource files a site's pages load, matched to the files the snapshot holds.</summary>
public static class SiteAssets
{
    /// <summary>Assets kept per site at most.</summary>
    public const int MaxAssetsPerSite = 1_000;

    /// <summary>Every image, script, stylesheet and icon the pages reference that the snapshot holds (first reference wins the
    /// kind), plus a root <c>favicon.ico</c>; same-site references to files the snapshot lacks make one warning.</summary>
    public static (List<SiteAsset> Assets, string? Warning) Of(SiteSnapshot site)
    {
        var assets = new List<SiteAsset>();
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var missing = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var page in site.Pages)
        {
            foreach (var link in AssetLinks.Find(page.Html))
            {
                if (AssetLinks.Resolve(page.Path, link.Href, page.Url) is not { } path)
                {
                    continue;
                }
                if (!site.Assets.TryGetValue(path, out var file))
                {
                    // An absolute URL in a saved page may name the site itself or a CDN; only a known page URL tells.
                    if (page.Url is not null || !IsAbsolute(link.Href))
                    {
                        missing.Add(path);
                    }
                }
                else if (assets.Count < MaxAssetsPerSite && used.Add(path))
                {
                    assets.Add(new SiteAsset(link.Kind, path, file.Sha256, file.Length));
                }
            }
        }
        if (site.Assets.TryGetValue("favicon.ico", out var icon) && used.Add("favicon.ico"))
        {
            assets.Add(new SiteAsset(AssetLinks.Icon, "favicon.ico", icon.Sha256, icon.Length));
        }
        var warning = missing.Count == 0 ? null
            : $"{missing.Count} resource file(s) the pages load are not in the snapshot (e.g. {string.Join(", ", missing.Order(StringComparer.Ordinal).Take(3))}); compared without them";
        return (assets, warning);
    }

    private static bool IsAbsolute(string href) =>
        href.StartsWith("//", StringComparison.Ordinal) || href.Contains("://", StringComparison.Ordinal);
}

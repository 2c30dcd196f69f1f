using Unmask.WebsiteAnalysis.Extraction;

namespace Unmask.WebsiteAnalysis.Analysis;

public enum SiteRole { Reference, Suspect }

/// <summary>A clone artefact left in a page: <c>canonical</c>, <c>og_url</c>, <c>httrack</c> (Mirrored from), <c>saved_from</c>,
/// <c>archived</c> (web.archive.org link), with the page and the URL or host it names.</summary>
public sealed record SiteArtefact(string Kind, string Page, string Value);

/// <summary>Identifiers found on a site, normalised: trackers (<c>UA-…</c>, <c>G-…</c>, <c>GTM-…</c>, <c>fbpixel:…</c>), Shodan favicon
/// hashes, e-mails, E.164 phones, normalised postal addresses, messenger handles (<c>telegram:@x</c>) and the template signature.</summary>
public sealed record SiteFingerprints(
    IReadOnlyList<string> Trackers,
    IReadOnlyList<int> FaviconMmh3,
    IReadOnlyList<string> Emails,
    IReadOnlyList<string> Phones,
    IReadOnlyList<string> Addresses,
    IReadOnlyList<string> Messengers,
    string Template);

/// <summary>One page as kept in the index: its text blocks (with their role) for passage alignment, title and image alt texts
/// (where clones leave the old brand), and the MinHash of its content shingles for LSH candidate search.</summary>
/// <param name="Markup">Links, JSON-LD values and declared URLs in document order (see <see cref="MarkupValue"/>).</param>
public sealed record IndexedPage(string Path, string? Title, IReadOnlyList<TextBlock> Blocks, IReadOnlyList<string> Alts, uint[] MinHash,
    IReadOnlyList<MarkupValue>? Markup = null);

/// <summary>Everything needed to compare a site later, JSON-serialisable (one row per site in the store).</summary>
/// <param name="Key">The site's id, from where it came from (<see cref="SiteIdentity"/>): the registrable domain fetched for a
/// site read from a URL, the domain of the one reference site that declares it, else the folder or file name (made unique).</param>
/// <param name="Domain">The registrable domain the site owns (fetched from it, or the reference known by it), else null.</param>
/// <param name="Declared">Every registrable domain the pages claim for the site (canonical link, og:url, JSON-LD url), most
/// claimed first. Written by whoever made the pages: a claim, never the site's identity.</param>
/// <param name="BrandNames">Names the site calls itself (og:site_name, JSON-LD organisation, title, copyright line), best first.</param>
/// <param name="ContentHash">Hash of the page texts; an analysed site is never compared with an indexed copy of itself.</param>
/// <param name="Assets">Images, scripts, stylesheets and icons the pages load, by content hash (SHA-256), for copied artefacts.</param>
public sealed record IndexedSite(
    string Key,
    string Name,
    string Source,
    SiteRole Role,
    string? Domain,
    IReadOnlyList<string> BrandNames,
    IReadOnlyList<SiteArtefact> Artefacts,
    bool IsArchiveCapture,
    IReadOnlyList<string> Generators,
    IReadOnlyList<IndexedPage> Pages,
    SiteFingerprints Fingerprints,
    uint[] TemplateMinHash,
    IReadOnlyList<string> Warnings,
    string ContentHash,
    IReadOnlyList<string>? Declared = null,
    IReadOnlyList<SiteAsset>? Assets = null)
{
    public IReadOnlyList<string> Declared { get; init; } = Declared ?? [];

    public IReadOnlyList<SiteAsset> Assets { get; init; } = Assets ?? [];
}

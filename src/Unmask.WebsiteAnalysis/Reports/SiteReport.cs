using Unmask.WebsiteAnalysis.Analysis;

namespace Unmask.WebsiteAnalysis.Reports;

/// <summary>A string of the reference replaced by another in the target (<c>type</c>: name, person, phone, email, domain, address,
/// tracker, social), with where it was first seen.</summary>
/// <param name="TargetPage">Path of the target page where the swap was seen first, when known.</param>
/// <param name="ReferencePage">Path of the reference page it was compared with, when known.</param>
/// <param name="Where">Part of the page: text, title, alt, href, mailto, tel, meta, script, data (a data-* attribute), jsonld,
/// or site (identifiers of the whole sites compared, no page pair).</param>
/// <param name="Context">The target's line or attribute slot around the replacement.</param>
/// <param name="ReferenceContext">The reference's line or attribute slot around the original.</param>
public sealed record BrandSubstitution(string Original, string Replacement, int Count, string Type,
    string? TargetPage = null, string? ReferencePage = null, string Where = "text", string? Context = null, string? ReferenceContext = null);

/// <summary>A copied passage: the target's text and the reference's text it was aligned with.</summary>
public sealed record CopiedPassage(string TargetPage, string ReferencePage, string Text, string ReferenceText);

/// <summary>A resource file of the reference found byte-identical (same SHA-256) in the target. <c>SharedBySites</c> counts
/// the indexed sites other than the target that load it; it is <c>Common</c> when another reference site loads it too or more
/// than a few sites do (a CDN's jQuery, a theme's stylesheet): reported, but no evidence of copying on its own.</summary>
public sealed record CopiedArtefact(string Kind, string TargetPath, string ReferencePath, string Sha256, int SharedBySites, bool Common);

/// <summary>A target page that copied text and the reference page it came from: copied words (aligned passages) and their
/// share of the target page's content words.</summary>
public sealed record PageSource(string TargetPage, string ReferencePage, int CopiedWords, double Share);

/// <summary>One reference the target copies (<c>relation: clone</c>) or is an earlier/later version of (<c>relation: same_site</c>).</summary>
/// <param name="Similarity">Dice overlap of the copied pages: 2·copied words / (words of the target's and the reference's matched pages).</param>
/// <param name="CopiedFraction">Share of the words of the matched reference pages found in the target.</param>
/// <param name="SuspectShare">Share of the target's content words found in the reference (down-weighted where the text is common).</param>
/// <param name="CopiedArtefacts">Images, scripts, stylesheets and icons of the reference found byte-identical in the target.</param>
/// <param name="PageMap">Each target page that copied text, with the reference page it came from.</param>
public sealed record CloneMatch(
    string Reference,
    string Relation,
    double Similarity,
    double CopiedFraction,
    double SuspectShare,
    int CopiedWords,
    double TemplateSimilarity,
    IReadOnlyList<BrandSubstitution> BrandSubstitutions,
    IReadOnlyList<CopiedPassage> Passages,
    IReadOnlyList<string> SameSiteEvidence,
    IReadOnlyList<CopiedArtefact>? CopiedArtefacts = null,
    IReadOnlyList<PageSource>? PageMap = null)
{
    public IReadOnlyList<CopiedArtefact> CopiedArtefacts { get; init; } = CopiedArtefacts ?? [];

    public IReadOnlyList<PageSource> PageMap { get; init; } = PageMap ?? [];

    public const string CloneRelation = "clone";
    public const string SameSiteRelation = "same_site";
}

/// <summary>One shared identifier of a pivot: <c>Sites</c> is how many indexed sites other than the target carry it, and
/// <c>Weight</c> an IDF-like weight, ln(1 + N/sites) / ln(1 + N) over the N indexed sites: 1 for a value only this pivot
/// shares, near 0 for a value on most sites.</summary>
public sealed record PivotValue(string Value, int Sites, double Weight);

/// <summary>An indexed site sharing identifiers with the target, each as <c>kind:value</c> (<c>trackers:UA-123-1</c>).
/// <c>Operator</c> is true when the shared values link the two as sites of one operator: a suspect site, and a tracker,
/// favicon, e-mail, phone or messenger handle rare in the index, or two rare-enough values of different kinds. Values many sites carry
/// (an agency's tag, a theme's favicon, a platform's support address) are listed with their low weight but never make an
/// operator link alone.</summary>
public sealed record Pivot(string Site, IReadOnlyList<string> Shared, bool Operator = false, IReadOnlyList<PivotValue>? Values = null)
{
    public IReadOnlyList<PivotValue> Values { get; init; } = Values ?? [];
}

/// <summary>A finding with a code from INDICATORS.md, a severity (info, low, medium, high, critical) and evidence text.</summary>
public sealed record SiteFinding(string Code, string Severity, string Evidence);

/// <param name="Target">The analysed site's id (<see cref="IndexedSite.Key"/>).</param>
/// <param name="Source">Where it was read from (the URL fetched, or the folder, HTML file or WARC file).</param>
/// <param name="Role">The role it has in the index: <c>reference</c> or <c>suspect</c>.</param>
/// <param name="Declared">The domains its pages claim (canonical link, og:url, JSON-LD url), most claimed first.</param>
public sealed record SiteReport(
    string Target,
    int Pages,
    IReadOnlyList<CloneMatch> Clones,
    SiteFingerprints Fingerprints,
    IReadOnlyList<Pivot> Pivots,
    IReadOnlyList<SiteFinding> Findings,
    IReadOnlyList<string> Warnings,
    string? Source = null,
    string? Role = null,
    IReadOnlyList<string>? Declared = null);

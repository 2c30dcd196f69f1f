using Unmask.WebsiteAnalysis.Analysis;

namespace Unmask.WebsiteAnalysis.Reports;

/// <summary>A string of the reference replaced by another in the target (<c>type</c>: name, domain, email, phone, address, tracker).</summary>
public sealed record BrandSubstitution(string Original, string Replacement, int Count, string Type);

/// <summary>A copied passage: the target's text and the reference's text it was aligned with.</summary>
public sealed record CopiedPassage(string TargetPage, string ReferencePage, string Text, string ReferenceText);

/// <summary>One reference the target copies (<c>relation: clone</c>) or is an earlier/later version of (<c>relation: same_site</c>).</summary>
/// <param name="Similarity">Dice overlap of the copied pages: 2·copied words / (words of the target's and the reference's matched pages).</param>
/// <param name="CopiedFraction">Share of the words of the matched reference pages found in the target.</param>
/// <param name="SuspectShare">Share of the target's content words found in the reference (down-weighted where the text is common).</param>
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
    IReadOnlyList<string> SameSiteEvidence)
{
    public const string CloneRelation = "clone";
    public const string SameSiteRelation = "same_site";
}

/// <summary>An indexed site sharing identifiers with the target, each as <c>kind:value</c> (<c>trackers:UA-123-1</c>).</summary>
public sealed record Pivot(string Site, IReadOnlyList<string> Shared);

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

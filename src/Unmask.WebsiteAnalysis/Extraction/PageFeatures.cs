namespace Unmask.WebsiteAnalysis.Extraction;

/// <summary>Where a block of visible text sits: page content, site furniture (navigation, footer, cookie banner, text repeated on
/// most pages), or a quotation (<c>&lt;blockquote&gt;</c>, <c>&lt;q&gt;</c>).</summary>
public enum BlockRole { Content, Boilerplate, Quote }

public sealed record TextBlock(string Text, BlockRole Role);

/// <summary>A value in the page's markup at a stable position: <c>link</c> (an <c>&lt;a href&gt;</c>, in document order),
/// <c>jsonld:&lt;path&gt;</c> (a string leaf of a JSON-LD script, e.g. <c>jsonld:0.address.streetAddress</c>), <c>canonical</c>,
/// <c>meta:og:url</c>, <c>meta:og:site_name</c>. A clone keeps the markup and swaps the values, so comparing the same slot of a
/// copied page pair shows the swap even where the visible text was left alone.</summary>
public sealed record MarkupValue(string Slot, string Value);

/// <summary>Everything extracted from one page.</summary>
public sealed record PageFeatures
{
    public required string Path { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public string? Canonical { get; init; }
    public string? OgUrl { get; init; }
    public string? OgSiteName { get; init; }
    public string? Generator { get; init; }
    public IReadOnlyList<string> JsonLdNames { get; init; } = [];
    public IReadOnlyList<string> JsonLdUrls { get; init; } = [];
    public IReadOnlyList<string> CopyrightLines { get; init; } = [];
    /// <summary>Hosts named by HTTrack "Mirrored from" comments.</summary>
    public IReadOnlyList<string> MirroredFrom { get; init; } = [];
    /// <summary>URLs of Internet Explorer / Chrome "saved from url=" comments.</summary>
    public IReadOnlyList<string> SavedFrom { get; init; } = [];
    /// <summary>Original URLs behind web.archive.org links (a Wayback capture rewrites every link this way).</summary>
    public IReadOnlyList<string> ArchivedUrls { get; init; } = [];
    /// <summary>True when the page carries Wayback Machine capture markers (toolbar, "FILE ARCHIVED ON" trailer).</summary>
    public bool IsArchiveCapture { get; init; }
    public IReadOnlyList<string> OutboundHosts { get; init; } = [];
    public IReadOnlyList<string> IconHrefs { get; init; } = [];
    public IReadOnlyList<string> ImageAlts { get; init; } = [];
    public IReadOnlyList<string> Trackers { get; init; } = [];
    public IReadOnlyList<string> Emails { get; init; } = [];
    public IReadOnlyList<string> Phones { get; init; } = [];
    public IReadOnlyList<string> Addresses { get; init; } = [];
    public IReadOnlyList<string> Messengers { get; init; } = [];
    public IReadOnlyList<TextBlock> Blocks { get; init; } = [];
    /// <summary>Hashes of DOM-structure shingles and CSS class names: the page's template, independent of its text.</summary>
    public IReadOnlyList<ulong> TemplateFeatures { get; init; } = [];
    public IReadOnlyList<MarkupValue> Markup { get; init; } = [];
    public IReadOnlyList<string> ClassNames { get; init; } = [];
}

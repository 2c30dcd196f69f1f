namespace Unmask.WebsiteAnalysis.Sources;

/// <summary>One saved HTML page: its path inside the site (relative, '/'-separated), the decoded HTML and the URL it came from
/// when known (WARC, crawler).</summary>
public sealed record SitePage(string Path, string Html, string? Url = null);

/// <summary>A resource file of a site (image, script, stylesheet, icon) known by the SHA-256 of its bytes (lower-case hex) and
/// its length; the bytes themselves are not kept.</summary>
public sealed record AssetFile(string Sha256, long Length)
{
    public static AssetFile Of(ReadOnlySpan<byte> bytes) =>
        new(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), bytes.Length);
}

/// <summary>A site as loaded from a folder, an HTML file or a WARC file: its pages, small binary resources that may be favicons,
/// the hashes of its other resource files, and one warning per page or record that could not be read (the rest is still
/// analysed).</summary>
public sealed class SiteSnapshot
{
    public SiteSnapshot(string name, string source, IReadOnlyList<SitePage> pages, IReadOnlyDictionary<string, byte[]> icons,
        IReadOnlyList<string> warnings, IReadOnlyDictionary<string, AssetFile>? assets = null)
    {
        Name = name;
        Source = source;
        Pages = pages;
        Icons = icons;
        Warnings = warnings;
        Assets = assets ?? new Dictionary<string, AssetFile>();
    }

    /// <summary>Folder or file name (WARC: the host of the first page).</summary>
    public string Name { get; }

    /// <summary>The path the site was loaded from.</summary>
    public string Source { get; }

    public IReadOnlyList<SitePage> Pages { get; }

    /// <summary>Icon files by site path (<c>favicon.ico</c>, <c>images/favicon.png</c>).</summary>
    public IReadOnlyDictionary<string, byte[]> Icons { get; }

    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Resource files (images, scripts, stylesheets, icons) by site path, hashed: the site's copied artefacts are
    /// found by comparing these with another site's.</summary>
    public IReadOnlyDictionary<string, AssetFile> Assets { get; }
}

/// <summary>Limits on everything read from a saved or archived site: a hostile site chooses its own bytes, so every size that
/// could grow without bound is capped, and the caps are checked while reading (while inflating, while scanning markup), not
/// after the whole input is in memory.</summary>
/// <param name="MaxPageBytes">Pages larger than this (after decompression) are skipped with a warning. Default 8 MB.</param>
/// <param name="MaxPages">At most this many pages are read per site (the rest gets one warning). Default 5,000.</param>
/// <param name="MaxIconBytes">Icon files larger than this are ignored. Default 1 MB.</param>
/// <param name="MaxRecordBytes">A WARC record block over this is skipped with a warning; an HTTP body that inflates
/// (Content-Encoding gzip, deflate, br) to more than this is a decompression bomb and refuses the file. Default 64 MB.</param>
/// <param name="MaxInflatedBytes">At most this many bytes are decompressed from one WARC file in all (gzip members and HTTP
/// bodies together); more refuses the file. A 3 MB file can inflate to 3 GB. Default 1 GB.</param>
/// <param name="MaxHeaderBytes">A WARC or HTTP header section longer than this ends reading (WARC) or skips the record
/// (HTTP). Default 256 KB.</param>
/// <param name="MaxElements">A page with more elements than this is skipped (the extractor parses only what comes before).
/// Large real pages have tens of thousands. Default 200,000.</param>
/// <param name="MaxDepth">A page whose elements nest deeper than this is skipped (the extractor parses only what comes
/// before): browsers stop nesting at 512 (Chromium's HTML parser depth cap), and HTML tree building is quadratic in depth
/// (100,000 nested divs took 43 s). Default 512.</param>
/// <param name="MaxTextChars">Visible text kept per page; the rest is ignored. Default 1,000,000 characters.</param>
/// <param name="MaxContactTextChars">Visible text searched for e-mail addresses, phone numbers, postal addresses and messenger
/// handles per page: its first and last halves when longer (the patterns took 10 s on 1 MB of digits). Default 50,000
/// characters.</param>
/// <param name="MaxLinks">Links (<c>&lt;a href&gt;</c>) kept per page, and distinct <c>tel:</c>/<c>mailto:</c> links read per page
/// at most a tenth of it. Default 5,000.</param>
/// <param name="MaxAssetBytes">Resource files (images, scripts, stylesheets) larger than this are not hashed. Default 4 MB.</param>
/// <param name="MaxAssets">Resource files hashed per site at most (the rest gets one warning). Default 2,000.</param>
public sealed record SiteInputLimits(
    long MaxPageBytes = 8 * 1024 * 1024,
    int MaxPages = 5_000,
    long MaxIconBytes = 1024 * 1024,
    long MaxRecordBytes = 64L * 1024 * 1024,
    long MaxInflatedBytes = 1024L * 1024 * 1024,
    int MaxHeaderBytes = 256 * 1024,
    int MaxElements = 200_000,
    int MaxDepth = 512,
    int MaxTextChars = 1_000_000,
    int MaxContactTextChars = 50_000,
    int MaxLinks = 5_000,
    long MaxAssetBytes = 4 * 1024 * 1024,
    int MaxAssets = 2_000);

namespace Unmask.WebsiteAnalysis.Sources;

/// <summary>One saved HTML page: its path inside the site (relative, '/'-separated), the decoded HTML and the URL it came from
/// when known (WARC, crawler).</summary>
public sealed record SitePage(string Path, string Html, string? Url = null);

/// <summary>A site as loaded from a folder, an HTML file or a WARC file: its pages, small binary resources that may be favicons,
/// and one warning per page or record that could not be read (the rest is still analysed).</summary>
public sealed class SiteSnapshot
{
    public SiteSnapshot(string name, string source, IReadOnlyList<SitePage> pages, IReadOnlyDictionary<string, byte[]> icons,
        IReadOnlyList<string> warnings)
    {
        Name = name;
        Source = source;
        Pages = pages;
        Icons = icons;
        Warnings = warnings;
    }

    /// <summary>Folder or file name (WARC: the host of the first page).</summary>
    public string Name { get; }

    /// <summary>The path the site was loaded from.</summary>
    public string Source { get; }

    public IReadOnlyList<SitePage> Pages { get; }

    /// <summary>Icon files by site path (<c>favicon.ico</c>, <c>images/favicon.png</c>).</summary>
    public IReadOnlyDictionary<string, byte[]> Icons { get; }

    public IReadOnlyList<string> Warnings { get; }
}

/// <param name="MaxPageBytes">Pages larger than this are skipped with a warning. Default 8 MB.</param>
/// <param name="MaxPages">At most this many pages are read per site (the rest gets one warning). Default 5,000.</param>
/// <param name="MaxIconBytes">Icon files larger than this are ignored. Default 1 MB.</param>
public sealed record SiteLoadOptions(long MaxPageBytes = 8 * 1024 * 1024, int MaxPages = 5_000, long MaxIconBytes = 1024 * 1024);

namespace Unmask.WebsiteAnalysis.Sources;

/// <summary>Loads a saved site from a folder of HTML files (recursive), a single HTML file or a WARC file. Every page that
/// cannot be used (too large, binary, unreadable, truncated) becomes one warning naming the page; the others are loaded.</summary>
public static class SiteLoader
{
    private static readonly string[] HtmlExtensions = [".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"];
    private static readonly string[] IconExtensions = [".ico", ".png", ".svg", ".gif", ".jpg", ".jpeg", ".webp"];

    public static SiteSnapshot Load(string path, SiteInputLimits? limits = null)
    {
        limits ??= new SiteInputLimits();
        if (Directory.Exists(path))
        {
            return LoadFolder(path, limits);
        }
        if (!File.Exists(path))
        {
            throw new Unmask.Domain.InputException(path, 0, "no such file or folder");
        }
        return IsWarc(path) ? LoadWarc(path, limits) : LoadFile(path, limits);
    }

    private static SiteSnapshot LoadFolder(string folder, SiteInputLimits limits)
    {
        var warnings = new List<string>();
        var pages = new List<SitePage>();
        var icons = new Dictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase);
        var files = Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
            var extension = Path.GetExtension(file).ToLowerInvariant();
            if (HtmlExtensions.Contains(extension))
            {
                if (pages.Count >= limits.MaxPages)
                {
                    warnings.Add($"{relative}: over the limit of {limits.MaxPages} pages; this and later pages skipped");
                    break;
                }
                if (ReadPage(file, relative, limits, warnings) is { } page)
                {
                    pages.Add(page);
                }
            }
            else if (IconExtensions.Contains(extension) && LooksLikeIcon(relative))
            {
                var info = new FileInfo(file);
                if (info.Length <= limits.MaxIconBytes)
                {
                    icons[relative] = File.ReadAllBytes(file);
                }
            }
        }
        if (pages.Count == 0)
        {
            warnings.Add($"{folder}: no readable HTML pages");
        }
        return new SiteSnapshot(Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)), folder, pages, icons, warnings);
    }

    private static SiteSnapshot LoadFile(string file, SiteInputLimits limits)
    {
        var warnings = new List<string>();
        var pages = new List<SitePage>();
        var icons = new Dictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase);
        var name = Path.GetFileName(file);
        if (ReadPage(file, name, limits, warnings) is { } page)
        {
            pages.Add(page);
        }
        var sibling = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".", "favicon.ico");
        if (File.Exists(sibling) && new FileInfo(sibling).Length <= limits.MaxIconBytes)
        {
            icons["favicon.ico"] = File.ReadAllBytes(sibling);
        }
        return new SiteSnapshot(Path.GetFileNameWithoutExtension(file), file, pages, icons, warnings);
    }

    private static SitePage? ReadPage(string file, string relative, SiteInputLimits limits, List<string> warnings)
    {
        try
        {
            var length = new FileInfo(file).Length;
            if (length > limits.MaxPageBytes)
            {
                warnings.Add($"{relative}: {length:N0} bytes is over the per-page limit of {limits.MaxPageBytes:N0} bytes; skipped");
                return null;
            }
            var bytes = File.ReadAllBytes(file);
            if (HtmlDecoding.LooksBinary(bytes))
            {
                warnings.Add($"{relative}: binary content, not HTML; skipped");
                return null;
            }
            return Page(relative, bytes, null, null, limits, warnings);
        }
        catch (IOException e)
        {
            warnings.Add($"{relative}: could not be read ({e.Message}); skipped");
            return null;
        }
        catch (UnauthorizedAccessException e)
        {
            warnings.Add($"{relative}: could not be read ({e.Message}); skipped");
            return null;
        }
    }

    private static SiteSnapshot LoadWarc(string file, SiteInputLimits limits)
    {
        var warnings = new List<string>();
        var pages = new List<SitePage>();
        var icons = new Dictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase);
        string? host = null;
        using var stream = File.OpenRead(file);
        foreach (var response in WarcReader.Read(stream, file, warnings.Add, limits))
        {
            if (!Uri.TryCreate(response.TargetUri, UriKind.Absolute, out var uri))
            {
                warnings.Add($"{response.TargetUri}: not an absolute URL; skipped");
                continue;
            }
            var sitePath = uri.AbsolutePath.TrimStart('/');
            if (sitePath.Length == 0 || sitePath.EndsWith('/'))
            {
                sitePath += "index.html";
            }
            response.Headers.TryGetValue("Content-Type", out var contentType);
            contentType ??= "";
            if (contentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
            {
                if (response.Body.Length <= limits.MaxIconBytes && (LooksLikeIcon(sitePath) || contentType.Contains("icon", StringComparison.OrdinalIgnoreCase)))
                {
                    icons[sitePath] = response.Body;
                }
                continue;
            }
            if (!contentType.Contains("html", StringComparison.OrdinalIgnoreCase) && contentType.Length > 0)
            {
                continue;
            }
            if (response.Status is >= 300 and < 400 or >= 400)
            {
                continue;
            }
            if (response.Body.Length > limits.MaxPageBytes)
            {
                warnings.Add($"{response.TargetUri}: {response.Body.Length:N0} bytes is over the per-page limit; skipped");
                continue;
            }
            if (HtmlDecoding.LooksBinary(response.Body))
            {
                warnings.Add($"{response.TargetUri}: binary content, not HTML; skipped");
                continue;
            }
            if (pages.Count >= limits.MaxPages)
            {
                warnings.Add($"{response.TargetUri}: over the limit of {limits.MaxPages} pages; later pages skipped");
                break;
            }
            host ??= uri.Host;
            var pagePath = uri.Host == host ? sitePath : $"{uri.Host}/{sitePath}";
            if (Page(pagePath, response.Body, contentType, response.TargetUri, limits, warnings) is { } page)
            {
                pages.Add(page);
            }
        }
        return new SiteSnapshot(host ?? Path.GetFileNameWithoutExtension(file), file, pages, icons, warnings);
    }

    /// <summary>Decodes a page and checks its markup against the element and depth limits before anything parses it.</summary>
    private static SitePage? Page(string path, byte[] bytes, string? contentType, string? url, SiteInputLimits limits, List<string> warnings)
    {
        var html = HtmlDecoding.Decode(bytes, contentType, warning => warnings.Add($"{path}: {warning}"));
        var shape = HtmlShape.Measure(html, limits.MaxElements, limits.MaxDepth);
        if (shape.Problem is not null)
        {
            warnings.Add($"{path}: {shape.Problem} (a page built to stall the parser); skipped");
            return null;
        }
        return new SitePage(path, html, url);
    }

    /// <summary>True when the file is a WARC (by its extension, or its first bytes when renamed).</summary>
    public static bool IsWarc(string file)
    {
        var lower = file.ToLowerInvariant();
        if (lower.EndsWith(".warc", StringComparison.Ordinal) || lower.EndsWith(".warc.gz", StringComparison.Ordinal))
        {
            return true;
        }
        using var stream = File.OpenRead(file);
        Span<byte> head = stackalloc byte[5];
        return stream.Read(head) == 5 && head.SequenceEqual("WARC/"u8);
    }

    private static bool LooksLikeIcon(string relative) =>
        Path.GetFileName(relative).Contains("icon", StringComparison.OrdinalIgnoreCase);
}

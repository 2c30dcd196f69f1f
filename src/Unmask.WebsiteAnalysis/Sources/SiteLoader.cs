namespace Unmask.WebsiteAnalysis.Sources;

/// <summary>Loads a saved site from a folder of HTML files (recursive), a single HTML file or a WARC file. Every page that
/// cannot be used (too large, binary, unreadable, truncated) becomes one warning naming the page; the others are loaded.</summary>
public static class SiteLoader
{
    private static readonly string[] HtmlExtensions = [".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"];
    private static readonly string[] IconExtensions = [".ico", ".png", ".svg", ".gif", ".jpg", ".jpeg", ".webp"];

    /// <summary>Resource files hashed for copied-artefact comparison: images, scripts, stylesheets, icons.</summary>
    public static readonly string[] AssetExtensions =
        [".ico", ".png", ".svg", ".gif", ".jpg", ".jpeg", ".webp", ".avif", ".bmp", ".css", ".js", ".mjs"];

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
        var assets = new Dictionary<string, AssetFile>(StringComparer.OrdinalIgnoreCase);
        var skippedAssets = 0;
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
            else if (AssetExtensions.Contains(extension))
            {
                if (assets.Count >= limits.MaxAssets)
                {
                    skippedAssets++;
                    continue;
                }
                ReadAsset(file, relative, IconExtensions.Contains(extension) && LooksLikeIcon(relative), limits, icons, assets, warnings);
            }
        }
        if (skippedAssets > 0)
        {
            warnings.Add($"{skippedAssets} resource file(s) not hashed: over the limit of {limits.MaxAssets} per site");
        }
        if (pages.Count == 0)
        {
            warnings.Add($"{folder}: no readable HTML pages");
        }
        return new SiteSnapshot(Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)), folder, pages, icons, warnings, assets);
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
        var assets = new Dictionary<string, AssetFile>(StringComparer.OrdinalIgnoreCase);
        var sibling = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".", "favicon.ico");
        if (File.Exists(sibling))
        {
            ReadAsset(sibling, "favicon.ico", isIcon: true, limits, icons, assets, warnings);
        }
        return new SiteSnapshot(Path.GetFileNameWithoutExtension(file), file, pages, icons, warnings, assets);
    }

    /// <summary>Hashes a resource file (and keeps the bytes of a small icon for the favicon hash); a file that cannot be read
    /// is a warning, never an error.</summary>
    private static void ReadAsset(string file, string relative, bool isIcon, SiteInputLimits limits, Dictionary<string, byte[]> icons,
        Dictionary<string, AssetFile> assets, List<string> warnings)
    {
        try
        {
            var length = new FileInfo(file).Length;
            if (length > limits.MaxAssetBytes && (!isIcon || length > limits.MaxIconBytes))
            {
                return;
            }
            var bytes = File.ReadAllBytes(file);
            if (length <= limits.MaxAssetBytes)
            {
                assets[relative] = AssetFile.Of(bytes);
            }
            if (isIcon && length <= limits.MaxIconBytes)
            {
                icons[relative] = bytes;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            warnings.Add($"{relative}: could not be read ({e.Message}); not hashed");
        }
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
        var assets = new Dictionary<string, AssetFile>(StringComparer.OrdinalIgnoreCase);
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
            if (IsAssetResponse(contentType, sitePath))
            {
                // Resources of a second host keep its name in front, as its pages do.
                var assetPath = host is null || uri.Host == host ? sitePath : $"{uri.Host}/{sitePath}";
                if (response.Status is >= 200 and < 300 && response.Body.Length <= limits.MaxAssetBytes && assets.Count < limits.MaxAssets)
                {
                    assets[assetPath] = AssetFile.Of(response.Body);
                }
                if (contentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase) && response.Body.Length <= limits.MaxIconBytes
                    && (LooksLikeIcon(sitePath) || contentType.Contains("icon", StringComparison.OrdinalIgnoreCase)))
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
        return new SiteSnapshot(host ?? Path.GetFileNameWithoutExtension(file), file, pages, icons, warnings, assets);
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

    /// <summary>A WARC response that holds an image, a script or a stylesheet (by content type, or by extension when the type
    /// is missing or generic).</summary>
    private static bool IsAssetResponse(string contentType, string sitePath)
    {
        var type = contentType.Split(';')[0].Trim();
        if (type.StartsWith("image/", StringComparison.OrdinalIgnoreCase) || type.Equals("text/css", StringComparison.OrdinalIgnoreCase)
            || type.Contains("javascript", StringComparison.OrdinalIgnoreCase) || type.Contains("ecmascript", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        return (type.Length == 0 || type.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase) || type.Equals("text/plain", StringComparison.OrdinalIgnoreCase))
            && AssetExtensions.Contains(Path.GetExtension(sitePath).ToLowerInvariant());
    }

    private static bool LooksLikeIcon(string relative) =>
        Path.GetFileName(relative).Contains("icon", StringComparison.OrdinalIgnoreCase);
}

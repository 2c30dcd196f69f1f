using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Unmask.Domain;

namespace Unmask.WebsiteAnalysis.Sources;

/// <param name="MaxPages">Pages fetched at most (robots.txt and favicon not counted). Default 100.</param>
/// <param name="MaxDepth">Links followed at most this many hops from the start page. Default 4.</param>
/// <param name="MaxPageBytes">A page larger than this is dropped with a warning (the rest of the site is still crawled). Default 8 MB.</param>
/// <param name="MaxTotalBytes">The crawl stops when this many bytes were downloaded. Default 64 MB.</param>
/// <param name="MaxDuration">The crawl stops after this long. Default 2 minutes.</param>
/// <param name="Delay">Pause between requests (politeness); a longer robots.txt Crawl-delay (up to 30 s) wins. Default 1 s; 0 in tests.</param>
/// <param name="RespectRobots">Obey robots.txt (Disallow/Allow for our user agent or *). Default true.</param>
/// <param name="UserAgent">User-Agent header and robots.txt token. Default "UnmaskBot".</param>
/// <param name="MaxUrlLength">Longer URLs are ignored (session-id and calendar traps). Default 2,000.</param>
/// <param name="Clock">Time source for the duration limit and delays (default <see cref="TimeProvider.System"/>).</param>
/// <param name="MaxAssets">Same-site images, scripts, stylesheets and icons the fetched pages load, fetched at most (to hash them
/// for copied artefacts; counted against the byte and time limits, not against pages). Default 100; 0 fetches none.</param>
/// <param name="MaxAssetBytes">A resource file larger than this is not fetched whole nor hashed. Default 2 MB.</param>
public sealed record CrawlOptions(
    int MaxPages = 100,
    int MaxDepth = 4,
    long MaxPageBytes = 8 * 1024 * 1024,
    long MaxTotalBytes = 64 * 1024 * 1024,
    TimeSpan? MaxDuration = null,
    TimeSpan? Delay = null,
    bool RespectRobots = true,
    string UserAgent = "UnmaskBot",
    int MaxUrlLength = 2_000,
    TimeProvider? Clock = null,
    int MaxAssets = 100,
    long MaxAssetBytes = 2 * 1024 * 1024);

/// <summary>Fetches a live site over HTTP(S) into a <see cref="SiteSnapshot"/>: breadth-first over same-site links from the start
/// URL, within page, depth, size and time limits, obeying robots.txt and pausing between requests. Every request goes through
/// the <see cref="GuardedHttpClient"/> it is given, which refuses non-public addresses (unless allowed there), checks each
/// redirect hop and connects only to the addresses it checked; the crawler adds that redirects stay on the site.</summary>
public sealed partial class SiteCrawler(GuardedHttpClient http)
{
    private static readonly string[] SkippedExtensions =
        [".jpg", ".jpeg", ".png", ".gif", ".svg", ".webp", ".ico", ".css", ".js", ".pdf", ".zip", ".gz", ".mp4", ".mp3", ".woff", ".woff2", ".ttf", ".xml", ".json", ".rss"];

    [GeneratedRegex(@"<a\b[^>]*?\bhref\s*=\s*(?:""([^""]*)""|'([^']*)'|([^\s>]+))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnchorHref();

    public async Task<SiteSnapshot> CrawlAsync(Uri start, CrawlOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new CrawlOptions();
        if (start.Scheme is not ("http" or "https") || !start.IsAbsoluteUri)
        {
            throw new InputException(start.ToString(), 0, "only http:// and https:// URLs can be crawled");
        }
        var clock = options.Clock ?? TimeProvider.System;
        var began = clock.GetTimestamp();
        var maxDuration = options.MaxDuration ?? TimeSpan.FromMinutes(2);
        var delay = options.Delay ?? TimeSpan.FromSeconds(1);
        var warnings = new List<string>();
        var pages = new List<SitePage>();
        var icons = new Dictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase);
        var assets = new Dictionary<string, AssetFile>(StringComparer.OrdinalIgnoreCase);
        var host = start.IdnHost.ToLowerInvariant();
        try
        {
            await http.CheckHostAsync(start, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw new InputException(start.ToString(), 0, $"host {start.IdnHost} could not be resolved ({e.SocketErrorCode})");
        }

        var robots = RobotsRules.AllowAll;
        var requests = 0;
        long downloaded = 0;
        async Task<Fetched?> Fetch(Uri url, bool isPage, long? maxBytes = null)
        {
            if (requests > 0 && delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, clock, cancellationToken).ConfigureAwait(false);
            }
            requests++;
            var fetched = await FetchFollowingRedirectsAsync(url, options, warnings, host, maxBytes ?? (isPage ? options.MaxPageBytes : 512 * 1024), cancellationToken).ConfigureAwait(false);
            downloaded += fetched?.Body.Length ?? 0;
            return fetched;
        }

        if (options.RespectRobots)
        {
            var robotsFile = await Fetch(new Uri(start, "/robots.txt"), isPage: false).ConfigureAwait(false);
            if (robotsFile is { Status: >= 200 and < 300 })
            {
                robots = RobotsRules.Parse(System.Text.Encoding.UTF8.GetString(robotsFile.Body), options.UserAgent);
                if (robots.CrawlDelay is { } crawlDelay && crawlDelay > delay)
                {
                    delay = crawlDelay < TimeSpan.FromSeconds(30) ? crawlDelay : TimeSpan.FromSeconds(30);
                }
            }
        }

        var queue = new Queue<(Uri Url, int Depth)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var startUrl = Normalise(start);
        queue.Enqueue((startUrl, 0));
        seen.Add(startUrl.AbsoluteUri);
        while (queue.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (pages.Count >= options.MaxPages)
            {
                warnings.Add($"{queue.Count} more pages not fetched: limit of {options.MaxPages} pages reached");
                break;
            }
            if (clock.GetElapsedTime(began) > maxDuration)
            {
                warnings.Add($"crawl stopped after {maxDuration.TotalSeconds:0} s; {queue.Count} queued pages not fetched");
                break;
            }
            if (downloaded > options.MaxTotalBytes)
            {
                warnings.Add($"crawl stopped after {downloaded:N0} bytes (limit {options.MaxTotalBytes:N0})");
                break;
            }
            var (url, depth) = queue.Dequeue();
            if (!robots.Allows(url.PathAndQuery))
            {
                warnings.Add($"{url}: disallowed by robots.txt; not fetched");
                continue;
            }
            var page = await Fetch(url, isPage: true).ConfigureAwait(false);
            if (page is null || page.Status is < 200 or >= 300)
            {
                if (page is not null)
                {
                    warnings.Add($"{url}: HTTP {page.Status}; skipped");
                }
                continue;
            }
            if (!IsHtml(page))
            {
                continue;
            }
            var html = HtmlDecoding.Decode(page.Body, page.ContentType);
            var finalUrl = page.Url;
            pages.Add(new SitePage(PagePath(finalUrl), html, finalUrl.AbsoluteUri));
            if (depth >= options.MaxDepth)
            {
                continue;
            }
            foreach (var link in Links(html, finalUrl))
            {
                if (link.AbsoluteUri.Length > options.MaxUrlLength || !SameSite(link, host) || LooksLikeTrap(link) || HasSkippedExtension(link))
                {
                    continue;
                }
                if (seen.Add(link.AbsoluteUri))
                {
                    queue.Enqueue((link, depth + 1));
                }
            }
        }

        var assetLinks = AssetUrls(pages, host).ToList();
        var notFetched = 0;
        foreach (var (url, path, isIcon) in assetLinks)
        {
            if (assets.Count >= options.MaxAssets || clock.GetElapsedTime(began) > maxDuration || downloaded > options.MaxTotalBytes)
            {
                notFetched++;
                continue;
            }
            if (!robots.Allows(url.PathAndQuery))
            {
                continue;
            }
            var asset = await Fetch(url, isPage: false, options.MaxAssetBytes).ConfigureAwait(false);
            if (asset is { Status: >= 200 and < 300 } && asset.Body.Length > 0 && !IsHtml(asset))
            {
                assets[path] = AssetFile.Of(asset.Body);
                if (isIcon && asset.Body.Length <= 1024 * 1024)
                {
                    icons[path] = asset.Body;
                }
            }
        }
        if (notFetched > 0)
        {
            warnings.Add($"{notFetched} resource file(s) the pages load not fetched: limit of {options.MaxAssets} files, the byte or the time limit reached");
        }

        if (pages.Count > 0 && clock.GetElapsedTime(began) <= maxDuration && robots.Allows("/favicon.ico") && !assets.ContainsKey("favicon.ico"))
        {
            var icon = await Fetch(new Uri(start, "/favicon.ico"), isPage: false).ConfigureAwait(false);
            if (icon is { Status: >= 200 and < 300 } && icon.Body.Length is > 0 and <= 1024 * 1024 && !IsHtml(icon))
            {
                icons["favicon.ico"] = icon.Body;
                assets["favicon.ico"] = AssetFile.Of(icon.Body);
            }
        }
        if (pages.Count == 0)
        {
            warnings.Add($"{start}: no HTML pages could be fetched");
        }
        return new SiteSnapshot(host, start.AbsoluteUri, pages, icons, warnings, assets);
    }

    /// <summary>Same-site resource files the pages load, each once, with its site path (as the snapshot keys it) and whether
    /// the page names it as an icon.</summary>
    private static IEnumerable<(Uri Url, string Path, bool IsIcon)> AssetUrls(List<SitePage> pages, string host)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var page in pages)
        {
            var pageUrl = new Uri(page.Url!);
            foreach (var link in Extraction.AssetLinks.Find(page.Html))
            {
                if (!Uri.TryCreate(pageUrl, link.Href.Trim(), out var url) || url.Scheme is not ("http" or "https") || !SameSite(url, host)
                    || Extraction.AssetLinks.Resolve(page.Path, link.Href, page.Url) is not { } path || !seen.Add(path))
                {
                    continue;
                }
                yield return (Normalise(new UriBuilder(url) { Query = "" }.Uri), path, link.Kind == Extraction.AssetLinks.Icon);
            }
        }
    }

    private sealed record Fetched(Uri Url, int Status, string? ContentType, byte[] Body);

    private async Task<Fetched?> FetchFollowingRedirectsAsync(Uri url, CrawlOptions options, List<string> warnings, string host, long maxBytes, CancellationToken ct)
    {
        GuardedResponse fetched;
        try
        {
            fetched = await http.GetAsync(url,
                (from, to) => SameSite(to, host) ? null : $"{from} redirects off-site to {to}; not followed",
                headers =>
                {
                    headers.UserAgent.Add(new ProductInfoHeaderValue(options.UserAgent, "1.0"));
                    headers.Accept.ParseAdd("text/html,application/xhtml+xml;q=0.9,*/*;q=0.5");
                },
                ct).ConfigureAwait(false);
        }
        catch (InputException refused)
        {
            warnings.Add(refused.Message);
            return null;
        }
        catch (HttpRequestException e)
        {
            warnings.Add($"{url}: request failed ({e.Message})");
            return null;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            warnings.Add($"{url}: timed out");
            return null;
        }
        using (fetched)
        {
            var response = fetched.Response;
            var current = fetched.Url;
            var contentType = response.Content.Headers.ContentType?.ToString();
            if (response.Content.Headers.ContentLength is { } declared && declared > maxBytes)
            {
                warnings.Add($"{current}: {declared:N0} bytes is over the per-page limit of {maxBytes:N0} bytes; skipped");
                return null;
            }
            await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            var body = await ReadCappedAsync(stream, maxBytes, ct).ConfigureAwait(false);
            if (body is null)
            {
                warnings.Add($"{current}: over the per-page limit of {maxBytes:N0} bytes; skipped");
                return null;
            }
            return new Fetched(current, (int)response.StatusCode, contentType, body);
        }
    }

    private static async Task<byte[]?> ReadCappedAsync(Stream stream, long maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static bool IsHtml(Fetched fetched)
    {
        if (fetched.ContentType is { } type)
        {
            return type.Contains("html", StringComparison.OrdinalIgnoreCase);
        }
        var head = System.Text.Encoding.ASCII.GetString(fetched.Body, 0, Math.Min(fetched.Body.Length, 512)).TrimStart();
        return head.StartsWith('<') && !HtmlDecoding.LooksBinary(fetched.Body);
    }

    private static IEnumerable<Uri> Links(string html, Uri page)
    {
        foreach (Match match in AnchorHref().Matches(html))
        {
            var raw = WebUtility.HtmlDecode(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Success ? match.Groups[2].Value : match.Groups[3].Value).Trim();
            if (raw.Length == 0 || raw.StartsWith('#') || raw.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (Uri.TryCreate(page, raw, out var absolute) && absolute.Scheme is "http" or "https")
            {
                yield return Normalise(absolute);
            }
        }
    }

    /// <summary>Lower-case scheme and host, default port dropped, dot segments resolved, fragment dropped.</summary>
    public static Uri Normalise(Uri url)
    {
        var builder = new UriBuilder(url) { Fragment = "", Host = url.Host.ToLowerInvariant(), Scheme = url.Scheme.ToLowerInvariant() };
        if (url.IsDefaultPort)
        {
            builder.Port = -1;
        }
        return builder.Uri;
    }

    private static bool SameSite(Uri url, string host)
    {
        static string Bare(string h) => h.StartsWith("www.", StringComparison.Ordinal) ? h[4..] : h;
        return Bare(url.IdnHost.ToLowerInvariant()) == Bare(host);
    }

    /// <summary>Link traps: the same path segment repeated (relative links that nest forever: /a/a/a/…) or very deep paths.</summary>
    private static bool LooksLikeTrap(Uri url)
    {
        var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length > 12 || segments.GroupBy(s => s, StringComparer.OrdinalIgnoreCase).Any(g => g.Count() > 2);
    }

    private static bool HasSkippedExtension(Uri url) =>
        SkippedExtensions.Any(e => url.AbsolutePath.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    private static string PagePath(Uri url)
    {
        var path = Uri.UnescapeDataString(url.AbsolutePath.TrimStart('/'));
        if (path.Length == 0 || path.EndsWith('/'))
        {
            path += "index.html";
        }
        return url.Query.Length > 1 ? path + url.Query : path;
    }
}

/// <summary>robots.txt rules for one user agent (RFC 9309): the group naming our token, else the <c>*</c> group; the longest
/// matching Allow/Disallow path wins, Allow on a tie; <c>*</c> matches any run of characters and a trailing <c>$</c> anchors.</summary>
public sealed class RobotsRules
{
    private readonly List<(string Pattern, bool Allow)> _rules;

    private RobotsRules(List<(string, bool)> rules, TimeSpan? crawlDelay)
    {
        _rules = rules;
        CrawlDelay = crawlDelay;
    }

    public static RobotsRules AllowAll { get; } = new([], null);

    public TimeSpan? CrawlDelay { get; }

    public static RobotsRules Parse(string text, string userAgent)
    {
        var groups = new List<(List<string> Agents, List<(string, bool)> Rules, TimeSpan? Delay)>();
        (List<string> Agents, List<(string, bool)> Rules, TimeSpan? Delay)? current = null;
        var lastWasAgent = false;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Split('#')[0].Trim();
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }
            var field = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            if (field == "user-agent")
            {
                if (current is null || !lastWasAgent)
                {
                    current = ([], [], null);
                    groups.Add(current.Value);
                }
                current.Value.Agents.Add(value.ToLowerInvariant());
                lastWasAgent = true;
                continue;
            }
            lastWasAgent = false;
            if (current is null)
            {
                continue;
            }
            switch (field)
            {
                case "allow" when value.Length > 0:
                    current.Value.Rules.Add((value, true));
                    break;
                case "disallow" when value.Length > 0:
                    current.Value.Rules.Add((value, false));
                    break;
                case "crawl-delay" when double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds >= 0:
                    var index = groups.FindIndex(g => ReferenceEquals(g.Rules, current.Value.Rules));
                    current = (current.Value.Agents, current.Value.Rules, TimeSpan.FromSeconds(Math.Min(seconds, 3600)));
                    groups[index] = current.Value;
                    break;
            }
        }
        var token = userAgent.ToLowerInvariant();
        var mine = groups.Where(g => g.Agents.Any(a => a != "*" && token.Contains(a, StringComparison.Ordinal))).ToList();
        if (mine.Count == 0)
        {
            mine = groups.Where(g => g.Agents.Contains("*")).ToList();
        }
        return new RobotsRules(mine.SelectMany(g => g.Rules).ToList(), mine.Select(g => g.Delay).FirstOrDefault(d => d is not null));
    }

    public bool Allows(string pathAndQuery)
    {
        var best = -1;
        var allow = true;
        foreach (var (pattern, isAllow) in _rules)
        {
            if (Matches(pattern, pathAndQuery) && (pattern.Length > best || (pattern.Length == best && isAllow)))
            {
                best = pattern.Length;
                allow = isAllow;
            }
        }
        return allow;
    }

    private static bool Matches(string pattern, string path)
    {
        var anchored = pattern.EndsWith('$');
        var regex = "^" + string.Join(".*", (anchored ? pattern[..^1] : pattern).Split('*').Select(Regex.Escape)) + (anchored ? "$" : "");
        return Regex.IsMatch(path, regex, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    }
}

using System.Text.Json;
using Unmask.Domain;
using Unmask.Storage;
using Unmask.WebsiteAnalysis;
using Unmask.WebsiteAnalysis.Analysis;
using Unmask.WebsiteAnalysis.Reports;
using Unmask.WebsiteAnalysis.Sources;

namespace Unmask.Application.Sites;

/// <summary>One site added to the index: its key, role, pages and the per-page problems met while loading it.</summary>
public sealed record IndexedSiteSummary(string Key, SiteRole Role, int Pages, string Source, IReadOnlyList<string> Warnings);

/// <summary>The AnalyzeSite use case: the site index lives in the store (one document per site); analysis loads it,
/// compares the target and keeps the report so the link graph can use it.</summary>
/// <param name="AllowPrivate">Let the crawler fetch loopback and private addresses (intranets, testing your own servers);
/// cloud metadata and reserved addresses stay refused.</param>
/// <param name="MaxPages">Most pages fetched when the target is a URL.</param>
public sealed record CrawlSettings(bool AllowPrivate = false, int MaxPages = 100);

public sealed class SiteService(IUnmaskStore store, TimeProvider time, CrawlSettings? crawl = null)
{
    public const string SitesCollection = "sites";
    public const string ReportsCollection = "site_reports";

    private static readonly JsonSerializerOptions Json = new();

    public async Task<IReadOnlyList<IndexedSiteSummary>> IndexAsync(IReadOnlyList<string> paths, SiteRole role, CancellationToken cancellationToken)
    {
        if (paths.Count == 0)
        {
            throw new InputException("", null, "no site given");
        }
        var documents = new List<KeyValuePair<string, string>>();
        var summaries = new List<IndexedSiteSummary>();
        foreach (var path in paths)
        {
            var site = await ExtractAsync(path, role, cancellationToken);
            documents.Add(new(site.Key, JsonSerializer.Serialize(site, Json)));
            summaries.Add(new IndexedSiteSummary(site.Key, role, site.Pages.Count, path, site.Warnings));
        }
        await store.Documents.PutAsync(SitesCollection, documents, cancellationToken);
        await Graph.GraphService.InvalidateAsync(store, cancellationToken);
        return summaries;
    }

    public async Task<SiteIndex> LoadIndexAsync(string? excludeKey, CancellationToken cancellationToken)
    {
        var sites = new List<IndexedSite>();
        await foreach (var (key, body) in store.Documents.ListAsync(SitesCollection, cancellationToken))
        {
            if (key != excludeKey && JsonSerializer.Deserialize<IndexedSite>(body, Json) is { } site)
            {
                sites.Add(site);
            }
        }
        return SiteIndex.Build(sites);
    }

    /// <summary>The role (reference or suspect) of every indexed site, by key.</summary>
    public async Task<IReadOnlyDictionary<string, SiteRole>> RolesAsync(CancellationToken cancellationToken)
    {
        var roles = new Dictionary<string, SiteRole>(StringComparer.Ordinal);
        await foreach (var (key, body) in store.Documents.ListAsync(SitesCollection, cancellationToken))
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("Role", out var role) && role.ValueKind == JsonValueKind.Number)
            {
                roles[key] = (SiteRole)role.GetInt32();
            }
        }
        return roles;
    }

    /// <summary>Every indexed site as the link graph takes it: its fingerprints, and the references its report says it copied.</summary>
    public async Task<IReadOnlyList<LinkGraph.SiteInput>> GraphInputsAsync(CancellationToken cancellationToken)
    {
        var copies = new Dictionary<string, List<LinkGraph.SiteCopy>>(StringComparer.Ordinal);
        await foreach (var (key, body) in store.Documents.ListAsync(ReportsCollection, cancellationToken))
        {
            using var report = JsonDocument.Parse(body);
            foreach (var clone in report.RootElement.GetProperty("clones").EnumerateArray())
            {
                if (clone.GetProperty("relation").GetString() != "clone")
                {
                    continue;
                }
                var reference = clone.GetProperty("reference").GetString()!;
                var similarity = clone.GetProperty("similarity").GetDouble();
                var fraction = clone.TryGetProperty("copied_fraction", out var f) ? f.GetDouble() : similarity;
                (copies.TryGetValue(key, out var list) ? list : copies[key] = []).Add(new LinkGraph.SiteCopy(reference, similarity,
                    $"{Math.Round(fraction * 100).ToString(System.Globalization.CultureInfo.InvariantCulture)}% of {key}'s text is copied from {reference}"));
            }
        }
        var inputs = new List<LinkGraph.SiteInput>();
        await foreach (var (key, body) in store.Documents.ListAsync(SitesCollection, cancellationToken))
        {
            if (JsonSerializer.Deserialize<IndexedSite>(body, Json) is not { } site)
            {
                continue;
            }
            var fingerprints = site.Fingerprints;
            inputs.Add(new LinkGraph.SiteInput(key, site.BrandNames.FirstOrDefault() is { } brand ? $"{brand} ({key})" : key,
                site.Role == SiteRole.Reference ? LinkGraph.SiteRole.Reference : LinkGraph.SiteRole.Suspect,
                fingerprints.Trackers, fingerprints.FaviconMmh3, fingerprints.Emails, fingerprints.Phones, fingerprints.Addresses,
                copies.GetValueOrDefault(key)));
        }
        return inputs;
    }

    /// <summary>Analyses a saved site (folder, HTML file or WARC) against every indexed site except itself, and stores the report.</summary>
    public async Task<(SiteReport Report, IndexedSite Site)> AnalyzeAsync(string target, DateOnly? registeredOn, CancellationToken cancellationToken)
    {
        var site = await ExtractAsync(target, SiteRole.Suspect, cancellationToken);
        var index = await LoadIndexAsync(site.Key, cancellationToken);
        var report = new SiteAnalyzer().Analyze(site, index, new SiteAnalysisOptions(RegisteredOn: registeredOn, Clock: time));
        await store.Documents.PutAsync(ReportsCollection, [new(site.Key, SiteReportJson.ToJson(report))], cancellationToken);
        await Graph.GraphService.InvalidateAsync(store, cancellationToken);
        if (await store.Documents.GetAsync(SitesCollection, site.Key, cancellationToken) is null)
        {
            // An analysed site joins the index as a suspect, so later sites can pivot to it.
            await store.Documents.PutAsync(SitesCollection, [new(site.Key, JsonSerializer.Serialize(site, Json))], cancellationToken);
        }
        return (report, site);
    }

    private async Task<IndexedSite> ExtractAsync(string path, SiteRole role, CancellationToken cancellationToken)
    {
        if (Uri.TryCreate(path, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
        {
            var settings = crawl ?? new CrawlSettings();
            using var http = new GuardedHttpClient(new GuardedHttpOptions(AllowPrivate: settings.AllowPrivate, Timeout: TimeSpan.FromSeconds(30)));
            SiteSnapshot crawled;
            try
            {
                crawled = await new SiteCrawler(http).CrawlAsync(url, new CrawlOptions(MaxPages: settings.MaxPages, Clock: time), cancellationToken);
            }
            catch (HttpRequestException error)
            {
                throw new InputException(path, null, error.Message);
            }
            if (crawled.Pages.Count == 0)
            {
                throw new InputException(path, null, "no page could be fetched" + (crawled.Warnings.Count > 0 ? $" ({crawled.Warnings[0]})" : ""));
            }
            return SiteFeatures.Extract(crawled, role);
        }
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new InputException(path, null, "no such file or folder (give a folder of saved HTML, an HTML file or a WARC file)");
        }
        var snapshot = SiteLoader.Load(path);
        if (snapshot.Pages.Count == 0)
        {
            throw new InputException(path, null, "no readable HTML page found" + (snapshot.Warnings.Count > 0 ? $" ({snapshot.Warnings[0]})" : ""));
        }
        return SiteFeatures.Extract(snapshot, role);
    }
}

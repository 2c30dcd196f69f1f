using Unmask.Domain;
using Unmask.Storage;
using Unmask.WebsiteAnalysis;
using Unmask.WebsiteAnalysis.Analysis;
using Unmask.WebsiteAnalysis.Reports;
using Unmask.WebsiteAnalysis.Extraction;
using Unmask.WebsiteAnalysis.Sources;

namespace Unmask.Application.Sites;

/// <summary>One site added to the index: its key, role, pages and the per-page problems met while loading it.</summary>
public sealed record IndexedSiteSummary(string Key, SiteRole Role, int Pages, string Source, IReadOnlyList<string> Warnings);

/// <summary>How a site given as a URL is crawled.</summary>
/// <param name="AllowPrivate">Let the crawler fetch loopback and private addresses (intranets, testing your own servers);
/// cloud metadata and reserved addresses stay refused.</param>
/// <param name="MaxPages">Most pages fetched when the target is a URL.</param>
public sealed record CrawlSettings(bool AllowPrivate = false, int MaxPages = 100);

/// <summary>The AnalyzeSite use case: the site index lives in the store (one typed site per source, see <see cref="SiteRecords"/>);
/// analysis loads it, compares the target and keeps the report so the link graph can use it.</summary>
public sealed class SiteService(IUnmaskStore store, TimeProvider time, CrawlSettings? crawl = null)
{
    public async Task<IReadOnlyList<IndexedSiteSummary>> IndexAsync(IReadOnlyList<string> paths, SiteRole role, CancellationToken cancellationToken)
    {
        if (paths.Count == 0)
        {
            throw new InputException("", null, "no site given");
        }
        var sites = new List<StoredSite>();
        var summaries = new List<IndexedSiteSummary>();
        foreach (var path in paths)
        {
            var read = await ReadAsync(path, role, cancellationToken);
            sites.Add(SiteRecords.ToStored(read, time.GetUtcNow()));
            summaries.Add(new IndexedSiteSummary(read.Site.Key, role, read.Site.Pages.Count, path, read.Site.Warnings));
        }
        await store.Sites.PutAsync(sites, cancellationToken);
        await Graph.GraphService.InvalidateAsync(store, cancellationToken);
        return summaries;
    }

    public async Task<SiteIndex> LoadIndexAsync(string? excludeKey, CancellationToken cancellationToken)
    {
        var sites = new List<IndexedSite>();
        await foreach (var stored in store.Sites.ListAsync(cancellationToken))
        {
            if (stored.Id != excludeKey)
            {
                sites.Add(SiteRecords.ToIndexed(stored));
            }
        }
        return SiteIndex.Build(sites);
    }

    /// <summary>The role (reference or suspect) of every indexed site, by key.</summary>
    public async Task<IReadOnlyDictionary<string, SiteRole>> RolesAsync(CancellationToken cancellationToken)
    {
        var roles = new Dictionary<string, SiteRole>(StringComparer.Ordinal);
        await foreach (var stored in store.Sites.ListAsync(cancellationToken))
        {
            roles[stored.Id] = SiteRecords.RoleOf(stored.Role);
        }
        return roles;
    }

    /// <summary>Every indexed site as the link graph takes it: its fingerprints, and the references its report says it copied.</summary>
    public async Task<IReadOnlyList<LinkGraph.SiteInput>> GraphInputsAsync(CancellationToken cancellationToken)
    {
        var copies = new Dictionary<string, List<LinkGraph.SiteCopy>>(StringComparer.Ordinal);
        await foreach (var report in store.Sites.ListReportsAsync(cancellationToken))
        {
            var key = report.SiteId;
            foreach (var clone in report.Clones.Where(c => c.Relation == CloneMatch.CloneRelation))
            {
                (copies.TryGetValue(key, out var list) ? list : copies[key] = []).Add(new LinkGraph.SiteCopy(clone.ReferenceId, clone.Similarity,
                    $"{Math.Round(clone.CopiedFraction * 100).ToString(System.Globalization.CultureInfo.InvariantCulture)}% of {key}'s text is copied from {clone.ReferenceId}"));
            }
        }
        var inputs = new List<LinkGraph.SiteInput>();
        await foreach (var stored in store.Sites.ListAsync(cancellationToken))
        {
            var site = SiteRecords.ToIndexed(stored);
            var key = stored.Id;
            var fingerprints = site.Fingerprints;
            inputs.Add(new LinkGraph.SiteInput(key, site.BrandNames.FirstOrDefault() is { } brand ? $"{brand} ({key})" : key,
                SiteRecords.RoleOf(stored.Role) == SiteRole.Reference ? LinkGraph.SiteRole.Reference : LinkGraph.SiteRole.Suspect,
                fingerprints.Trackers, fingerprints.FaviconMmh3, fingerprints.Emails, fingerprints.Phones, fingerprints.Addresses,
                copies.GetValueOrDefault(key)));
        }
        return inputs;
    }

    /// <summary>Analyses a saved site (folder, HTML file or WARC) against every indexed site except itself, and stores the report.</summary>
    public async Task<(SiteReport Report, IndexedSite Site)> AnalyzeAsync(string target, DateOnly? registeredOn, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(target, SiteRole.Suspect, cancellationToken);
        var site = read.Site;
        var index = await LoadIndexAsync(site.Key, cancellationToken);
        var report = new SiteAnalyzer().Analyze(site, index, new SiteAnalysisOptions(RegisteredOn: registeredOn, Clock: time));
        if (await store.Sites.GetAsync(site.Key, cancellationToken) is null)
        {
            // An analysed site joins the index as a suspect, so later sites can pivot to it.
            await store.Sites.PutAsync([SiteRecords.ToStored(read, time.GetUtcNow())], cancellationToken);
        }
        await store.Sites.PutReportAsync(SiteRecords.ToStored(report, time.GetUtcNow()), cancellationToken);
        await Graph.GraphService.InvalidateAsync(store, cancellationToken);
        return (report, site);
    }

    private async Task<ReadSite> ReadAsync(string path, SiteRole role, CancellationToken cancellationToken)
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
            return Extract(crawled, role, SiteSourceKind.Url, crawled.Source);
        }
        var isFolder = Directory.Exists(path);
        if (!isFolder && !File.Exists(path))
        {
            throw new InputException(path, null, "no such file or folder (give a folder of saved HTML, an HTML file or a WARC file)");
        }
        var snapshot = SiteLoader.Load(path);
        if (snapshot.Pages.Count == 0)
        {
            throw new InputException(path, null, "no readable HTML page found" + (snapshot.Warnings.Count > 0 ? $" ({snapshot.Warnings[0]})" : ""));
        }
        var kind = isFolder ? SiteSourceKind.Folder : SiteLoader.IsWarc(path) ? SiteSourceKind.Warc : SiteSourceKind.File;
        return Extract(snapshot, role, kind, Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)));
    }

    /// <summary>What <see cref="SiteFeatures.Extract"/> does, keeping the pages' features for the domains they declare.</summary>
    private static ReadSite Extract(SiteSnapshot snapshot, SiteRole role, SiteSourceKind kind, string source)
    {
        var pages = new PageFeatures[snapshot.Pages.Count];
        Parallel.For(0, snapshot.Pages.Count, i => pages[i] = PageExtractor.Extract(snapshot.Pages[i]));
        return new ReadSite(SiteFeatures.FromPages(snapshot, role, pages), snapshot, pages, kind, source);
    }
}

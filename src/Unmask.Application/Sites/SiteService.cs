using Unmask.Domain;
using Unmask.Storage;
using Unmask.WebsiteAnalysis;
using Unmask.WebsiteAnalysis.Analysis;
using Unmask.WebsiteAnalysis.Reports;
using Unmask.WebsiteAnalysis.Extraction;
using Unmask.WebsiteAnalysis.Sources;

namespace Unmask.Application.Sites;

/// <summary>One site added to the index: its id, role, pages, where it was read from, the domains its pages claim, the
/// per-page problems met while loading it, and the other sites that moved to another id to make room for it.</summary>
public sealed record IndexedSiteSummary(string Key, SiteRole Role, int Pages, string Source, IReadOnlyList<string> Warnings,
    IReadOnlyList<string>? Declared = null, IReadOnlyList<SiteRename>? Moved = null)
{
    public IReadOnlyList<string> Declared { get; init; } = Declared ?? [];
    public IReadOnlyList<SiteRename> Moved { get; init; } = Moved ?? [];
}

/// <summary>How a site given as a URL is crawled.</summary>
/// <param name="AllowPrivate">Let the crawler fetch loopback and private addresses (intranets, testing your own servers);
/// cloud metadata and reserved addresses stay refused.</param>
/// <param name="MaxPages">Most pages fetched when the target is a URL.</param>
public sealed record CrawlSettings(bool AllowPrivate = false, int MaxPages = 100);

/// <summary>The AnalyzeSite use case: the site index lives in the store (one typed site per source, see <see cref="SiteRecords"/>);
/// analysis loads it, compares the target and keeps the report so the link graph can use it.</summary>
public sealed class SiteService(IUnmaskStore store, TimeProvider time, CrawlSettings? crawl = null)
{
    /// <summary>Told of each site given a new id (the CLI says it on stderr).</summary>
    public Action<SiteRename>? Renamed { get; init; }

    public async Task<IReadOnlyList<IndexedSiteSummary>> IndexAsync(IReadOnlyList<string> paths, SiteRole role, CancellationToken cancellationToken)
    {
        if (paths.Count == 0)
        {
            throw new InputException("", null, "no site given");
        }
        var reads = new List<ReadSite>();
        foreach (var path in paths)
        {
            reads.Add(await ReadAsync(path, role, cancellationToken));
        }
        var (identities, stored) = await RepairedIdentitiesAsync(cancellationToken);
        identities = SiteIdentity.AddAll(identities, reads.Select(OriginOf));
        var moved = await RenameAsync(identities, stored, StrongerRight, cancellationToken);
        var bySource = BySource(identities);
        var sites = new List<StoredSite>();
        var summaries = new List<IndexedSiteSummary>();
        foreach (var (read, i) in reads.Select((r, i) => (r, i)))
        {
            var identity = bySource[SiteIdentity.SourceKey(OriginOf(read))];
            var site = SiteIdentity.With(read.Site, identity);
            sites.Add(SiteRecords.ToStored(read with { Site = site }, time.GetUtcNow()));
            summaries.Add(new IndexedSiteSummary(site.Key, role, site.Pages.Count, read.Source, site.Warnings, site.Declared,
                i == 0 ? moved : []));
        }
        await store.Sites.PutAsync(sites, cancellationToken);
        await Graph.GraphService.InvalidateAsync(store, cancellationToken);
        return summaries;
    }

    /// <summary>Re-derives the id of every stored site from where it came from (<see cref="SiteIdentity"/>, in the order the sites
    /// were indexed) and renames those whose id differs: a store written when ids were the domain the pages declare
    /// (before schema version 14) is repaired so, and the renames are recorded with why. Returns the renames made.</summary>
    public async Task<IReadOnlyList<SiteRename>> RepairIdentitiesAsync(CancellationToken cancellationToken)
    {
        var (identities, stored) = await IdentitiesAsync(cancellationToken);
        return await RenameAsync(identities, stored, null, cancellationToken, clearPending: true);
    }

    /// <summary><see cref="RepairIdentitiesAsync"/> when the store says its ids were never re-derived (schema version 14 marks
    /// older stores so); null when there was nothing to do.</summary>
    public async Task<IReadOnlyList<SiteRename>?> RepairIdentitiesIfPendingAsync(CancellationToken cancellationToken) =>
        await store.Sites.IdentityRepairPendingAsync(cancellationToken) ? await RepairIdentitiesAsync(cancellationToken) : null;

    /// <summary>The ids the stored sites should have once repaired (<see cref="RepairIdentitiesAsync"/>), and the sites as stored.</summary>
    private async Task<(IReadOnlyList<IdentifiedSite> Identities, List<StoredSite> Stored)> RepairedIdentitiesAsync(CancellationToken cancellationToken)
    {
        var (identities, stored) = await IdentitiesAsync(cancellationToken);
        return (await RenameAsync(identities, stored, null, cancellationToken)).Count == 0 ? (identities, stored) : await IdentitiesAsync(cancellationToken);
    }

    /// <summary>The ids the stored sites should have, and the sites as stored (by source), oldest indexed first.</summary>
    private async Task<(IReadOnlyList<IdentifiedSite> Identities, List<StoredSite> Stored)> IdentitiesAsync(CancellationToken cancellationToken)
    {
        var stored = new List<StoredSite>();
        await foreach (var site in store.Sites.ListAsync(cancellationToken))
        {
            stored.Add(site);
        }
        // Indexed first, first; of sites indexed at the same instant, the one holding the id it has the stronger right to.
        var origins = stored.Select(s => (Site: s, Origin: SiteRecords.OriginOf(s)))
            .OrderBy(s => s.Site.IndexedAt).ThenBy(s => SiteIdentity.Strength(s.Origin, s.Site.Id)).ThenBy(s => s.Site.Id, StringComparer.Ordinal).ToList();
        return (SiteIdentity.Assign(origins.Select(s => s.Origin)), [.. origins.Select(s => s.Site)]);
    }

    /// <summary>Renames the stored sites whose id is not the one <paramref name="identities"/> gives them. Without a
    /// <paramref name="reason"/>, the reason is the old scheme's: the id was a domain the site's pages declare.</summary>
    private async Task<IReadOnlyList<SiteRename>> RenameAsync(IReadOnlyList<IdentifiedSite> identities, List<StoredSite> stored, string? reason,
        CancellationToken cancellationToken, bool clearPending = false)
    {
        var renames = new List<SiteRename>();
        var bySource = BySource(identities);
        foreach (var site in stored)
        {
            var origin = SiteRecords.OriginOf(site);
            if (bySource.GetValueOrDefault(SiteIdentity.SourceKey(origin)) is { } identity && identity.Id != site.Id)
            {
                renames.Add(new SiteRename(site.Id, identity.Id, reason ?? OldSchemeReason(site, origin)));
            }
        }
        if (renames.Count > 0 || clearPending)
        {
            await store.Sites.RenameAsync(renames, cancellationToken);
            foreach (var rename in renames)
            {
                Renamed?.Invoke(rename);
            }
            await Graph.GraphService.InvalidateAsync(store, cancellationToken);
        }
        return renames;
    }

    /// <summary>Each site by its source, kind and role (one site each).</summary>
    private static Dictionary<(string, string, SiteRole), IdentifiedSite> BySource(IReadOnlyList<IdentifiedSite> identities)
    {
        var bySource = new Dictionary<(string, string, SiteRole), IdentifiedSite>();
        foreach (var identity in identities)
        {
            bySource[SiteIdentity.SourceKey(identity.Origin)] = identity;
        }
        return bySource;
    }

    private const string StrongerRight = "a site indexed after it has a stronger right to its id (fetched from that domain, or a reference where it is a suspect)";

    private static string OldSchemeReason(StoredSite site, SiteOrigin origin)
    {
        if (origin.Declared.Contains(site.Id) && SiteIdentity.OwnedDomain(origin, site.Id) is null)
        {
            return $"its id was {site.Id}, a domain its pages declare but it does not own (a {site.Role} read from {site.Source});"
                + $" a site indexed under {site.Id} before it was overwritten then and must be indexed again";
        }
        return $"its id is now chosen from where it was read ({site.Source}) and its role ({site.Role})";
    }

    private static SiteOrigin OriginOf(ReadSite read) => SiteIdentity.OriginOf(read.Site, SiteRecords.KindName(read.SourceKind)) with { Source = read.Source };

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

    /// <summary>For each domain an indexed site owns, that site; for each domain sites only claim, those sites. Between two
    /// sites owning one domain the one known by it wins, else the first by id, so the answer does not depend on store order.</summary>
    public async Task<SiteDomains> SitesByDomainAsync(CancellationToken cancellationToken)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var claims = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        await foreach (var stored in store.Sites.ListAsync(cancellationToken))
        {
            var origin = SiteRecords.OriginOf(stored);
            var owned = SiteIdentity.OwnedDomain(origin, stored.Id);
            if (owned is not null && (!owners.TryGetValue(owned, out var holder)
                || (holder != owned && (stored.Id == owned || string.CompareOrdinal(stored.Id, holder) < 0))))
            {
                owners[owned] = stored.Id;
            }
            foreach (var claimed in origin.Declared.Where(d => d != owned))
            {
                (claims.TryGetValue(claimed, out var sites) ? sites : claims[claimed] = new SortedSet<string>(StringComparer.Ordinal)).Add(stored.Id);
            }
        }
        return new SiteDomains(owners, claims.ToDictionary(c => c.Key,
            c => (IReadOnlyList<string>)[.. c.Value.Where(id => owners.GetValueOrDefault(c.Key) != id)], StringComparer.Ordinal));
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
        var origin = OriginOf(read);
        var (identities, stored) = await RepairedIdentitiesAsync(cancellationToken);
        // A source already indexed (in either role) is analysed as the site it is in the index; a new one joins as a suspect.
        var indexed = stored.FirstOrDefault(s => SiteRecords.KindName(s.SourceKind) == origin.Kind && s.Source == origin.Source);
        var isNew = indexed is null;
        if (isNew)
        {
            identities = SiteIdentity.Add(identities, origin);
            await RenameAsync(identities, stored, StrongerRight, cancellationToken);
        }
        var identity = identities.Last(i => i.Origin.Kind == origin.Kind && i.Origin.Source == origin.Source
            && (isNew ? i.Origin.Role == SiteRole.Suspect : i.Origin.Role == SiteRecords.RoleOf(indexed!.Role)));
        var site = SiteIdentity.With(read.Site with { Role = identity.Origin.Role }, identity);
        var index = await LoadIndexAsync(site.Key, cancellationToken);
        var report = new SiteAnalyzer().Analyze(site, index, new SiteAnalysisOptions(RegisteredOn: registeredOn, Clock: time));
        if (isNew)
        {
            // An analysed site joins the index as a suspect, so later sites can pivot to it.
            await store.Sites.PutAsync([SiteRecords.ToStored(read with { Site = site }, time.GetUtcNow())], cancellationToken);
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

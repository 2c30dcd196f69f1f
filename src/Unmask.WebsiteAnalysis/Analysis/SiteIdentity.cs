using System.IO.Hashing;
using System.Text;

namespace Unmask.WebsiteAnalysis.Analysis;

/// <summary>Where a site was read from: the kind of source (<c>url</c>, <c>folder</c>, <c>file</c>, <c>warc</c>), the URL or
/// full path, the role it was indexed in, the registrable domain fetched (URL sources only) and the domains its pages
/// claim, most claimed first.</summary>
public sealed record SiteOrigin(string Kind, string Source, SiteRole Role, string? Fetched, IReadOnlyList<string> Declared)
{
    public bool IsSameSource(SiteOrigin other) => Kind == other.Kind && Source == other.Source && Role == other.Role;
}

/// <summary>A site's id and the registrable domain it owns (null when it owns none).</summary>
public sealed record IdentifiedSite(SiteOrigin Origin, string Id, string? Domain);

/// <summary>Chooses site ids from where sites came from, never from what their pages say about themselves:
/// <list type="bullet">
/// <item>a site fetched by URL is known by the registrable domain of the host fetched;</item>
/// <item>the one reference site whose pages declare a domain (most claimed first) is known by that domain, when no reference
/// fetched from that domain owns it and no earlier reference does;</item>
/// <item>every other site by its source name (folder name, file name without extension, host of a URL), and when another
/// site holds that name, by the name and a hash of its source and role.</item>
/// </list>
/// An id goes to the site with the stronger right to it (a fetched reference, then a declaring reference, then a reference's
/// name, then a fetched suspect, then a suspect's name), whatever the order the sites were indexed in; a weaker holder moves to
/// its next id. Between two sites with the same right the one indexed first keeps it. A suspect never takes a reference's id.</summary>
public static class SiteIdentity
{
    private const int FetchedReferenceRank = 0;
    private const int DeclaredRank = 1;
    private const int ReferenceNameRank = 2;
    private const int FetchedSuspectRank = 3;
    private const int SuspectNameRank = 4;
    private const int UniqueRank = 5;

    /// <summary>The ids after <paramref name="added"/> joins <paramref name="existing"/> (in the order given). An earlier
    /// reading of the same source in the same role is replaced; other sites keep their ids unless the new one has a
    /// stronger right to one.</summary>
    public static IReadOnlyList<IdentifiedSite> Add(IReadOnlyList<IdentifiedSite> existing, SiteOrigin added) => AddAll(existing, [added]);

    /// <summary><see cref="Add"/> for each of <paramref name="added"/> in turn, with the holders of the ids worked out once.</summary>
    public static IReadOnlyList<IdentifiedSite> AddAll(IReadOnlyList<IdentifiedSite> existing, IEnumerable<SiteOrigin> added)
    {
        var sites = existing.ToList();
        var holders = new Dictionary<string, int>(StringComparer.Ordinal);
        var ranks = new List<int>();
        var positions = new Dictionary<(string, string, SiteRole), int>();
        Rebuild(sites, holders, ranks, positions);
        foreach (var origin in added)
        {
            if (positions.TryGetValue(SourceKey(origin), out var earlier))
            {
                // A source read again: the earlier reading leaves (rare, so the holders are worked out again).
                sites.RemoveAt(earlier);
                Rebuild(sites, holders, ranks, positions);
            }
            sites.Add(new IdentifiedSite(origin, "", null));
            ranks.Add(int.MaxValue);
            positions[SourceKey(origin)] = sites.Count - 1;
            Place(sites.Count - 1, sites, holders, ranks);
        }
        return sites;
    }

    private static void Rebuild(List<IdentifiedSite> sites, Dictionary<string, int> holders, List<int> ranks, Dictionary<(string, string, SiteRole), int> positions)
    {
        holders.Clear();
        ranks.Clear();
        positions.Clear();
        for (var i = 0; i < sites.Count; i++)
        {
            holders[sites[i].Id] = i;
            ranks.Add(RankOf(sites[i]));
            positions[SourceKey(sites[i].Origin)] = i;
        }
    }

    /// <summary>Ids for every origin, indexed in this order.</summary>
    public static IReadOnlyList<IdentifiedSite> Assign(IEnumerable<SiteOrigin> origins) => AddAll([], origins);

    /// <summary>What makes two readings one site: the kind of source, the source and the role.</summary>
    public static (string Kind, string Source, SiteRole Role) SourceKey(SiteOrigin origin) => (origin.Kind, origin.Source, origin.Role);

    /// <summary>The sites with the ids <see cref="Assign"/> gives them, indexed in this order (an in-memory index, a bench).</summary>
    public static IReadOnlyList<IndexedSite> Identify(IEnumerable<IndexedSite> sites)
    {
        var list = sites.ToList();
        var ids = Assign(list.Select(s => OriginOf(s)));
        return [.. list.Select((s, i) => With(s, ids[i]))];
    }

    /// <summary>The site with its id and owned domain.</summary>
    public static IndexedSite With(IndexedSite site, IdentifiedSite identity) => site with { Key = identity.Id, Domain = identity.Domain };

    /// <summary>Where an indexed site came from, as far as the site itself tells: its source (a URL is fetched, a path is a folder
    /// or, with an HTML or WARC extension, a file), role and claims. <paramref name="kind"/> overrides the guessed kind.</summary>
    public static SiteOrigin OriginOf(IndexedSite site, string? kind = null)
    {
        var isUrl = IsUrl(site.Source);
        kind ??= isUrl ? "url" : KindOfPath(site.Source);
        return new SiteOrigin(kind, site.Source, site.Role, kind == "url" ? FetchedDomain(site.Source) : null, site.Declared);
    }

    /// <summary>The registrable domain of the host a URL was fetched from, as is: a web-archive capture was fetched from the
    /// archive, not from the site it archived.</summary>
    public static string? FetchedDomain(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IdnHost.Contains('.', StringComparison.Ordinal)
            ? Domains.PublicSuffix.Default.RegistrableDomain(uri.IdnHost.ToLowerInvariant())
            : null;

    public static bool IsUrl(string source) =>
        Uri.TryCreate(source, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    private static string KindOfPath(string path)
    {
        var lower = path.ToLowerInvariant();
        return lower.EndsWith(".warc", StringComparison.Ordinal) || lower.EndsWith(".warc.gz", StringComparison.Ordinal) ? "warc"
            : lower.EndsWith(".html", StringComparison.Ordinal) || lower.EndsWith(".htm", StringComparison.Ordinal) ? "file"
            : "folder";
    }

    /// <summary>The last segment of a source: a folder's name, a file's name without its extension, a URL's host.</summary>
    public static string SourceName(string kind, string source)
    {
        if (kind == "url" && Uri.TryCreate(source, UriKind.Absolute, out var url))
        {
            return url.Host.ToLowerInvariant();
        }
        var trimmed = source.TrimEnd('/', '\\');
        var name = trimmed[(trimmed.LastIndexOfAny(['/', '\\']) + 1)..];
        if (kind is "file" or "warc")
        {
            foreach (var extension in new[] { ".warc.gz", ".warc", ".html", ".htm" })
            {
                if (name.Length > extension.Length && name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
                {
                    return name[..^extension.Length];
                }
            }
            return Path.GetFileNameWithoutExtension(name) is { Length: > 0 } bare ? bare : name;
        }
        return name.Length > 0 ? name : trimmed;
    }

    /// <summary>The id a site takes when its source name is held: the name and 8 hex digits of a hash of its source and role.</summary>
    public static string UniqueName(SiteOrigin origin) =>
        SourceName(origin.Kind, origin.Source) + "-"
        + XxHash32.HashToUInt32(Encoding.UTF8.GetBytes($"{origin.Kind}|{origin.Source}|{origin.Role}")).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The ids a site may take, best first, each with the strength of its right to it.</summary>
    private static IEnumerable<(string Id, int Rank)> Options(SiteOrigin origin)
    {
        if (origin.Fetched is { } fetched)
        {
            yield return (fetched, origin.Role == SiteRole.Reference ? FetchedReferenceRank : FetchedSuspectRank);
        }
        if (origin.Role == SiteRole.Reference && origin.Fetched is null && origin.Declared.Count > 0)
        {
            yield return (origin.Declared[0], DeclaredRank);
        }
        yield return (SourceName(origin.Kind, origin.Source), origin.Role == SiteRole.Reference ? ReferenceNameRank : SuspectNameRank);
        yield return (UniqueName(origin), UniqueRank);
    }

    /// <summary>How strong a site's right to an id is: 0 a reference fetched from that domain, 1 the reference declaring it, 2 a
    /// reference's source name, 3 a suspect fetched from that domain, 4 a suspect's source name, 5 any other id (a name made
    /// unique, or an id the site has no right to).</summary>
    public static int Strength(SiteOrigin origin, string id) =>
        Options(origin).Where(o => o.Id == id).Select(o => o.Rank).DefaultIfEmpty(UniqueRank).First();

    private static int RankOf(IdentifiedSite site) => Strength(site.Origin, site.Id);

    private static void Place(int site, List<IdentifiedSite> sites, Dictionary<string, int> holders, List<int> ranks)
    {
        var origin = sites[site].Origin;
        foreach (var (id, rank) in Options(origin))
        {
            if (holders.TryGetValue(id, out var holder))
            {
                if (holder == site || ranks[holder] <= rank)
                {
                    continue;
                }
                Take(site, id, rank, sites, holders, ranks);
                // The weaker holder moves to its next id; its rank for this one is now beaten, so it cannot come back.
                ranks[holder] = int.MaxValue;
                Place(holder, sites, holders, ranks);
                return;
            }
            Take(site, id, rank, sites, holders, ranks);
            return;
        }
        // Two sources with the same name hash alike only by accident: count up until free.
        var unique = UniqueName(origin);
        var n = 2;
        while (holders.ContainsKey($"{unique}-{n}"))
        {
            n++;
        }
        Take(site, $"{unique}-{n}", UniqueRank, sites, holders, ranks);
    }

    /// <summary>The registrable domain a site known by <paramref name="id"/> owns: the one fetched, or, for a reference known
    /// by the domain its pages claim most, that domain; none when another site holds that domain as its id.</summary>
    public static string? OwnedDomain(SiteOrigin origin, string id) =>
        origin.Fetched == id || (origin.Role == SiteRole.Reference && origin.Fetched is null && origin.Declared.Count > 0 && origin.Declared[0] == id) ? id : null;

    private static void Take(int site, string id, int rank, List<IdentifiedSite> sites, Dictionary<string, int> holders, List<int> ranks)
    {
        var origin = sites[site].Origin;
        sites[site] = new IdentifiedSite(origin, id, OwnedDomain(origin, id));
        holders[id] = site;
        ranks[site] = rank;
    }
}

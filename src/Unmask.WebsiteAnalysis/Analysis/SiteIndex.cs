using System.IO.Compression;
using System.Text.Json;
using Unmask.WebsiteAnalysis.Domains;
using Unmask.WebsiteAnalysis.Extraction;
using Unmask.WebsiteAnalysis.Similarity;

namespace Unmask.WebsiteAnalysis.Analysis;

/// <summary>In-memory index of sites for candidate search and pivots.
/// <list type="bullet">
/// <item>Winnowed fingerprints (k=5 words, window 8) of every non-boilerplate block → sites. Any copied run of at least
/// 12 shingled words shares a fingerprint with its source, so a site that copied a paragraph is always a candidate.</item>
/// <item>MinHash (64 permutations) of every page, banded 16 × 4 for LSH, so pages with Jaccard ≳ 0.5 collide.</item>
/// <item>Identifiers (trackers, favicon, e-mails, phones, addresses, messengers, template signature) → sites, for pivots.</item>
/// </list>
/// Fingerprints shared by several reference sites (legal text, template filler, generic copy) are counted per query and
/// down-weighted by the analyzer.</summary>
public sealed class SiteIndex
{
    public const int Bands = 16;
    public const int RowsPerBand = 4;

    // Sites are kept as Brotli-compressed UTF-8 JSON (page text as UTF-16 strings and per-block objects were most of the index's
    // size at 100,000 sites) and decoded on access; only the few compared per analysis are. Key and role, which candidate search
    // and commonness read for many sites, are kept decoded.
    private readonly List<byte[]> _stored = [];
    private readonly List<int> _storedLengths = [];
    private readonly List<string> _keys = [];
    private readonly List<SiteRole> _roles = [];
    private readonly List<string> _firms = [];
    private readonly HashPostingMap _fingerprints = new();
    private readonly HashPostingMap _bands = new();
    // Identifiers and content hashes are keyed by their 64-bit hash: the strings themselves are in the stored sites.
    private readonly HashPostingMap _identifiers = new();
    private readonly HashPostingMap _contentHashes = new();
    private readonly Dictionary<string, int> _firstByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _referenceDomains = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _owners = new(StringComparer.Ordinal);
    private readonly List<LookalikeDomain> _referenceDomainForms = [];
    private readonly LookalikeIndex _referenceLookalikes = new();

    public int Count => _stored.Count;

    /// <summary>The indexed sites, each decoded when read.</summary>
    public IReadOnlyList<IndexedSite> Sites => new DecodedSites(this);

    /// <summary>The site with this id, decoded from the index (a new object on each read).</summary>
    public IndexedSite this[int id] => Decode(id);

    public string KeyOf(int id) => _keys[id];

    public SiteRole RoleOf(int id) => _roles[id];

    /// <summary>True when both sites are readings of one firm: the same key, or two references known by the same domain (a live
    /// site and its archive capture, two crawls). References are trusted, so the domain their pages declare may name them.</summary>
    public bool SameFirm(int id, int other) => _keys[id] == _keys[other] || _firms[id] == _firms[other];

    // A reference's firm is its domain (owned, else the one its pages claim most); anything else is a firm of its own.
    private static string FirmOf(IndexedSite site) =>
        site.Role == SiteRole.Reference && (site.Domain ?? site.Declared.FirstOrDefault()) is { } domain ? "domain:" + domain : "key:" + site.Key;

    public static SiteIndex Build(IEnumerable<IndexedSite> sites)
    {
        var index = new SiteIndex();
        foreach (var site in sites)
        {
            index.Add(site);
        }
        return index;
    }

    public void Add(IndexedSite site)
    {
        var id = _stored.Count;
        var (stored, length) = Encode(site);
        _stored.Add(stored);
        _storedLengths.Add(length);
        _keys.Add(site.Key);
        _roles.Add(site.Role);
        _firms.Add(FirmOf(site));
        foreach (var fingerprint in ContentFingerprints(site))
        {
            _fingerprints.Add(fingerprint, id);
        }
        foreach (var page in site.Pages)
        {
            foreach (var band in BandKeys(page.MinHash))
            {
                _bands.Add(band, id);
            }
        }
        foreach (var identifier in Identifiers(site).Distinct(StringComparer.Ordinal))
        {
            _identifiers.Add(HashOf(identifier), id);
        }
        foreach (var sha256 in site.Assets.Select(a => a.Sha256).Distinct(StringComparer.Ordinal))
        {
            _identifiers.Add(HashOf(AssetPrefix + sha256), id);
        }
        _contentHashes.Add(HashOf(site.ContentHash), id);
        _firstByKey.TryAdd(site.Key, id);
        if (site.Domain is { } owned)
        {
            _owners.TryAdd(owned, id);
        }
        IEnumerable<string> referenceDomains = site.Role != SiteRole.Reference ? [] : site.Domain is { } own ? site.Declared.Prepend(own) : site.Declared;
        foreach (var domain in referenceDomains)
        {
            if (_referenceDomains.TryAdd(domain, _referenceDomainForms.Count))
            {
                _referenceDomainForms.Add(Lookalikes.Prepare(domain));
                _referenceLookalikes.Add(domain);
            }
        }
    }

    /// <summary>Ids of the indexed sites with this content hash (copies of an analysed site).</summary>
    public IReadOnlyList<int> SitesWithContentHash(string contentHash) => _contentHashes.Get(HashOf(contentHash));

    /// <summary>The first indexed site with this key, or null.</summary>
    public IndexedSite? FirstWithKey(string key) => _firstByKey.TryGetValue(key, out var id) ? Decode(id) : null;

    /// <summary>The first indexed site owning this registrable domain (fetched from it, or the reference known by it), or null.</summary>
    public int? OwnerOf(string domain) => _owners.TryGetValue(domain, out var id) ? id : null;

    /// <summary>Distinct domains of reference sites (the one each owns, then the ones its pages declare), in the order first indexed,
    /// prepared for look-alike comparison.</summary>
    public IReadOnlyList<LookalikeDomain> ReferenceDomains => _referenceDomainForms;

    /// <summary>The same reference domains (ids in the same order) indexed for look-alike search, so a claimed domain is compared
    /// only with the few it may imitate.</summary>
    public LookalikeIndex ReferenceLookalikes => _referenceLookalikes;

    /// <summary>Number of sites carrying the identifier, without allocating.</summary>
    public int CountWithIdentifier(string identifier) => _identifiers.CountOf(HashOf(identifier));

    /// <summary>Distinct winnowed fingerprints of the site's content and quotation segments (as <see cref="SiteText"/> joins them).</summary>
    public static HashSet<ulong> ContentFingerprints(IndexedSite site)
    {
        var set = new HashSet<ulong>();
        foreach (var block in SiteText.Of(site).Blocks.Where(b => b.Role != BlockRole.Boilerplate))
        {
            foreach (var fingerprint in Winnowing.Fingerprints(block.Shingles))
            {
                set.Add(fingerprint);
            }
        }
        return set;
    }

    public IReadOnlyList<int> SitesWithFingerprint(ulong fingerprint) => _fingerprints.Get(fingerprint);

    public IReadOnlyList<int> SitesWithIdentifier(string identifier) => _identifiers.Get(HashOf(identifier));

    // Asset hashes share the identifier map under their own prefix; they are not pivot identifiers.
    private const string AssetPrefix = "asset:";

    /// <summary>Ids of the indexed sites whose pages load a resource file with this SHA-256.</summary>
    public IReadOnlyList<int> SitesWithAsset(string sha256) => _identifiers.Get(HashOf(AssetPrefix + sha256));

    /// <summary>Sites with a page whose MinHash shares at least one LSH band with one of the given signatures.</summary>
    public HashSet<int> LshCandidates(IEnumerable<uint[]> signatures)
    {
        var result = new HashSet<int>();
        foreach (var signature in signatures)
        {
            foreach (var band in BandKeys(signature))
            {
                if (_bands.CountOf(band) is > 0 and <= 1000)
                {
                    result.UnionWith(_bands.Get(band));
                }
            }
        }
        return result;
    }

    /// <summary>Identifier keys used for pivots: <c>tracker:…</c>, <c>favicon:…</c>, <c>email:…</c>, <c>phone:…</c>,
    /// <c>address:…</c>, <c>messenger:…</c>, <c>template:…</c>.</summary>
    public static IEnumerable<string> Identifiers(IndexedSite site)
    {
        var f = site.Fingerprints;
        return f.Trackers.Select(t => "tracker:" + t)
            .Concat(f.FaviconMmh3.Select(h => "favicon:" + h.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Concat(f.Emails.Select(e => "email:" + e))
            .Concat(f.Phones.Select(p => "phone:" + p))
            .Concat(f.Addresses.Select(a => "address:" + a))
            .Concat(f.Messengers.Select(m => "messenger:" + m))
            .Append("template:" + f.Template);
    }

    private static ulong HashOf(string text) => System.IO.Hashing.XxHash64.HashToUInt64(System.Text.Encoding.UTF8.GetBytes(text));

    private static (byte[] Stored, int Length) Encode(IndexedSite site)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(site);
        var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(json.Length)];
        if (!BrotliEncoder.TryCompress(json, buffer, out var written, quality: 1, window: 22))
        {
            throw new InvalidOperationException("Brotli compression of an indexed site failed");
        }
        return (buffer.AsSpan(0, written).ToArray(), json.Length);
    }

    private IndexedSite Decode(int id)
    {
        var json = new byte[_storedLengths[id]];
        if (!BrotliDecoder.TryDecompress(_stored[id], json, out var written) || written != json.Length)
        {
            throw new InvalidOperationException($"indexed site {id} could not be decompressed");
        }
        return JsonSerializer.Deserialize<IndexedSite>(json) ?? throw new InvalidOperationException($"indexed site {id} is empty");
    }

    private sealed class DecodedSites(SiteIndex index) : IReadOnlyList<IndexedSite>
    {
        public IndexedSite this[int id] => index.Decode(id);

        public int Count => index.Count;

        public IEnumerator<IndexedSite> GetEnumerator()
        {
            for (var id = 0; id < index.Count; id++)
            {
                yield return index.Decode(id);
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private static IEnumerable<ulong> BandKeys(uint[] signature)
    {
        if (signature.Length < Bands * RowsPerBand)
        {
            yield break;
        }
        for (var band = 0; band < Bands; band++)
        {
            ulong key = (ulong)band * 0x9E3779B97F4A7C15UL;
            for (var row = 0; row < RowsPerBand; row++)
            {
                key = (key ^ signature[(band * RowsPerBand) + row]) * 0x100000001B3UL;
            }
            yield return key;
        }
    }
}

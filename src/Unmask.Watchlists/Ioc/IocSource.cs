using Unmask.Domain;

namespace Unmask.Watchlists.Ioc;

/// <summary>
/// Metadata of an IOC CSV, taken from the folder it sits in (never used to interpret the rows): the default dataset
/// name <c>ioc_&lt;folder&gt;</c> and, for the collections Unmask ships notes on (shared/data/README.md), a title,
/// publisher, topics and a note for every entity.
/// </summary>
/// <param name="DatasetName">Default dataset name, e.g. <c>ioc_tayvano_dprk_it_workers</c>.</param>
/// <param name="Topics">FtM topics set on every entity (<c>crime</c> for front-company and seized-domain lists).</param>
/// <param name="Note">A note set on every entity, saying what being on this list means.</param>
public sealed record IocSource(string DatasetName, string Title, string Publisher, IReadOnlyList<string> Topics, string? Note)
{
    private static readonly Dictionary<string, IocSource> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        // SentinelLabs, "DPRK IT Workers: A Network of Active Front Companies and Their Links to China", Nov 2024.
        ["sentinellabs_2024-11"] = new("", "SentinelLabs: DPRK IT-worker front companies (Nov 2024), indicators", "SentinelOne SentinelLabs",
            ["crime"], "DPRK IT-worker front-company infrastructure named by SentinelLabs (Nov 2024): front-company domains (seized in Oct 2024 or still active at publication), their hosting IPs and contact e-mail"),
        ["doj_seized_domains"] = new("", "Domains seized by the US government in DPRK IT-worker cases (as named by public sources)",
            "US DOJ / FBI (seizures as named by SentinelLabs and news reports)", ["crime"],
            "DPRK IT-worker front-company domain, seized by the US government (no longer operated by the front company)"),
        ["tayvano_dprk_it_workers"] = new("", "tayvano: DPRK IT-worker personas (e-mails, wallets, handles, domains, phones, IPs)",
            "Taylor Monahan (tayvano), lazarus-bluenoroff-research", [], null),
        // Spur's list of Astrill VPN exit addresses (shared/data/README.md); plain text, read by IocTextReader.
        ["astrill_vpn"] = new("", "Spur: Astrill VPN exit addresses", "Spur (spur.us)", [], null),
        ["x4bnet_lists_vpn"] = new("", "X4BNet lists_vpn: VPN provider address ranges (context only)", "X4BNet (community list)", [], null),
    };

    /// <summary>The publisher and title of a collection Unmask ships notes on, from the folder a file sits in; null for
    /// any other folder.</summary>
    public static IocSource? KnownFor(string path) =>
        Known.GetValueOrDefault(Path.GetFileName(Path.GetDirectoryName(path) ?? ""));

    /// <summary>Metadata for a file path: the parent folder names the collection; a commit-hash folder
    /// (<c>tayvano_dprk_it_workers/fb21719b/</c>) is a version of its parent's collection.</summary>
    public static IocSource For(string path)
    {
        var folder = Path.GetFileName(Path.GetDirectoryName(path) ?? "");
        var collection = folder;
        var datasetStem = folder;
        if (IsCommitHash(folder))
        {
            collection = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(path)) ?? "");
            datasetStem = collection.Length == 0 ? folder : $"{collection}_{folder}";
        }
        if (datasetStem.Length == 0)
        {
            datasetStem = Path.GetFileNameWithoutExtension(path);
        }
        var name = "ioc_" + IocTextReader.Slug(datasetStem);
        if (Known.TryGetValue(collection, out var known))
        {
            var title = datasetStem == collection ? known.Title : $"{known.Title}, version {folder}";
            return known with { DatasetName = name, Title = title };
        }
        return new IocSource(name, $"IOC list {Path.GetFileName(path)}", "unknown (IOC CSV)", [], null);
    }

    public Dataset ToDataset(string datasetName) => new(datasetName, Title, Publisher, null, DatasetKind.Indicators);

    private static bool IsCommitHash(string folder) => folder.Length is >= 7 and <= 40 && folder.All(char.IsAsciiHexDigitLower);
}

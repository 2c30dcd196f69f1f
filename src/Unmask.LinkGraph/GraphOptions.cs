using System.Collections.Frozen;

namespace Unmask.LinkGraph;

/// <summary>How the graph treats very common identifiers and how risk spreads.</summary>
/// <param name="HubDegreeCap">An identifier shared by more than this many holders (records, list entities, sites) is a
/// hub: it stays in the graph and in <c>graph show</c>, but paths, clusters and risk never pass through it. Default 50
/// (a laptop farm is 3+ identities at one address; 50 identities on one phone is a switchboard or a data error).</param>
/// <param name="KnownHubs">Identifier node ids that are hubs whatever their degree: free-mail providers, big hosting and
/// CDN domains; add registered-agent and virtual-office addresses here. Default <see cref="DefaultKnownHubs"/>.</param>
/// <param name="ReachRiskCeiling">Risk given to a holder one hop from a designated list entry. Default 90.</param>
/// <param name="ReachDecayPerHop">Each further hop multiplies that risk by this. Default 0.9.</param>
/// <param name="ReachRiskFloor">A holder whose cluster reaches a designated entry gets at least this risk (medium). Default 30.</param>
/// <param name="NeighbourhoodMaxNodes">`graph show` stops adding nodes after this many and says it was truncated. Default 2000.</param>
public sealed record GraphOptions(
    int HubDegreeCap = 50,
    IReadOnlySet<string>? KnownHubs = null,
    int ReachRiskCeiling = 90,
    double ReachDecayPerHop = 0.9,
    int ReachRiskFloor = 30,
    int NeighbourhoodMaxNodes = 2000)
{
    /// <summary>Free-mail providers and large hosting/CDN/social domains: sharing one says nothing about who runs a site.</summary>
    public static readonly FrozenSet<string> DefaultKnownHubs = new[]
    {
        "gmail.com", "googlemail.com", "yahoo.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "aol.com", "icloud.com",
        "me.com", "protonmail.com", "proton.me", "gmx.com", "gmx.de", "mail.com", "yandex.ru", "yandex.com", "mail.ru", "qq.com",
        "163.com", "126.com", "naver.com", "daum.net", "tutanota.com", "zoho.com",
        "cloudflare.com", "cloudfront.net", "amazonaws.com", "akamaihd.net", "akamai.net", "fastly.net", "azureedge.net",
        "googleusercontent.com", "googleapis.com", "gstatic.com", "google.com", "github.io", "github.com", "wixsite.com",
        "wix.com", "wordpress.com", "blogspot.com", "squarespace.com", "shopify.com", "netlify.app", "vercel.app",
        "herokuapp.com", "facebook.com", "linkedin.com", "twitter.com", "x.com", "youtube.com", "instagram.com",
    }.Select(d => "domain:" + d).ToFrozenSet(StringComparer.Ordinal);

    public static GraphOptions Default { get; } = new();

    internal bool IsKnownHub(string nodeId) => (KnownHubs ?? DefaultKnownHubs).Contains(nodeId);
}

using Unmask.Domain.Identifiers;

namespace Unmask.Vetting.Reference;

/// <summary>Reference facts built into the code, each with its public source. Lists add to these; they never replace them.</summary>
public static class BuiltInReference
{
    /// <summary>DPRK address space. [TREND-2017] (the country's ~1,024 routable IPv4 addresses); APNIC whois: 175.45.176.0/22,
    /// netname STAR-KP, "Ryugyong-dong Potong-gang District", Star Joint Venture Co. Ltd.</summary>
    public static readonly IReadOnlyList<IpNetwork> DprkNetworks = [Net("175.45.176.0/22")];

    /// <summary>Known front companies and designated entities named in INDICATORS.md §6.</summary>
    public static readonly IReadOnlyList<FrontCompany> FrontCompanies =
    [
        // [OFAC-2018] 13 Sep 2018 designation; [DOJ-2024-12].
        new("Yanbian Silverstar Network Technology Co. Ltd.", new("OFAC-2018", null, "OFAC designation 13 Sep 2018")),
        new("China Silver Star", new("OFAC-2018", null, "a.k.a. of Yanbian Silverstar")),
        new("Volasys Silver Star", new("OFAC-2018", null, "Russia-based front of Yanbian Silverstar")),
        // [S1-2024] SentinelLabs, 21 Nov 2024: active front companies.
        new("Independent Lab LLC", new("S1-2024", null, "SentinelLabs 2024")),
        new("Shenyang Tonywang Technology LTD", new("S1-2024", null, "SentinelLabs 2024")),
        new("Tony WKJ LLC", new("S1-2024", null, "SentinelLabs 2024")),
        new("HopanaTech", new("S1-2024", null, "SentinelLabs 2024")),
    ];

    /// <summary>Seized front-company domains named in [S1-2024] ("the US Government seized the four domains", 10 Oct 2024).</summary>
    public static readonly IReadOnlyList<(string Domain, ListSource Source)> SeizedDomains =
    [
        ("inditechlab.com", new("S1-2024", null, "seized 2024-10-10 (SentinelLabs 2024)")),
        ("tonywangtech.com", new("S1-2024", null, "seized 2024-10-10 (SentinelLabs 2024)")),
        ("wkjllc.com", new("S1-2024", null, "seized 2024-10-10 (SentinelLabs 2024)")),
        ("hopanatech.com", new("S1-2024", null, "seized 2024-10-10 (SentinelLabs 2024)")),
    ];

    /// <summary>Money-service businesses and payment platforms ([ADV-2022]: workers ask to be paid through online payment
    /// services). Normal for freelancers, hence info only.</summary>
    public static readonly IReadOnlySet<string> MoneyServiceBusinesses = new HashSet<string>(StringComparer.Ordinal)
    {
        "payoneer", "wise", "transferwise", "paypal", "skrill", "neteller", "revolut", "remitly", "western union", "westernunion",
        "moneygram", "xoom", "worldremit", "airwallex", "alipay", "wechat pay", "wechatpay", "venmo", "cash app", "cashapp", "zelle",
        "deel", "upwork", "payeer", "perfect money", "perfectmoney", "webmoney", "paxum", "epayments", "pingpong", "lianlian",
    };

    /// <summary>Payout methods that mean crypto ([ADV-2022]: requests to be paid in virtual currency).</summary>
    public static readonly IReadOnlySet<string> CryptoPayoutMethods = new HashSet<string>(StringComparer.Ordinal)
    {
        "crypto", "cryptocurrency", "usdt", "usdc", "btc", "bitcoin", "eth", "ethereum", "tron", "trx", "stablecoin", "sol", "solana",
    };

    /// <summary>Remote-access and KVM-over-IP tools seen at laptop farms ([DOJ-KNOOT], [CS-2024], [MSFT-2025], [DOJ-2025-06]).
    /// Matched case-insensitively in the log's <c>remote_tool</c> or <c>user_agent</c>.</summary>
    public static readonly IReadOnlyList<string> RemoteAccessTools =
    [
        "AnyDesk", "TeamViewer", "RustDesk", "Chrome Remote Desktop", "CrdHost", "remotedesktop.google.com", "Splashtop",
        "ScreenConnect", "ConnectWise Control", "PiKVM", "TinyPilot", "JetKVM", "RemotePC", "Zoho Assist", "LogMeIn", "GoTo Resolve",
        "Parsec", "NoMachine", "AeroAdmin", "Supremo", "RealVNC", "TightVNC", "UltraVNC", "mstsc", "Remote Desktop Connection",
    ];

    /// <summary>Free-mail providers: an address at one of these says nothing about an employer (used in evidence wording only).</summary>
    public static readonly IReadOnlySet<string> FreeMailProviders = new HashSet<string>(StringComparer.Ordinal)
    {
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com", "ymail.com", "aol.com",
        "icloud.com", "me.com", "mac.com", "proton.me", "protonmail.com", "pm.me", "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com",
        "yandex.ru", "yandex.com", "mail.ru", "qq.com", "163.com", "126.com", "sina.com", "naver.com", "daum.net", "hanmail.net",
        "zoho.com", "tutanota.com", "fastmail.com", "rediffmail.com", "seznam.cz", "libero.it", "orange.fr", "laposte.net",
    };

    /// <summary>Bank countries that raise PAYOUT_FOREIGN to medium ([ADV-2022]: transfers to PRC bank accounts; HK, RU, KP).</summary>
    public static readonly IReadOnlySet<string> HighRiskBankCountries = new HashSet<string>(StringComparer.Ordinal) { "cn", "hk", "ru", "kp" };

    private static IpNetwork Net(string text) =>
        IpNetwork.TryParse(text, out var network) ? network : throw new InvalidOperationException(text);
}

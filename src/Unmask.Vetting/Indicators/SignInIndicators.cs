using System.Globalization;
using System.Net;
using Unmask.Vetting.Model;
using Unmask.Vetting.Reference;
using Unmask.Vetting.Scoring;
using static Unmask.Vetting.Indicators.Claims;

namespace Unmask.Vetting.Indicators;

/// <summary>What one user's sign-ins add up to; built by streaming the log once (see <see cref="SignInAggregator"/>).</summary>
public sealed class UserSignIns
{
    public int Count { get; internal set; }
    public int KstBusinessHours { get; internal set; }
    public int RemoteToolCount { get; internal set; }
    public SortedSet<string> RemoteTools { get; } = new(StringComparer.OrdinalIgnoreCase);
    public List<DateTimeOffset> RemoteToolTimes { get; } = [];
    public int AstrillCount { get; internal set; }
    public (IPAddress Ip, DateTimeOffset At, ListSource Source)? FirstAstrill { get; internal set; }
    public int DprkCount { get; internal set; }
    public (IPAddress Ip, DateTimeOffset At, ListSource Source)? FirstDprk { get; internal set; }
    public Dictionary<string, int> Countries { get; } = new(StringComparer.Ordinal);
    public int WithCountry { get; internal set; }

    /// <summary>(UTC ticks, country) of sign-ins that carry a country, for impossible-travel checks.</summary>
    internal List<(long Ticks, string Country)> Geo { get; } = [];
}

/// <summary>Two users seen on one IP within 24 hours.</summary>
public sealed record SharedIpUse(int OtherUser, IPAddress Ip, DateOnly Day);

/// <summary>
/// Streams the sign-in log once and aggregates per user (counts, first hits, countries) and per IP (for SIGNIN_SHARED_IP),
/// so that the per-sign-in indicators run in one pass over a million lines.
/// </summary>
public sealed class SignInAggregator
{
    private readonly Dictionary<string, int> _userIndex;
    private readonly VettingReferenceData _reference;
    private readonly CompiledOptions _options;
    private readonly Dictionary<IPAddress, List<(long Ticks, int User)>> _byIp = [];
    private readonly Dictionary<string, bool> _toolCache = new(StringComparer.Ordinal);

    internal SignInAggregator(IReadOnlyList<VetRecord> records, VettingReferenceData reference, CompiledOptions options)
    {
        _reference = reference;
        _options = options;
        _userIndex = new Dictionary<string, int>(records.Count, StringComparer.Ordinal);
        for (var i = 0; i < records.Count; i++)
        {
            _userIndex[records[i].Id] = i;
        }
        Users = new UserSignIns?[records.Count];
    }

    public UserSignIns?[] Users { get; }
    public long Total { get; private set; }
    public long UnknownUsers { get; private set; }
    public bool AnyCountry { get; private set; }

    public void Add(SignIn signIn)
    {
        Total++;
        if (!_userIndex.TryGetValue(signIn.UserId, out var index))
        {
            UnknownUsers++;
            return;
        }
        var user = Users[index] ??= new UserSignIns();
        user.Count++;
        var utc = signIn.Timestamp.UtcDateTime;
        if (IsKstBusinessHour(utc))
        {
            user.KstBusinessHours++;
        }
        var tool = RemoteTool(signIn);
        if (tool is not null)
        {
            user.RemoteToolCount++;
            user.RemoteTools.Add(tool);
            if (user.RemoteToolTimes.Count < 3)
            {
                user.RemoteToolTimes.Add(signIn.Timestamp);
            }
        }
        if (signIn.Country is { } country)
        {
            AnyCountry = true;
            user.WithCountry++;
            user.Countries[country] = user.Countries.GetValueOrDefault(country) + 1;
            user.Geo.Add((utc.Ticks, country));
        }
        if (signIn.Ip is not { } ip)
        {
            return;
        }
        if (_reference.DprkAddressSpace(ip) is { } dprk)
        {
            user.DprkCount++;
            user.FirstDprk ??= (ip, signIn.Timestamp, dprk);
        }
        if (_reference.AstrillExit(ip) is { } astrill)
        {
            user.AstrillCount++;
            user.FirstAstrill ??= (ip, signIn.Timestamp, astrill);
        }
        else if (!_options.IsEgress(ip) && !_reference.IsKnownVpn(ip))
        {
            if (!_byIp.TryGetValue(ip, out var uses))
            {
                _byIp[ip] = uses = [];
            }
            if (uses.Count == 0 || uses[^1].User != index || uses[^1].Ticks != utc.Ticks)
            {
                uses.Add((utc.Ticks, index));
            }
        }
    }

    /// <summary>09:00-18:00 Monday-Friday in Korea Standard Time (UTC+9, no DST).</summary>
    public static bool IsKstBusinessHour(DateTime utc)
    {
        var kst = utc.AddHours(9);
        return kst.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && kst.Hour is >= 9 and < 18;
    }

    private string? RemoteTool(SignIn signIn)
    {
        if (signIn.RemoteTool is { } declared)
        {
            return _options.IsAllowedRemoteTool(declared) ? null : declared;
        }
        if (signIn.UserAgent is not { } agent)
        {
            return null;
        }
        if (!_toolCache.TryGetValue(agent, out var hit))
        {
            hit = BuiltInReference.RemoteAccessTools.Any(t => agent.Contains(t, StringComparison.OrdinalIgnoreCase));
            if (_toolCache.Count < 100_000)
            {
                _toolCache[agent] = hit;
            }
        }
        if (!hit)
        {
            return null;
        }
        var name = BuiltInReference.RemoteAccessTools.First(t => agent.Contains(t, StringComparison.OrdinalIgnoreCase));
        return _options.IsAllowedRemoteTool(name) || _options.IsAllowedRemoteTool(agent) ? null : name;
    }

    /// <summary>Per user, the other users seen on the same IP within 24 hours (corporate egress and known VPN exits excluded).</summary>
    public Dictionary<int, List<SharedIpUse>> SharedIps(int maxPerUser)
    {
        var result = new Dictionary<int, List<SharedIpUse>>();
        var window = TimeSpan.FromHours(24).Ticks;
        foreach (var (ip, uses) in _byIp)
        {
            if (uses.Count < 2 || uses.All(u => u.User == uses[0].User))
            {
                continue;
            }
            uses.Sort((a, b) => a.Ticks.CompareTo(b.Ticks));
            var pairs = new HashSet<(int, int)>();
            var start = 0;
            var inWindow = new Dictionary<int, long>();
            for (var i = 0; i < uses.Count; i++)
            {
                while (uses[i].Ticks - uses[start].Ticks > window)
                {
                    var old = uses[start++];
                    if (inWindow.TryGetValue(old.User, out var last) && last == old.Ticks)
                    {
                        inWindow.Remove(old.User);
                    }
                }
                var user = uses[i].User;
                foreach (var other in inWindow.Keys)
                {
                    if (other != user && pairs.Add((Math.Min(user, other), Math.Max(user, other))))
                    {
                        var day = DateOnly.FromDateTime(new DateTime(uses[i].Ticks, DateTimeKind.Utc));
                        AddUse(result, user, new SharedIpUse(other, ip, day), maxPerUser);
                        AddUse(result, other, new SharedIpUse(user, ip, day), maxPerUser);
                    }
                }
                inWindow[user] = uses[i].Ticks;
            }
        }
        return result;
    }

    private static void AddUse(Dictionary<int, List<SharedIpUse>> result, int user, SharedIpUse use, int max)
    {
        if (!result.TryGetValue(user, out var list))
        {
            result[user] = list = [];
        }
        if (list.Count < max)
        {
            list.Add(use);
        }
    }
}

/// <summary>Sign-in indicators of INDICATORS.md §4.3 and WORK_HOURS_KST, computed from one user's aggregate.</summary>
public static class SignInIndicators
{
    private static string When(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>REMOTE_ACCESS_TOOL: sign-ins through remote-desktop or KVM tools (allowlisted company RMM excluded).
    /// [ADV-2022], [DOJ-KNOOT], [CS-2024], [MSFT-2025], [DOJ-2025-06].</summary>
    public static Finding? RemoteAccessTool(UserSignIns user) =>
        user.RemoteToolCount == 0 ? null : new Finding(FindingCodes.RemoteAccessTool, Severity.High,
            $"{user.RemoteToolCount} sign-in(s) via {string.Join(", ", user.RemoteTools)} ({string.Join(", ", user.RemoteToolTimes.Select(When))}"
            + (user.RemoteToolCount > user.RemoteToolTimes.Count ? ", …)" : ")"),
            "DOJ-KNOOT", Data(("tools", string.Join(",", user.RemoteTools)), ("count", user.RemoteToolCount.ToString(CultureInfo.InvariantCulture))));

    /// <summary>VPN_ASTRILL: a sign-in from an Astrill VPN exit. [ASTRILL], [MANDIANT-2024].</summary>
    public static Finding? VpnAstrill(UserSignIns user, string nodeId)
    {
        if (user.FirstAstrill is not { } first)
        {
            return null;
        }
        return new Finding(FindingCodes.VpnAstrill, Severity.High,
            $"{user.AstrillCount} sign-in(s) from Astrill VPN exits, first {first.Ip} on {When(first.At)} (list {first.Source.Dataset})",
            "ASTRILL", Data(("ip", first.Ip.ToString()), ("count", user.AstrillCount.ToString(CultureInfo.InvariantCulture)), ("list", first.Source.Dataset)),
            [new VetLink(first.Source.EntityId is { } id ? $"entity:{id}" : $"list:{first.Source.Dataset}", $"ip:{first.Ip}")]);
    }

    /// <summary>SIGNIN_DPRK_IP: a sign-in from DPRK address space (175.45.176.0/22). [TREND-2017].</summary>
    public static Finding? DprkIp(UserSignIns user)
    {
        if (user.FirstDprk is not { } first)
        {
            return null;
        }
        return new Finding(FindingCodes.SigninDprkIp, Severity.Critical,
            $"{user.DprkCount} sign-in(s) from DPRK address space, first {first.Ip} on {When(first.At)} ({first.Source.Describe()})",
            "TREND-2017", Data(("ip", first.Ip.ToString()), ("count", user.DprkCount.ToString(CultureInfo.InvariantCulture))));
    }

    /// <summary>SIGNIN_COUNTRY_MISMATCH: ≥ 20% of sign-ins (at least 3) from countries none of the claimed locations is in.
    /// [ADV-2022], [SEAL]. Geography only for consistency with what the person claims.</summary>
    public static Finding? CountryMismatch(UserSignIns user, IReadOnlySet<string> claimed)
    {
        if (claimed.Count == 0 || user.WithCountry == 0)
        {
            return null;
        }
        var foreign = user.Countries.Where(c => !claimed.Contains(c.Key)).OrderByDescending(c => c.Value).ToList();
        var count = foreign.Sum(c => c.Value);
        if (count < 3 || count < 0.2 * user.WithCountry)
        {
            return null;
        }
        var where = string.Join(", ", foreign.Take(3).Select(c => $"{c.Value} from {c.Key.ToUpperInvariant()}"));
        return new Finding(FindingCodes.SigninCountryMismatch, Severity.Medium,
            $"{count} of {user.WithCountry} sign-ins from elsewhere ({where}); claims {Upper(claimed)}", "ADV-2022",
            Data(("foreign", count.ToString(CultureInfo.InvariantCulture)), ("total", user.WithCountry.ToString(CultureInfo.InvariantCulture))));
    }

    /// <summary>SIGNIN_MULTI_COUNTRY: two sign-ins from different countries at most 60 minutes apart (impossible travel).
    /// [ADV-2022], [PSA-2025-01].</summary>
    public static Finding? MultiCountry(UserSignIns user)
    {
        if (user.Geo.Count < 2)
        {
            return null;
        }
        var geo = user.Geo.OrderBy(g => g.Ticks).ToList();
        var hour = TimeSpan.FromMinutes(60).Ticks;
        for (var i = 1; i < geo.Count; i++)
        {
            if (geo[i].Country != geo[i - 1].Country && geo[i].Ticks - geo[i - 1].Ticks <= hour)
            {
                var a = new DateTime(geo[i - 1].Ticks, DateTimeKind.Utc);
                var b = new DateTime(geo[i].Ticks, DateTimeKind.Utc);
                return new Finding(FindingCodes.SigninMultiCountry, Severity.Medium,
                    $"{geo[i - 1].Country.ToUpperInvariant()} {a:HH:mm} then {geo[i].Country.ToUpperInvariant()} {b:HH:mm} UTC on {a:yyyy-MM-dd}",
                    "ADV-2022", Data(("from", geo[i - 1].Country), ("to", geo[i].Country), ("minutes", ((b - a).TotalMinutes).ToString("0", CultureInfo.InvariantCulture))));
            }
        }
        return null;
    }

    /// <summary>SIGNIN_CN_RU_IP: sign-ins from CN or RU while no claimed location is in that country. [ADV-2022],
    /// [MANDIANT-2024], [MSFT-2025]. Never fires for people who say they live there.</summary>
    public static Finding? CnRuIp(UserSignIns user, IReadOnlySet<string> claimed)
    {
        var hits = new[] { "cn", "ru" }.Where(c => !claimed.Contains(c) && user.Countries.GetValueOrDefault(c) > 0)
            .Select(c => (Country: c, Count: user.Countries[c])).ToList();
        if (hits.Count == 0)
        {
            return null;
        }
        var claims = claimed.Count == 0 ? "no location claimed" : $"claims {Upper(claimed)}";
        return new Finding(FindingCodes.SigninCnRuIp, Severity.Medium,
            $"{string.Join(", ", hits.Select(h => $"{h.Count} sign-in(s) from {h.Country.ToUpperInvariant()}"))}; {claims}", "MANDIANT-2024",
            Data(("countries", string.Join(",", hits.Select(h => h.Country)))));
    }

    /// <summary>WORK_HOURS_KST: at least 20 sign-ins, ≥ 70% of them 09:00-18:00 Mon-Fri KST, while the claimed location's
    /// clock is at least 5 hours from UTC+9. Derived from [ADV-2022], [SEAL]. Never fires when any claimed location is in
    /// UTC+8..+10 (INDICATORS.md §2 rule 2: a person in Seoul working Seoul hours triggers nothing).</summary>
    public static Finding? WorkHoursKst(UserSignIns user, string? homeCountry, IReadOnlySet<string> claimed)
    {
        if (user.Count < 20 || user.KstBusinessHours < 0.7 * user.Count || homeCountry is null
            || !UtcOffsets.TryGet(homeCountry, out var home))
        {
            return null;
        }
        foreach (var country in claimed.Append(homeCountry))
        {
            if (!UtcOffsets.TryGet(country, out var range) || (range.Max >= 8 && range.Min <= 10))
            {
                return null;
            }
        }
        var distance = home.Min <= 9 && 9 <= home.Max ? 0 : Math.Min(Math.Abs(home.Min - 9), Math.Abs(home.Max - 9));
        if (distance < 5)
        {
            return null;
        }
        var from = (9 - 9 + home.Max + 24) % 24;
        var to = (18 - 9 + home.Max + 24) % 24;
        return new Finding(FindingCodes.WorkHoursKst, Severity.Low,
            $"{user.KstBusinessHours} of {user.Count} sign-ins in 09-18 KST = {from:00}-{to:00} local in claimed {homeCountry.ToUpperInvariant()}",
            "ADV-2022", Data(("kst", user.KstBusinessHours.ToString(CultureInfo.InvariantCulture)), ("total", user.Count.ToString(CultureInfo.InvariantCulture))));
    }

    /// <summary>SIGNIN_SHARED_IP: one IP used by two or more users within 24 hours (corporate egress and VPN exits excluded).
    /// [ADV-2022], [MANDIANT-2024].</summary>
    public static Finding? SharedIp(IReadOnlyList<SharedIpUse> uses, IReadOnlyList<VetRecord> records)
    {
        if (uses.Count == 0)
        {
            return null;
        }
        var text = string.Join("; ", uses.GroupBy(u => u.Ip).Take(3).Select(g =>
            $"IP {g.Key} also used by {string.Join(", ", g.Take(5).Select(u => records[u.OtherUser].Id))}{(g.Count() > 5 ? ", …" : "")} on {g.First().Day:yyyy-MM-dd}"));
        return new Finding(FindingCodes.SigninSharedIp, Severity.Medium, text, "ADV-2022",
            Data(("ips", string.Join(",", uses.Select(u => u.Ip.ToString()).Distinct()))),
            uses.Select(u => new VetLink(records[u.OtherUser].NodeId, $"ip:{u.Ip}")).Distinct().ToList());
    }
}

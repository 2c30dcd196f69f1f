using System.Net;
using Unmask.Domain;
using Unmask.Domain.Identifiers;
using Unmask.Vetting.Normalisation;

namespace Unmask.Vetting.Reference;

/// <summary>
/// Reference facts the indicators look values up in (INDICATORS.md §6), built from list entities plus the built-in facts of
/// <see cref="BuiltInReference"/>. Immutable once built; lookups are hash-map or token-index based.
/// </summary>
public sealed class VettingReferenceData
{
    private readonly IpRangeSet _astrill;
    private readonly IpRangeSet _dprk;
    private readonly IpRangeSet _vpn;
    private readonly Dictionary<string, ListSource> _personaEmails;
    private readonly Dictionary<string, ListSource> _listedWallets;
    private readonly Dictionary<string, ListSource> _frontDomains;
    private readonly List<(FrontCompany Company, string[] Tokens)> _frontCompanies;
    private readonly Dictionary<string, List<int>> _frontByToken;

    private VettingReferenceData(
        IpRangeSet astrill,
        IpRangeSet dprk,
        IpRangeSet vpn,
        Dictionary<string, ListSource> personaEmails,
        Dictionary<string, ListSource> listedWallets,
        Dictionary<string, ListSource> frontDomains,
        List<FrontCompany> frontCompanies)
    {
        _astrill = astrill;
        _dprk = dprk;
        _vpn = vpn;
        _personaEmails = personaEmails;
        _listedWallets = listedWallets;
        _frontDomains = frontDomains;
        _frontCompanies = frontCompanies.Select(c => (c, NameSimilarity.CompanyTokens(c.Name))).Where(c => c.Item2.Length > 0).ToList();
        _frontByToken = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < _frontCompanies.Count; i++)
        {
            foreach (var token in _frontCompanies[i].Tokens.Append(string.Concat(_frontCompanies[i].Tokens)).Distinct())
            {
                if (!_frontByToken.TryGetValue(token, out var list))
                {
                    _frontByToken[token] = list = [];
                }
                list.Add(i);
            }
        }
    }

    /// <summary>Only the built-in facts (DPRK address space, the front companies and seized domains named in INDICATORS.md §6).</summary>
    public static VettingReferenceData BuiltIn => FromEntities([]);

    public int AstrillCount => _astrill.Count;
    public int PersonaEmailCount => _personaEmails.Count;
    public int ListedWalletCount => _listedWallets.Count;
    public int FrontCompanyCount => _frontCompanies.Count;
    public int FrontDomainCount => _frontDomains.Count;

    /// <summary>
    /// Builds the reference data from list entities: IpAddress entities of datasets whose name contains "astrill" are Astrill
    /// exits (other "vpn" datasets are VPN context); UserAccount <c>email</c> of IOC datasets and <c>email</c> of sanctions
    /// entities are persona e-mails; CryptoWallet <c>publicKey</c> and LegalEntity <c>cryptoWallet</c> are listed wallets;
    /// Domain entities of seized/front-company datasets and sanctions <c>website</c> are front domains; Company/Organization
    /// names of DPRK sanctions programmes and of IOC front-company datasets are front companies.
    /// </summary>
    public static VettingReferenceData FromEntities(IEnumerable<Entity> entities)
    {
        var astrill = new IpRangeSet();
        var dprk = new IpRangeSet();
        foreach (var network in BuiltInReference.DprkNetworks)
        {
            dprk.Add(network, new ListSource("TREND-2017", null, "APNIC 175.45.176.0/22, Star JV"));
        }
        var vpn = new IpRangeSet();
        var personaEmails = new Dictionary<string, ListSource>(StringComparer.Ordinal);
        var wallets = new Dictionary<string, ListSource>(StringComparer.Ordinal);
        var frontDomains = BuiltInReference.SeizedDomains.ToDictionary(d => d.Domain, d => d.Source, StringComparer.Ordinal);
        var fronts = BuiltInReference.FrontCompanies.ToList();

        foreach (var entity in entities)
        {
            var dataset = entity.Dataset.ToLowerInvariant();
            var source = new ListSource(entity.Dataset, entity.Id, entity.Caption);
            var isIoc = dataset.StartsWith("ioc", StringComparison.Ordinal);
            var isSanctions = !isIoc;
            var schema = entity.Schema.Name;

            if (schema == "IpAddress")
            {
                var isAstrill = dataset.Contains("astrill", StringComparison.Ordinal);
                var isVpn = isAstrill || dataset.Contains("vpn", StringComparison.Ordinal);
                var isDprk = dataset.Contains("dprk_ip", StringComparison.Ordinal) || dataset.Contains("kp_ip", StringComparison.Ordinal);
                foreach (var value in entity.Get("ipAddress").Concat(entity.Get("cidr")))
                {
                    if (!IpNetwork.TryParse(value, out var network))
                    {
                        continue;
                    }
                    if (isDprk)
                    {
                        dprk.Add(network, source);
                    }
                    else if (isAstrill)
                    {
                        astrill.Add(network, source);
                    }
                    if (isVpn)
                    {
                        vpn.Add(network, source);
                    }
                }
                continue;
            }

            if ((schema == "UserAccount" && isIoc) || (entity.Schema.IsA("LegalEntity") && isSanctions))
            {
                foreach (var value in entity.Get("email"))
                {
                    if (EmailAddress.TryParse(value, out var email))
                    {
                        personaEmails.TryAdd(email.Canonical, source);
                    }
                }
            }

            if (schema == "CryptoWallet")
            {
                var currency = entity.First("currencySymbol");
                foreach (var value in entity.Get("publicKey"))
                {
                    if (CryptoWalletAddress.TryParse(value, out var wallet, currency))
                    {
                        AddWallet(wallets, wallet, source);
                    }
                }
            }
            else if (entity.Schema.IsA("LegalEntity"))
            {
                foreach (var value in entity.Get("cryptoWallet"))
                {
                    if (CryptoWalletAddress.TryParse(value, out var wallet))
                    {
                        AddWallet(wallets, wallet, source);
                    }
                }
            }

            var frontDataset = dataset.Contains("seized", StringComparison.Ordinal) || dataset.Contains("sentinellabs", StringComparison.Ordinal)
                || dataset.Contains("front", StringComparison.Ordinal);
            if (schema == "Domain" && frontDataset)
            {
                foreach (var value in entity.Get("domain"))
                {
                    if (DomainName.TryParse(value, out var domain))
                    {
                        frontDomains.TryAdd(domain.Value, source);
                    }
                }
            }

            if (entity.Schema.IsA("Organization"))
            {
                var dprkProgram = entity.Get("program").Any(IsDprkProgram);
                if ((isSanctions && dprkProgram) || (isIoc && frontDataset))
                {
                    fronts.AddRange(entity.AllNames().Select(n => new FrontCompany(n, source)));
                    foreach (var value in entity.Get("website"))
                    {
                        if (DomainName.TryParse(value, out var domain))
                        {
                            frontDomains.TryAdd(domain.Value, source);
                        }
                    }
                }
            }
        }
        return new VettingReferenceData(astrill, dprk, vpn, personaEmails, wallets, frontDomains, fronts);
    }

    /// <summary>DPRK sanctions programmes: OFAC DPRK, DPRK2-4, DPRK-NKSPEA; UN 1718; UK/EU regimes named after the country.</summary>
    public static bool IsDprkProgram(string program)
    {
        var p = program.ToUpperInvariant();
        return p.Contains("DPRK", StringComparison.Ordinal) || p.Contains("1718", StringComparison.Ordinal)
            || p.Contains("NORTH KOREA", StringComparison.Ordinal) || p.Contains("DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA", StringComparison.Ordinal)
            || p.Contains("NKSPEA", StringComparison.Ordinal);
    }

    public ListSource? AstrillExit(IPAddress ip) => _astrill.Find(ip);

    public ListSource? DprkAddressSpace(IPAddress ip) => _dprk.Find(ip);

    /// <summary>Known VPN exits (Astrill and other VPN context lists): excluded from SIGNIN_SHARED_IP.</summary>
    public bool IsKnownVpn(IPAddress ip) => _vpn.Find(ip) is not null;

    public ListSource? PersonaEmail(EmailAddress email) => _personaEmails.GetValueOrDefault(email.Canonical);

    public ListSource? ListedWallet(CryptoWalletAddress wallet) =>
        _listedWallets.GetValueOrDefault(wallet.Key) ?? _listedWallets.GetValueOrDefault("any:" + wallet.Address.ToLowerInvariant());

    /// <summary>A seized or front domain equal to the given domain or one of its parents (<c>hr.hopanatech.com</c>).</summary>
    public (string Domain, ListSource Source)? FrontDomain(DomainName domain)
    {
        var value = domain.Value;
        while (true)
        {
            if (_frontDomains.TryGetValue(value, out var source))
            {
                return (value, source);
            }
            var dot = value.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0 || value.IndexOf('.', dot + 1) < 0)
            {
                return null;
            }
            value = value[(dot + 1)..];
        }
    }

    /// <summary>The best known front company whose name matches <paramref name="name"/> with company similarity ≥ <paramref name="threshold"/>.</summary>
    public (FrontCompany Company, double Score)? FrontCompany(string? name, double threshold)
    {
        var tokens = NameSimilarity.CompanyTokens(name);
        if (tokens.Length == 0)
        {
            return null;
        }
        (FrontCompany, double)? best = null;
        var seen = new HashSet<int>();
        foreach (var token in tokens.Append(string.Concat(tokens)))
        {
            if (!_frontByToken.TryGetValue(token, out var candidates))
            {
                continue;
            }
            foreach (var index in candidates)
            {
                if (!seen.Add(index))
                {
                    continue;
                }
                var score = NameSimilarity.TokenSet(tokens, _frontCompanies[index].Tokens);
                if (score >= threshold && (best is null || score > best.Value.Item2))
                {
                    best = (_frontCompanies[index].Company, score);
                }
            }
        }
        return best;
    }

    private static void AddWallet(Dictionary<string, ListSource> wallets, CryptoWalletAddress wallet, ListSource source)
    {
        wallets.TryAdd(wallet.Key, source);
        // EVM-style and case-sensitive chains are keyed by chain; the chain-free key lets an address given without a
        // currency hint (e.g. a USDT-TRC20 address typed as "trx" vs "usdt") still be found.
        wallets.TryAdd("any:" + wallet.Address.ToLowerInvariant(), source);
    }
}

using Unmask.Domain;
using Unmask.Domain.Identifiers;

namespace Unmask.Watchlists.Ioc;

/// <summary>The kinds of value an IOC list carries, each imported as one entity.</summary>
public enum IndicatorKind
{
    Domain,
    Url,
    IpAddress,
    IpRange,
    Email,
    Wallet,
    Phone,
    Username,
}

/// <summary>
/// One indicator value, parsed at the edge: <see cref="Value"/> is what the entity stores (a normalised domain, network,
/// e-mail; a wallet address as published), <see cref="Key"/> decides which values are the same indicator
/// (EVM addresses and e-mails compare case-insensitively).
/// </summary>
public sealed record Indicator(IndicatorKind Kind, string Value, string Key, string? CurrencySymbol = null, string? Service = null, string? Original = null)
{
    /// <summary>Readable stem for the entity id, built from the key so that the same indicator gets the same id in every
    /// file of a dataset, e.g. <c>domain:example.com</c> (the id slug turns <c>:</c> into <c>-</c>).</summary>
    public string IdStem => Key;

    /// <summary>A new entity of the schema this kind maps to, with the value set (Domain, IpAddress, UserAccount, CryptoWallet).</summary>
    public Entity ToEntity(string id, string dataset)
    {
        switch (Kind)
        {
            case IndicatorKind.Domain:
                return new Entity(id, Schemas.Domain, dataset).Add("domain", Value);
            case IndicatorKind.Url:
                return new Entity(id, Schemas.Domain, dataset).Add("domain", Value).Add("notes", $"listed as URL {Original}");
            case IndicatorKind.IpAddress:
                return new Entity(id, Schemas.IpAddress, dataset).Add("ipAddress", Value);
            case IndicatorKind.IpRange:
                return new Entity(id, Schemas.IpAddress, dataset).Add("cidr", Value);
            case IndicatorKind.Email:
                return new Entity(id, Schemas.UserAccount, dataset).Add("email", Value);
            case IndicatorKind.Wallet:
                return new Entity(id, Schemas.CryptoWallet, dataset).Add("publicKey", Value).Add("currencySymbol", CurrencySymbol);
            case IndicatorKind.Phone:
                return new Entity(id, Schemas.UserAccount, dataset).Add("number", Value);
            default:
                return new Entity(id, Schemas.UserAccount, dataset).Add("username", Value).Add("service", Service);
        }
    }

    /// <summary>
    /// Recognises a free-standing value: IPv4/IPv6 address or CIDR, URL (kept as its host), e-mail, domain, or wallet
    /// address. Defanged forms (<c>example[.]com</c>, <c>hxxps://</c>, <c>1.2.3[.]4</c>, <c>a[@]b[.]com</c>) are accepted.
    /// <paramref name="currencyHint"/> is the asset code when the list states it (OFAC's per-asset files).
    /// </summary>
    public static bool TryParse(string? text, out Indicator indicator, string? currencyHint = null)
    {
        indicator = null!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var value = text.Trim();
        if (!LooksLikeSingleToken(value))
        {
            return false;
        }
        if (currencyHint is null && TryParseIp(value, out indicator))
        {
            return true;
        }
        var scheme = value.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0)
        {
            return TryParseUrl(value, out indicator);
        }
        if (value.Contains('@', StringComparison.Ordinal) || value.Contains("[@]", StringComparison.Ordinal))
        {
            return TryParseEmail(value, out indicator);
        }
        if (currencyHint is null && (value.Contains('.', StringComparison.Ordinal) || value.Contains("[.]", StringComparison.Ordinal)))
        {
            return TryParseDomain(value, out indicator);
        }
        return TryParseWallet(value, currencyHint, out indicator);
    }

    public static bool TryParseIp(string value, out Indicator indicator)
    {
        indicator = null!;
        if (!IpNetwork.TryParse(value, out var network))
        {
            return false;
        }
        var text = network.ToString();
        indicator = new Indicator(network.IsSingleAddress ? IndicatorKind.IpAddress : IndicatorKind.IpRange, text, $"ip:{text}");
        return true;
    }

    /// <summary>A URL imported as its host (domain or IP address); the URL itself is kept as <see cref="Original"/>.</summary>
    public static bool TryParseUrl(string value, out Indicator indicator)
    {
        indicator = null!;
        var refanged = value.Replace("hxxp", "http", StringComparison.OrdinalIgnoreCase).Replace("[.]", ".", StringComparison.Ordinal)
            .Replace("[:]", ":", StringComparison.Ordinal);
        if (Uri.TryCreate(refanged, UriKind.Absolute, out var uri) && uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            && TryParseIp(uri.Host.Trim('[', ']'), out var ip))
        {
            indicator = ip with { Original = refanged };
            return true;
        }
        if (!DomainName.TryParse(value, out var domain))
        {
            return false;
        }
        indicator = new Indicator(IndicatorKind.Url, domain.Value, $"domain:{domain.Value}", Original: refanged);
        return true;
    }

    public static bool TryParseDomain(string value, out Indicator indicator)
    {
        indicator = null!;
        if (value.Contains("://", StringComparison.Ordinal))
        {
            return TryParseUrl(value, out indicator);
        }
        if (!DomainName.TryParse(value, out var domain))
        {
            return false;
        }
        indicator = new Indicator(IndicatorKind.Domain, domain.Value, $"domain:{domain.Value}");
        return true;
    }

    public static bool TryParseEmail(string value, out Indicator indicator)
    {
        indicator = null!;
        if (!EmailAddress.TryParse(value, out var email))
        {
            return false;
        }
        indicator = new Indicator(IndicatorKind.Email, email.Value, $"email:{email.Value}");
        return true;
    }

    /// <summary>A wallet address kept as published; the key folds EVM addresses to lower case (EIP-55 casing is a checksum).</summary>
    public static bool TryParseWallet(string value, string? currencyHint, out Indicator indicator)
    {
        indicator = null!;
        if (!CryptoWalletAddress.TryParse(value, out var wallet, currencyHint))
        {
            return false;
        }
        var symbol = string.IsNullOrWhiteSpace(currencyHint) ? SymbolOfChain(wallet.Chain) : currencyHint.Trim().ToUpperInvariant();
        indicator = new Indicator(IndicatorKind.Wallet, value.Trim(), $"wallet:{wallet.Key}", symbol);
        return true;
    }

    public static bool TryParsePhone(string value, out Indicator indicator)
    {
        indicator = null!;
        var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
        var allowed = value.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')' or '.');
        if (!allowed || digits.Length is < 7 or > 15)
        {
            return false;
        }
        var normalised = value.TrimStart().StartsWith('+') ? "+" + digits : digits;
        indicator = new Indicator(IndicatorKind.Phone, normalised, $"phone:{normalised}");
        return true;
    }

    /// <summary>An account name on a platform; names compare case-insensitively per platform. Spaces are allowed
    /// (Discord names such as <c>Some Name#1234</c>), line breaks are not.</summary>
    public static bool TryParseUsername(string value, string? service, out Indicator indicator)
    {
        indicator = null!;
        var handle = value.Trim().TrimStart('@');
        if (handle.Length == 0 || handle.Any(char.IsControl))
        {
            return false;
        }
        var platform = string.IsNullOrWhiteSpace(service) ? null : service.Trim().ToLowerInvariant();
        indicator = new Indicator(IndicatorKind.Username, handle, $"user:{platform}:{handle.ToLowerInvariant()}", Service: platform);
        return true;
    }

    /// <summary>Currency symbol when the address form alone says it (Bitcoin, Litecoin, Bitcoin Cash, Tron); EVM and
    /// Solana-like addresses are left without one because the same address is valid on many chains.</summary>
    public static string? SymbolOfChain(string chain) => chain switch
    {
        "btc" => "BTC",
        "ltc" => "LTC",
        "bch" => "BCH",
        "trx" => "TRX",
        _ => null,
    };

    private static bool LooksLikeSingleToken(string value)
    {
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is ',' or ';' or '"' or '\'' or '{' or '}' or '<' or '>' or '|' or '\\')
            {
                return false;
            }
        }
        return true;
    }
}

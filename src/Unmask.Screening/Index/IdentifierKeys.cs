using Unmask.Domain.Identifiers;

namespace Unmask.Screening.Index;

/// <summary>Normalised keys for identifiers, so that a query and a list record meet whatever the casing or decoration:
/// EVM wallets lower-case (EIP-55 casing is a checksum), e-mails in canonical form, domains without www, document numbers
/// upper-case letters and digits only.</summary>
public static class IdentifierKeys
{
    // Free-mail providers: sharing one says nothing, so their domains are never domain identifiers.
    private static readonly HashSet<string> Webmail = new(StringComparer.Ordinal)
    {
        "gmail.com", "googlemail.com", "yahoo.com", "outlook.com", "hotmail.com", "live.com", "protonmail.com", "proton.me",
        "qq.com", "163.com", "126.com", "mail.ru", "icloud.com", "yandex.ru", "yandex.com", "aol.com", "gmx.com", "gmx.de",
        "sina.com", "naver.com", "daum.net", "inbox.ru", "bk.ru", "list.ru", "zoho.com", "tutanota.com", "msn.com",
    };

    public static string? Wallet(string value)
    {
        if (CryptoWalletAddress.TryParse(value, out var wallet))
        {
            return "wallet:" + wallet.Address;
        }
        var trimmed = value.Trim();
        return trimmed.Length >= 20 && !trimmed.Any(char.IsWhiteSpace)
            ? "wallet:" + (trimmed.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? trimmed.ToLowerInvariant() : trimmed)
            : null;
    }

    public static string? Email(string value) =>
        EmailAddress.TryParse(value, out var email) ? "email:" + email.Canonical : null;

    /// <summary>The domain of a non-webmail e-mail address, as a domain key.</summary>
    public static string? EmailDomain(string value) =>
        EmailAddress.TryParse(value, out var email) && !Webmail.Contains(email.DomainPart) ? "domain:" + email.DomainPart : null;

    public static string? Domain(string value) =>
        DomainName.TryParse(value, out var domain) ? "domain:" + domain.Value : null;

    /// <summary>Passport, national id, registration numbers: letters and digits, upper-case; shorter than 5 is too weak.</summary>
    public static string? Document(string value)
    {
        Span<char> buffer = stackalloc char[Math.Min(value.Length, 64)];
        var length = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiLetterOrDigit(c) && length < buffer.Length)
            {
                buffer[length++] = char.ToUpperInvariant(c);
            }
        }
        return length >= 5 && buffer[..length].ContainsAnyInRange('0', '9') ? "doc:" + new string(buffer[..length]) : null;
    }

    /// <summary>Words for the explanation: "wallet", "e-mail", "domain", "document number".</summary>
    public static string Describe(string key) => key[..key.IndexOf(':', StringComparison.Ordinal)] switch
    {
        "wallet" => "wallet address",
        "email" => "e-mail address",
        "domain" => "domain",
        _ => "document number",
    };

    public static string ValueOf(string key) => key[(key.IndexOf(':', StringComparison.Ordinal) + 1)..];

    internal static readonly string[] DocumentProperties =
        ["idNumber", "passportNumber", "registrationNumber", "taxNumber", "innCode", "ogrnCode", "imoNumber", "leiCode", "vatCode", "socialSecurityNumber"];

    /// <summary>Identifier keys of a set of FtM properties (entity or query side).</summary>
    public static IEnumerable<string> FromProperties(Func<string, IEnumerable<string>> get)
    {
        foreach (var property in DocumentProperties)
        {
            foreach (var value in get(property))
            {
                if (Document(value) is { } key)
                {
                    yield return key;
                }
            }
        }
        foreach (var value in get("cryptoWallet").Concat(get("publicKey")))
        {
            if (Wallet(value) is { } key)
            {
                yield return key;
            }
        }
        foreach (var value in get("email"))
        {
            if (Email(value) is { } key)
            {
                yield return key;
            }
            if (EmailDomain(value) is { } domainKey)
            {
                yield return domainKey;
            }
        }
        foreach (var value in get("website").Concat(get("domain")))
        {
            if (Domain(value) is { } key)
            {
                yield return key;
            }
        }
    }
}

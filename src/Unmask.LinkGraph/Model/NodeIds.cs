using System.Security.Cryptography;
using System.Text;
using Unmask.Domain.Identifiers;
using Unmask.LinkGraph.Normalisation;

namespace Unmask.LinkGraph.Model;

/// <summary>
/// Builds node ids (<c>&lt;kind&gt;:&lt;value&gt;</c>, CONTRACT.md "Link graph") from raw values. Identifier helpers normalise
/// at the edge and return null when the value is not a valid identifier of that kind, so callers never add junk nodes.
/// </summary>
public static class NodeIds
{
    public static string Entity(string entityId) => "entity:" + entityId;

    public static string Record(NodeKind kind, string id) =>
        kind.IsRecord() ? $"{kind.Prefix()}:{id.Trim()}" : throw new ArgumentException($"{kind} is not a record kind", nameof(kind));

    /// <summary><c>site:&lt;registrable domain&gt;</c> when <paramref name="key"/> is a domain or URL, else <c>site:&lt;name&gt;</c>.</summary>
    public static string Site(string key) =>
        "site:" + (DomainName.TryParse(key, out var domain) && !key.Contains(' ', StringComparison.Ordinal) ? domain.Value : key.Trim());

    public static string? Phone(string? text, string? countryHint = null) =>
        PhoneNumbers.TryNormalise(text, countryHint, out var e164) ? "phone:" + e164 : null;

    /// <summary>E-mail in its canonical form (lower-case; Gmail dots and +tags removed).</summary>
    public static string? Email(string? text) => EmailAddress.TryParse(text, out var email) ? "email:" + email.Canonical : null;

    public static string? Domain(string? text) => DomainName.TryParse(text, out var domain) ? "domain:" + domain.Value : null;

    public static string? Wallet(string? text, string? currencyHint = null) =>
        CryptoWalletAddress.TryParse(text, out var wallet, currencyHint) ? "wallet:" + wallet.Key : null;

    public static string? Address(string? text) => Addresses.Normalise(text) is { } value ? "address:" + value : null;

    public static string? Building(string? text) => Addresses.Building(text) is { } value ? "building:" + value : null;

    public static string? Ip(string? text) => IpNetwork.TryParse(text, out var ip) ? "ip:" + ip : null;

    /// <summary>Bank accounts are never stored in clear (INDICATORS.md ethics rule 7): an account number is hashed
    /// (SHA-256 of its upper-case letters and digits, first 16 hex digits); a value that already is a hex hash is kept.</summary>
    public static string? Bank(string? accountOrHash)
    {
        if (string.IsNullOrWhiteSpace(accountOrHash))
        {
            return null;
        }
        var value = accountOrHash.Trim();
        if (value.Length >= 16 && value.All(char.IsAsciiHexDigit) && value.Any(char.IsAsciiLetter))
        {
            return "bank:" + value.ToLowerInvariant();
        }
        var clean = new string([.. value.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant)]);
        return clean.Length < 4 ? null : "bank:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(clean)))[..16];
    }

    /// <summary>Analytics / tag-manager ids (UA-123-1, G-XXXX, GTM-XXXX, AW-…), upper-cased.</summary>
    public static string? Tracker(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : "tracker:" + text.Trim().ToUpperInvariant();

    /// <summary>Shodan-style favicon hash (MurmurHash3 x86 32-bit of the base64 favicon, signed).</summary>
    public static string Favicon(int mmh3) => "favicon:" + mmh3.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string? Resume(string? passageHash) => Hash("resume", passageHash);

    public static string? Photo(string? imageHash) => Hash("photo", imageHash);

    /// <summary>Passport, registration or tax numbers: upper-case letters and digits only; at least 5 of them with a digit,
    /// so "1" or "N/A" never joins two entities.</summary>
    public static string? IdNumber(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var clean = new string([.. text.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);
        return clean.Length >= 5 && clean.Any(char.IsDigit) ? "idnumber:" + clean : null;
    }

    public static string? Username(string? service, string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        var user = name.Trim().TrimStart('@').ToLowerInvariant();
        return string.IsNullOrWhiteSpace(service) ? "username:" + user : $"username:{service.Trim().ToLowerInvariant()}:{user}";
    }

    /// <summary>The kind named by the id's prefix (text before the first colon).</summary>
    public static NodeKind KindOf(string nodeId)
    {
        var colon = nodeId.IndexOf(':', StringComparison.Ordinal);
        return colon <= 0 ? throw new ArgumentException($"node id '{nodeId}' has no '<kind>:' prefix", nameof(nodeId))
            : NodeKinds.FromPrefix(nodeId.AsSpan(0, colon));
    }

    /// <summary>The id without its kind prefix: <c>phone:+1…</c> → <c>+1…</c>.</summary>
    public static string ValueOf(string nodeId)
    {
        var colon = nodeId.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? nodeId : nodeId[(colon + 1)..];
    }

    public static bool IsWellFormed(string? nodeId)
    {
        if (string.IsNullOrEmpty(nodeId))
        {
            return false;
        }
        var colon = nodeId.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && colon < nodeId.Length - 1;
    }

    private static string? Hash(string kind, string? hash) =>
        string.IsNullOrWhiteSpace(hash) ? null : $"{kind}:{hash.Trim().ToLowerInvariant()}";
}

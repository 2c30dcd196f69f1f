using System.Globalization;

namespace Unmask.Domain.Identifiers;

/// <summary>An e-mail address, lower-cased; <see cref="Canonical"/> also applies provider rules (Gmail ignores dots and +tags).</summary>
public sealed record EmailAddress(string Value)
{
    private static readonly HashSet<string> DotlessProviders = new(StringComparer.Ordinal) { "gmail.com", "googlemail.com" };
    private static readonly IdnMapping Idn = new();

    public string LocalPart => Value[..Value.IndexOf('@', StringComparison.Ordinal)];
    public string DomainPart => Value[(Value.IndexOf('@', StringComparison.Ordinal) + 1)..];

    /// <summary>The form used to compare addresses: Gmail dots and <c>+tags</c> removed, googlemail.com folded into gmail.com.</summary>
    public string Canonical
    {
        get
        {
            var local = LocalPart;
            var domain = DomainPart == "googlemail.com" ? "gmail.com" : DomainPart;
            var plus = local.IndexOf('+', StringComparison.Ordinal);
            if (plus > 0)
            {
                local = local[..plus];
            }
            if (DotlessProviders.Contains(domain))
            {
                local = local.Replace(".", "", StringComparison.Ordinal);
            }
            return $"{local}@{domain}";
        }
    }

    public static bool TryParse(string? text, out EmailAddress email)
    {
        email = null!;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 320)
        {
            return false;
        }
        var value = text.Trim().Trim('<', '>', '.', ',', ';').Replace("[.]", ".", StringComparison.Ordinal)
            .Replace("[@]", "@", StringComparison.Ordinal).Replace("(at)", "@", StringComparison.Ordinal);
        if (value.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            value = value[7..];
        }
        var at = value.LastIndexOf('@');
        if (at <= 0 || at == value.Length - 1 || value.IndexOf('@', StringComparison.Ordinal) != at)
        {
            return false;
        }
        var local = value[..at];
        if (local.Any(c => char.IsWhiteSpace(c) || c is '<' or '>' or '(' or ')' or ',' or ';' or ':' or '"'))
        {
            return false;
        }
        if (!DomainName.TryParse(value[(at + 1)..], out var domain) || !domain.Value.Contains('.', StringComparison.Ordinal))
        {
            return false;
        }
        email = new EmailAddress($"{local.ToLowerInvariant()}@{domain.Value}");
        _ = Idn;
        return true;
    }

    public override string ToString() => Value;
}

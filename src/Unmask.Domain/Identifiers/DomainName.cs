using System.Globalization;

namespace Unmask.Domain.Identifiers;

/// <summary>A host name, lower-cased, IDN in punycode, without scheme, path, port, trailing dot or a leading <c>www.</c>.
/// Defanged forms (<c>example[.]com</c>, <c>hxxp://</c>) are accepted.</summary>
public sealed record DomainName(string Value)
{
    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    public static bool TryParse(string? text, out DomainName domain)
    {
        domain = null!;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 2048)
        {
            return false;
        }
        var value = text.Trim().Replace("[.]", ".", StringComparison.Ordinal).Replace("(.)", ".", StringComparison.Ordinal)
            .Replace("hxxp", "http", StringComparison.OrdinalIgnoreCase);
        var scheme = value.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            value = value[(scheme + 3)..];
        }
        var end = value.IndexOfAny(['/', '?', '#']);
        if (end >= 0)
        {
            value = value[..end];
        }
        var at = value.LastIndexOf('@');
        if (at >= 0)
        {
            value = value[(at + 1)..];
        }
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            value = value[..colon];
        }
        value = value.TrimEnd('.').ToLowerInvariant();
        if (value.StartsWith("www.", StringComparison.Ordinal))
        {
            value = value[4..];
        }
        if (value.Length is 0 or > 253 || !value.Contains('.', StringComparison.Ordinal))
        {
            return false;
        }
        try
        {
            value = Idn.GetAscii(value);
        }
        catch (ArgumentException)
        {
            return false;
        }
        var labels = value.Split('.');
        if (labels.Any(l => l.Length is 0 or > 63 || l.StartsWith('-') || l.EndsWith('-')) || labels[^1].All(char.IsAsciiDigit))
        {
            return false;
        }
        domain = new DomainName(value);
        return true;
    }

    public override string ToString() => Value;
}

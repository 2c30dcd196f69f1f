using System.Reflection;

namespace Unmask.WebsiteAnalysis.Domains;

/// <summary>Registrable domain ("eTLD+1") from the Mozilla Public Suffix List (vendored, MPL-2.0), with the list's
/// wildcard (<c>*.ck</c>) and exception (<c>!www.ck</c>) rules. Unknown TLDs fall back to the implicit <c>*</c> rule.</summary>
public sealed class PublicSuffix
{
    private readonly HashSet<string> _rules;
    private readonly HashSet<string> _wildcards;
    private readonly HashSet<string> _exceptions;

    private PublicSuffix(HashSet<string> rules, HashSet<string> wildcards, HashSet<string> exceptions)
    {
        _rules = rules;
        _wildcards = wildcards;
        _exceptions = exceptions;
    }

    public static PublicSuffix Default { get; } = LoadEmbedded();

    public static PublicSuffix Parse(TextReader reader)
    {
        var rules = new HashSet<string>(StringComparer.Ordinal);
        var wildcards = new HashSet<string>(StringComparer.Ordinal);
        var exceptions = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var rule = line.Trim();
            if (rule.Length == 0 || rule.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }
            var space = rule.IndexOfAny([' ', '\t']);
            if (space > 0)
            {
                rule = rule[..space];
            }
            rule = ToAscii(rule.ToLowerInvariant());
            if (rule.StartsWith('!'))
            {
                exceptions.Add(rule[1..]);
            }
            else if (rule.StartsWith("*.", StringComparison.Ordinal))
            {
                wildcards.Add(rule[2..]);
            }
            else
            {
                rules.Add(rule);
            }
        }
        return new PublicSuffix(rules, wildcards, exceptions);
    }

    /// <summary>The public suffix of a host (<c>co.uk</c> for <c>www.acme.co.uk</c>).</summary>
    public string SuffixOf(string host)
    {
        var labels = host.Trim('.').ToLowerInvariant().Split('.');
        for (var i = 0; i < labels.Length; i++)
        {
            var candidate = string.Join('.', labels[i..]);
            if (_exceptions.Contains(candidate))
            {
                return string.Join('.', labels[(i + 1)..]);
            }
            if (_rules.Contains(candidate))
            {
                return candidate;
            }
            if (i + 1 < labels.Length && _wildcards.Contains(string.Join('.', labels[(i + 1)..])))
            {
                return candidate;
            }
        }
        return labels[^1];
    }

    /// <summary>The registrable domain (<c>acme.co.uk</c> for <c>www.shop.acme.co.uk</c>), or null for a bare suffix or an IP.</summary>
    public string? RegistrableDomain(string? host)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            return null;
        }
        var clean = ToAscii(host.Trim().TrimEnd('.').ToLowerInvariant());
        if (clean.Length == 0 || System.Net.IPAddress.TryParse(clean, out _) || !clean.Contains('.', StringComparison.Ordinal))
        {
            return null;
        }
        var suffix = SuffixOf(clean);
        if (clean.Length <= suffix.Length)
        {
            return null;
        }
        var rest = clean[..(clean.Length - suffix.Length - 1)];
        var dot = rest.LastIndexOf('.');
        return (dot < 0 ? rest : rest[(dot + 1)..]) + "." + suffix;
    }

    private static string ToAscii(string host)
    {
        if (host.All(char.IsAscii))
        {
            return host;
        }
        try
        {
            return new System.Globalization.IdnMapping().GetAscii(host.TrimStart('!', '*', '.')) is var ascii
                ? host[..(host.Length - host.TrimStart('!', '*', '.').Length)] + ascii
                : host;
        }
        catch (ArgumentException)
        {
            return host;
        }
    }

    private static PublicSuffix LoadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Unmask.WebsiteAnalysis.public_suffix_list.dat")
            ?? throw new InvalidOperationException("embedded public_suffix_list.dat missing");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }
}

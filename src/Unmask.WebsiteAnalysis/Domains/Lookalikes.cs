using System.Globalization;
using System.Text;

namespace Unmask.WebsiteAnalysis.Domains;

/// <summary>Why a domain looks like another: <c>tld_swap</c> (acme.com / acme.net), <c>homoglyph</c> (acme / acrne, аcme in Cyrillic),
/// <c>typo</c> (one edit: insertion, deletion, substitution or transposition), <c>added_words</c> (acme.com / acme-consulting-llc.com).</summary>
public sealed record LookalikeMatch(string Domain, string LooksLike, string Kind, string Explanation);

/// <summary>A domain split for look-alike comparison: its label under the public suffix, that label's confusable skeleton, and the
/// label without hyphens.</summary>
public sealed record LookalikeDomain(string Domain, string Label, string Suffix, string Skeleton, string Plain);

public static class Lookalikes
{
    public static LookalikeMatch? Compare(string candidate, string original, PublicSuffix? suffixes = null)
    {
        suffixes ??= PublicSuffix.Default;
        return Compare(Prepare(candidate, suffixes), Prepare(original, suffixes));
    }

    /// <summary>The parts of a domain that comparisons use, computed once (an index compares one domain with every reference).</summary>
    public static LookalikeDomain Prepare(string domain, PublicSuffix? suffixes = null)
    {
        var (label, suffix) = Split(domain, suffixes ?? PublicSuffix.Default);
        return new LookalikeDomain(domain, label, suffix, Skeleton(Unicode(label)), label.Replace("-", "", StringComparison.Ordinal));
    }

    public static LookalikeMatch? Compare(LookalikeDomain candidate, LookalikeDomain original)
    {
        if (candidate.Domain.Equals(original.Domain, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var (candidateName, originalName) = (candidate.Domain, original.Domain);
        if (candidate.Label.Length < 3 || original.Label.Length < 4)
        {
            return null;
        }
        if (candidate.Label == original.Label)
        {
            return new(candidateName, originalName, "tld_swap", $"{candidateName} is {originalName} under .{candidate.Suffix} instead of .{original.Suffix}");
        }
        if (candidate.Skeleton == original.Skeleton)
        {
            return new(candidateName, originalName, "homoglyph", $"{candidateName} reads as {originalName} (look-alike characters)");
        }
        if (original.Plain.Length >= 5 && IsOneEditApart(candidate.Plain, original.Plain))
        {
            return new(candidateName, originalName, "typo", $"{candidateName} is one keystroke away from {originalName}");
        }
        if (original.Plain.Length >= 5 && candidate.Plain.Length > original.Plain.Length + 1 && candidate.Plain.Contains(original.Plain, StringComparison.Ordinal))
        {
            return new(candidateName, originalName, "added_words", $"{candidateName} is {originalName} with added words");
        }
        return null;
    }

    /// <summary>True when the Damerau-Levenshtein distance (adjacent transpositions) is exactly 1, without building the matrix.</summary>
    public static bool IsOneEditApart(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1 || a == b)
        {
            return false;
        }
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }
        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[a.Length - 1 - suffix] == b[b.Length - 1 - suffix])
        {
            suffix++;
        }
        var restA = a.Length - prefix - suffix;
        var restB = b.Length - prefix - suffix;
        if (restA + restB == 1 || (restA == 1 && restB == 1))
        {
            return true; // one insertion/deletion, or one substitution
        }
        return restA == 2 && restB == 2 && a[prefix] == b[prefix + 1] && a[prefix + 1] == b[prefix];
    }

    private static (string Label, string Suffix) Split(string domain, PublicSuffix suffixes)
    {
        var lower = domain.ToLowerInvariant();
        var suffix = suffixes.SuffixOf(lower);
        var label = lower.Length > suffix.Length + 1 ? lower[..(lower.Length - suffix.Length - 1)] : lower;
        var dot = label.LastIndexOf('.');
        return (dot >= 0 ? label[(dot + 1)..] : label, suffix);
    }

    private static string Unicode(string label)
    {
        try
        {
            return label.StartsWith("xn--", StringComparison.Ordinal) ? new IdnMapping().GetUnicode(label) : label;
        }
        catch (ArgumentException)
        {
            return label;
        }
    }

    /// <summary>Folds characters that look alike (Unicode TR39 confusables, the common subset) to one form.</summary>
    public static string Skeleton(string label)
    {
        var folded = new StringBuilder(label.Length);
        foreach (var c in label.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            folded.Append(c switch
            {
                '0' or 'о' or 'ο' => 'o',
                '1' or 'l' or 'I' or 'і' or 'ӏ' or '|' => 'l',
                'а' => 'a',
                'е' => 'e',
                'р' => 'p',
                'с' => 'c',
                'х' => 'x',
                'у' => 'y',
                'ѕ' => 's',
                'ј' => 'j',
                '5' => 's',
                '3' => 'e',
                _ => char.ToLowerInvariant(c),
            });
        }
        return folded.ToString().Replace("rn", "m", StringComparison.Ordinal).Replace("vv", "w", StringComparison.Ordinal)
            .Replace("cl", "d", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
    }

    public static int DamerauLevenshtein(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}

using System.Globalization;
using System.Text;

namespace Unmask.WebsiteAnalysis.Domains;

/// <summary>Why a domain looks like another: <c>tld_swap</c> (acme.com / acme.net), <c>homoglyph</c> (acme / acrne, аcme in Cyrillic),
/// <c>typo</c> (one edit: insertion, deletion, substitution or transposition), <c>added_words</c> (acme.com / acme-consulting-llc.com).</summary>
public sealed record LookalikeMatch(string Domain, string LooksLike, string Kind, string Explanation);

public static class Lookalikes
{
    public static LookalikeMatch? Compare(string candidate, string original, PublicSuffix? suffixes = null)
    {
        suffixes ??= PublicSuffix.Default;
        if (candidate.Equals(original, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var (candidateLabel, candidateSuffix) = Split(candidate, suffixes);
        var (originalLabel, originalSuffix) = Split(original, suffixes);
        if (candidateLabel.Length < 3 || originalLabel.Length < 4)
        {
            return null;
        }
        if (candidateLabel == originalLabel)
        {
            return new(candidate, original, "tld_swap", $"{candidate} is {original} under .{candidateSuffix} instead of .{originalSuffix}");
        }
        var candidateSkeleton = Skeleton(Unicode(candidateLabel));
        var originalSkeleton = Skeleton(Unicode(originalLabel));
        if (candidateSkeleton == originalSkeleton)
        {
            return new(candidate, original, "homoglyph", $"{candidate} reads as {original} (look-alike characters)");
        }
        var plainCandidate = candidateLabel.Replace("-", "", StringComparison.Ordinal);
        var plainOriginal = originalLabel.Replace("-", "", StringComparison.Ordinal);
        if (plainOriginal.Length >= 5 && DamerauLevenshtein(plainCandidate, plainOriginal) == 1)
        {
            return new(candidate, original, "typo", $"{candidate} is one keystroke away from {original}");
        }
        if (plainOriginal.Length >= 5 && plainCandidate.Length > plainOriginal.Length + 1 && plainCandidate.Contains(plainOriginal, StringComparison.Ordinal))
        {
            return new(candidate, original, "added_words", $"{candidate} is {original} with added words");
        }
        return null;
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

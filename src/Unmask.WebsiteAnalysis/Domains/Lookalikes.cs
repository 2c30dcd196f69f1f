using System.Globalization;
using System.Text;

namespace Unmask.WebsiteAnalysis.Domains;

/// <summary>Why a domain looks like another. <see cref="Kind"/> is one of <c>tld_swap</c> (acme.com / acme.net), <c>homoglyph</c>
/// (acrne, аcme in Cyrillic, ácme, acne), <c>hyphenation</c> (ac-me), <c>typo</c> (one character inserted, left out, replaced,
/// doubled or two swapped), <c>plural</c> (acmes, acmees), <c>added_words</c> (acme-careers, secure-acme, acmecom) or
/// <c>subdomain</c> (acme.other.com, acme-com.other.net, ac.me.com).</summary>
/// <param name="Domain">The look-alike, as given (ASCII, punycode for IDN).</param>
/// <param name="LooksLike">The domain it imitates.</param>
public sealed record LookalikeMatch(string Domain, string LooksLike, string Kind, string Explanation);

/// <summary>A host prepared for look-alike comparison (an index compares one host with every reference, so this is done once).</summary>
/// <param name="Domain">The host, lower-case ASCII (IDN in punycode), without a leading <c>www.</c>.</param>
/// <param name="Registrable">Its registrable domain (public suffix list).</param>
/// <param name="Label">The label left of the public suffix, in Unicode (<c>аcme</c> for <c>xn--cme-8cd.com</c>).</param>
/// <param name="SubLabels">The labels left of <see cref="Label"/>, in Unicode, as they come in the host.</param>
/// <param name="Skeleton">The label's look-alike form without hyphens (<see cref="Confusables.LabelSkeleton"/>).</param>
/// <param name="Letters">The same without folding letter pairs (rn, nn, vv, cl, lc stay two letters), for edit distances.</param>
/// <param name="IsWord">The label is a plain English word (<see cref="EnglishWords"/>).</param>
public sealed record LookalikeDomain(string Domain, string Registrable, string Suffix, string Label, IReadOnlyList<string> SubLabels,
    string Skeleton, string Letters, bool IsWord)
{
    /// <summary>The label without hyphens.</summary>
    public string Plain => Label.Replace("-", "", StringComparison.Ordinal);

    /// <summary>The host in Unicode, as a browser shows it.</summary>
    public string Shown => string.Join('.', [.. SubLabels, Label, Suffix]);
}

/// <summary>Look-alike domains: the ways dnstwist's fuzzers and real squatters derive a domain from a firm's (homoglyphs by the
/// Unicode TR39 confusables skeleton, typos, plurals, hyphens, added words, TLD swaps, the brand in a subdomain). Compared in
/// Unicode, so one swapped character is one character, not a different punycode string.
/// Names that are short (≤ 4 letters) or plain English words on either side need exact evidence (the same skeleton, or the
/// whole brand as a subdomain): <c>blank.com</c> is one letter from <c>dlank.com</c>, and that alone says nothing.</summary>
public static class Lookalikes
{
    // Words squatters put beside a brand in place of one part of a hyphenated name (acme-corp → acme-login, careers-corp).
    // Common lure words of phishing and front-company domains (the kind dnstwist's dictionaries/english.dict lists).
    private static readonly HashSet<string> LureWords = new(StringComparer.Ordinal)
    {
        "account", "accounts", "admin", "app", "apply", "auth", "billing", "careers", "cloud", "connect", "corp", "crm", "group",
        "help", "helpdesk", "hire", "hiring", "home", "hr", "inc", "info", "invoice", "it", "jobs", "llc", "login", "mail",
        "my", "net", "online", "pay", "payroll", "portal", "recruit", "recruiting", "remote", "secure", "security", "service",
        "services", "signin", "sso", "staff", "support", "team", "tech", "update", "verify", "vpn", "web", "work",
    };

    public static LookalikeMatch? Compare(string candidate, string original, PublicSuffix? suffixes = null)
    {
        suffixes ??= PublicSuffix.Default;
        return Compare(Prepare(candidate, suffixes), Prepare(original, suffixes));
    }

    public static LookalikeDomain Prepare(string host, PublicSuffix? suffixes = null)
    {
        suffixes ??= PublicSuffix.Default;
        var ascii = Ascii(host.Trim().TrimEnd('.').ToLowerInvariant());
        if (ascii.StartsWith("www.", StringComparison.Ordinal) && ascii.Count(c => c == '.') > 1)
        {
            ascii = ascii[4..];
        }
        var suffix = suffixes.SuffixOf(ascii);
        var rest = ascii.Length > suffix.Length + 1 ? ascii[..(ascii.Length - suffix.Length - 1)] : ascii;
        var labels = rest.Split('.').Select(UnicodeLabel).ToList();
        var label = labels[^1];
        var plain = label.Replace("-", "", StringComparison.Ordinal);
        return new LookalikeDomain(ascii, $"{Ascii(labels[^1])}.{suffix}", suffix, label, labels[..^1], SkeletonOf(label), LettersOf(label),
            plain.All(char.IsAsciiLetterLower) && EnglishWords.Contains(plain));
    }

    /// <summary>Whether <paramref name="candidate"/> imitates <paramref name="original"/>, and how; null when it does not or
    /// when both are the same registrable domain (a firm's own subdomains are its own).</summary>
    public static LookalikeMatch? Compare(LookalikeDomain candidate, LookalikeDomain original)
    {
        if (candidate.Registrable == original.Registrable || candidate.Skeleton.Length == 0 || original.Skeleton.Length == 0)
        {
            return null;
        }
        var shortOrWord = original.Plain.Length <= 4 || original.IsWord;
        if (LabelMatch(candidate.Label, candidate.Skeleton, candidate.Letters, original, shortOrWord || candidate.IsWord) is { } found)
        {
            return Match(candidate, original, found.Kind, found.Detail);
        }
        foreach (var sub in candidate.SubLabels)
        {
            var skeleton = SkeletonOf(sub);
            if (skeleton == original.Skeleton || sub.Split('-').Any(part => SkeletonOf(part) == original.Skeleton)
                || (!shortOrWord && original.Skeleton.Length >= 5 && skeleton.Contains(original.Skeleton, StringComparison.Ordinal)))
            {
                return Match(candidate, original, "subdomain", $"{Quote(sub)} left of {candidate.Registrable}");
            }
        }
        var suffixLabels = candidate.Suffix.Split('.')[..^1];
        if (candidate.SubLabels.Count > 0 || suffixLabels.Length > 0)
        {
            // dnstwist's subdomain fuzzer splits the name with a dot (ac.me.com, or cobaltme.sa.com where sa.com is a public
            // suffix): read the labels together.
            var joined = string.Concat([.. candidate.SubLabels, candidate.Label, .. suffixLabels]);
            var plain = joined.Replace("-", "", StringComparison.Ordinal);
            var words = plain.All(char.IsAsciiLetterLower) && EnglishWords.Contains(plain);
            if (LabelMatch(joined, SkeletonOf(joined), LettersOf(joined), original, shortOrWord || words) is { } split)
            {
                var detail = split.Kind == "same" ? "" : $", then {KindText(split.Kind)} {split.Detail}";
                return Match(candidate, original, "subdomain", $"'{original.Label}' split by a dot{detail}");
            }
        }
        return null;
    }

    private static (string Kind, string Detail)? LabelMatch(string label, string skeleton, string letters, LookalikeDomain original, bool needsExact)
    {
        var plain = label.Replace("-", "", StringComparison.Ordinal);
        if (plain == original.Plain)
        {
            if (label == original.Label)
            {
                return needsExact ? null : ("same", "");
            }
            return ("hyphenation", Difference(label, original.Label));
        }
        if (skeleton == original.Skeleton)
        {
            return ("homoglyph", Difference(plain, original.Plain));
        }
        if (needsExact)
        {
            return null;
        }
        if (IsPlural(plain, original.Plain))
        {
            return ("plural", Difference(plain, original.Plain));
        }
        if (original.Skeleton.Length < 5)
        {
            return null;
        }
        if (IsOneEditApart(plain, original.Plain) || IsOneEditApart(skeleton, original.Skeleton) || IsOneEditApart(letters, original.Letters))
        {
            return ("typo", Difference(plain, original.Plain));
        }
        var loose = Loose(letters);
        var looseOriginal = Loose(original.Letters);
        if (loose == looseOriginal || IsOneEditApart(loose, looseOriginal))
        {
            return ("homoglyph", Difference(plain, original.Plain));
        }
        if ((skeleton.Length >= original.Skeleton.Length + 2 && skeleton.Contains(original.Skeleton, StringComparison.Ordinal))
            || (letters.Length >= original.Letters.Length + 2 && letters.Contains(original.Letters, StringComparison.Ordinal)))
        {
            return ("added_words", Difference(label, original.Label));
        }
        if (PartSwapped(label, original) is { } part)
        {
            return ("added_words", part);
        }
        return null;
    }

    /// <summary>Keys under which an index files a domain as a possible original (<see cref="LookalikeIndex"/>): its forms and
    /// their one-deletion variants (two strings one edit apart share one), and its name without the first or last hyphen part.</summary>
    internal static IEnumerable<string> IndexKeys(LookalikeDomain original)
    {
        foreach (var form in new[] { original.Plain, original.Skeleton, original.Letters, Loose(original.Letters) })
        {
            yield return form;
            foreach (var deletion in Deletions(form))
            {
                yield return deletion;
            }
        }
        foreach (var kept in KeptParts(original.Label))
        {
            yield return "part:" + kept;
        }
    }

    /// <summary>Keys a host is looked up under to find the originals it may imitate; every pair <see cref="Compare(LookalikeDomain, LookalikeDomain)"/>
    /// matches shares one of these with one of <see cref="IndexKeys"/>.</summary>
    internal static IEnumerable<string> ProbeKeys(LookalikeDomain candidate)
    {
        var suffixLabels = candidate.Suffix.Split('.')[..^1];
        var names = new List<string> { candidate.Label, string.Concat([.. candidate.SubLabels, candidate.Label, .. suffixLabels]) };
        names.AddRange(candidate.SubLabels.SelectMany(s => s.Split('-').Prepend(s)));
        foreach (var name in names)
        {
            var skeleton = SkeletonOf(name);
            var letters = LettersOf(name);
            foreach (var form in new[] { name.Replace("-", "", StringComparison.Ordinal), skeleton, letters, Loose(letters) })
            {
                yield return form;
                foreach (var deletion in Deletions(form))
                {
                    yield return deletion;
                }
            }
            foreach (var form in new[] { skeleton, letters })
            {
                for (var start = 0; start < form.Length; start++)
                {
                    for (var length = 5; start + length <= form.Length; length++)
                    {
                        yield return form.Substring(start, length);
                    }
                }
                for (var at = form.IndexOf("es", StringComparison.Ordinal); at >= 0; at = form.IndexOf("es", at + 1, StringComparison.Ordinal))
                {
                    yield return form.Remove(at, 2);
                }
            }
        }
        foreach (var kept in KeptParts(candidate.Label))
        {
            yield return "part:" + kept;
        }
    }

    private static IEnumerable<string> Deletions(string form) => Enumerable.Range(0, form.Length).Select(i => form.Remove(i, 1));

    private static IEnumerable<string> KeptParts(string label)
    {
        var parts = label.Split('-');
        return parts.Length < 2 ? [] : [string.Join('-', parts[1..]), string.Join('-', parts[..^1]) + "-"];
    }

    /// <summary>-s or -es added at the end, or after any letter from the third on as dnstwist's plural fuzzer does.</summary>
    private static bool IsPlural(string plain, string original)
    {
        if (plain.Length == original.Length + 1)
        {
            return plain.EndsWith('s') && plain.StartsWith(original, StringComparison.Ordinal);
        }
        if (plain.Length != original.Length + 2)
        {
            return false;
        }
        for (var i = 1; i < plain.Length - 1; i++)
        {
            if (plain[i] == 'e' && plain[i + 1] == 's' && string.Concat(plain.AsSpan(0, i), plain.AsSpan(i + 2)) == original)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>One part of a hyphenated name replaced by a word (acme-corp → acme-login, login-corp). The kept parts must be
    /// a name of their own (not a plain word) unless the new part is a lure word.</summary>
    private static string? PartSwapped(string label, LookalikeDomain original)
    {
        var parts = label.Split('-');
        var originalParts = original.Label.Split('-');
        if (parts.Length != originalParts.Length || parts.Length < 2)
        {
            return null;
        }
        foreach (var swapped in new[] { 0, parts.Length - 1 })
        {
            var kept = string.Concat(parts.Where((_, i) => i != swapped));
            var same = parts.Where((_, i) => i != swapped).SequenceEqual(originalParts.Where((_, i) => i != swapped));
            var word = parts[swapped];
            if (same && word != originalParts[swapped] && kept.Length >= 5
                && (LureWords.Contains(word) || (EnglishWords.Contains(word) && !EnglishWords.Contains(kept))))
            {
                return $"'{word}' for '{originalParts[swapped]}'";
            }
        }
        return null;
    }

    /// <summary>Folds ASCII letters that pass for each other at a glance (dnstwist's ASCII homoglyphs: i/l, b/d, c/e, g/q, u/v,
    /// m/n/r, 3/8, 6/9; lb for b, lh for h), so two such swaps leave at most one edit. Used only for names of 5+ letters that
    /// are not words.</summary>
    private static string Loose(string letters)
    {
        var folded = new StringBuilder(letters.Length);
        foreach (var c in letters.Replace("lb", "b", StringComparison.Ordinal).Replace("lh", "h", StringComparison.Ordinal))
        {
            var fold = c switch
            {
                'i' => 'l',
                'd' => 'b',
                'e' => 'c',
                'q' => 'g',
                'v' => 'u',
                'r' or 'm' => 'n',
                '8' => '3',
                '9' => '6',
                _ => c,
            };
            if (!(fold == 'n' && folded.Length > 0 && folded[^1] == 'n'))
            {
                folded.Append(fold);
            }
        }
        return folded.ToString();
    }

    private static LookalikeMatch Match(LookalikeDomain candidate, LookalikeDomain original, string kind, string detail)
    {
        var shown = candidate.Shown;
        var punycode = shown != candidate.Domain ? $" (punycode {candidate.Domain})" : "";
        var how = kind == "same" ? $"TLD swap, .{candidate.Suffix} for .{original.Suffix}" : $"{KindText(kind)} {detail}";
        return new LookalikeMatch(candidate.Domain, original.Domain, kind == "same" ? "tld_swap" : kind,
            $"{shown} is a look-alike of {original.Shown}: {how}{punycode}");
    }

    private static string KindText(string kind) => kind switch
    {
        "added_words" => "added words",
        "subdomain" => "brand in a subdomain,",
        _ => kind,
    };

    /// <summary>What differs between the two names once their common start and end are set aside: "'rn' for 'm'".</summary>
    private static string Difference(string candidate, string original)
    {
        var prefix = 0;
        while (prefix < candidate.Length && prefix < original.Length && candidate[prefix] == original[prefix])
        {
            prefix++;
        }
        var suffix = 0;
        while (suffix < candidate.Length - prefix && suffix < original.Length - prefix
            && candidate[candidate.Length - 1 - suffix] == original[original.Length - 1 - suffix])
        {
            suffix++;
        }
        var added = candidate[prefix..(candidate.Length - suffix)];
        var removed = original[prefix..(original.Length - suffix)];
        return (added.Length, removed.Length) switch
        {
            (_, 0) => $"{Quote(added)} added",
            (0, _) => $"'{removed}' left out",
            _ => $"{Quote(added)} for '{removed}'",
        };
    }

    /// <summary>The text quoted, with the code points of any non-ASCII character (Cyrillic а reads like Latin a).</summary>
    private static string Quote(string text) =>
        text.All(char.IsAscii) ? $"'{text}'"
            : $"'{text}' ({string.Join(' ', text.EnumerateRunes().Where(r => r.Value > 0x7F).Select(r => $"U+{r.Value:X4}"))})";

    private static string SkeletonOf(string label) => Confusables.LabelSkeleton(label).Replace("-", "", StringComparison.Ordinal);

    private static string LettersOf(string label) => Confusables.LabelSkeleton(label, pairs: false).Replace("-", "", StringComparison.Ordinal);

    private static string UnicodeLabel(string label)
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

    private static string Ascii(string host)
    {
        if (host.All(char.IsAscii))
        {
            return host;
        }
        try
        {
            return new IdnMapping().GetAscii(host);
        }
        catch (ArgumentException)
        {
            return host;
        }
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

namespace Unmask.Vetting.Normalisation;

/// <summary>Token-set similarity of names and company names after folding accents and dropping legal-form words.</summary>
public static class NameSimilarity
{
    // Legal forms and filler words that do not identify a company (INDICATORS.md EMPLOYER_KNOWN_FRONT: "after removing
    // Co., Ltd, LLC, LTD, Network Technology").
    private static readonly HashSet<string> LegalWords = new(StringComparer.Ordinal)
    {
        "co", "company", "ltd", "limited", "llc", "lc", "inc", "incorporated", "corp", "corporation", "gmbh", "ag", "sa", "sas", "sarl",
        "srl", "spa", "bv", "nv", "plc", "pty", "pte", "oy", "ab", "as", "kk", "kft", "sro", "zoo", "ooo", "oao", "zao", "llp", "lp",
        "the", "and", "of", "network", "technology", "technologies", "tech", "group", "holding", "holdings", "trading", "intl",
        "international", "services", "service", "solutions", "jsc", "pvt", "private", "sdn", "bhd",
    };

    /// <summary>Folded tokens with legal-form words removed; falls back to all tokens when nothing else is left.</summary>
    public static string[] CompanyTokens(string? name)
    {
        var tokens = MergeInitials(TextFold.Tokens(name));
        var kept = tokens.Where(t => !LegalWords.Contains(t)).ToArray();
        return kept.Length > 0 ? kept : tokens;
    }

    /// <summary>Runs of single letters are one token: "L.L.C." → "llc", "A B C Trading" → "abc trading".</summary>
    private static string[] MergeInitials(string[] tokens)
    {
        var result = new List<string>(tokens.Length);
        var run = "";
        foreach (var token in tokens)
        {
            if (token.Length == 1)
            {
                run += token;
                continue;
            }
            if (run.Length > 0)
            {
                result.Add(run);
                run = "";
            }
            result.Add(token);
        }
        if (run.Length > 0)
        {
            result.Add(run);
        }
        return result.ToArray();
    }

    /// <summary>Similarity of two company names in [0,1]: shared tokens over the larger token set, with tokens equal when
    /// their edit distance is at most one per six letters. "Shenyang Tonywang Technology LTD" = "Shenyang TonyWang" (1.0).
    /// A single-token name against a multi-token one counts the joined form too ("HopanaTech" = "Hopana Tech").</summary>
    public static double Company(string? a, string? b) => TokenSet(CompanyTokens(a), CompanyTokens(b));

    /// <summary>Similarity of two person names in [0,1]: shared tokens over the smaller set ("Jane A. Doe" = "Jane Doe"),
    /// an initial matches a token with the same first letter. Single letters alone never make a match.</summary>
    public static double Person(string? a, string? b)
    {
        var ta = TextFold.Tokens(a);
        var tb = TextFold.Tokens(b);
        if (ta.Length == 0 || tb.Length == 0)
        {
            return 0;
        }
        if (NameKey.SameIdentity(a, b))
        {
            return 1;
        }
        var (small, large) = ta.Length <= tb.Length ? (ta, tb) : (tb, ta);
        var used = new bool[large.Length];
        var matched = 0.0;
        var fullMatches = 0;
        foreach (var token in small)
        {
            for (var i = 0; i < large.Length; i++)
            {
                if (used[i])
                {
                    continue;
                }
                var other = large[i];
                if (token.Length > 1 && other.Length > 1 && TokensEqual(token, other))
                {
                    used[i] = true;
                    matched += 1;
                    fullMatches++;
                    break;
                }
                if ((token.Length == 1 || other.Length == 1) && token[0] == other[0])
                {
                    used[i] = true;
                    matched += 1;
                    break;
                }
            }
        }
        return fullMatches == 0 ? 0 : matched / small.Length;
    }

    public static double TokenSet(string[] a, string[] b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }
        var joinedA = string.Concat(a);
        var joinedB = string.Concat(b);
        if (joinedA == joinedB)
        {
            return 1;
        }
        var used = new bool[b.Length];
        var shared = 0;
        foreach (var token in a)
        {
            for (var i = 0; i < b.Length; i++)
            {
                if (!used[i] && TokensEqual(token, b[i]))
                {
                    used[i] = true;
                    shared++;
                    break;
                }
            }
        }
        return (double)shared / Math.Max(a.Length, b.Length);
    }

    public static bool TokensEqual(string a, string b)
    {
        if (a == b)
        {
            return true;
        }
        var allowed = Math.Min(a.Length, b.Length) / 6;
        return allowed > 0 && Math.Abs(a.Length - b.Length) <= allowed && Levenshtein(a, b, allowed) <= allowed;
    }

    private static int Levenshtein(string a, string b, int max)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.Min(rowMin, current[j]);
            }
            if (rowMin > max)
            {
                return max + 1;
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}

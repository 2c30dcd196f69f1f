using Unmask.Screening.Names;

namespace Unmask.Screening.Scoring;

/// <summary>How two aligned tokens were found alike, for the explanation.</summary>
public enum TokenMatchKind
{
    Exact,
    SurnameVariant,
    Romanisation,
    Transliteration,
    Typo,
    Merged,
    Equivalent,
}

/// <summary>One aligned unit: query tokens [QueryStart..QueryStart+QueryCount) with candidate tokens likewise.</summary>
public readonly record struct TokenAlignment(int QueryStart, int QueryCount, int CandidateStart, int CandidateCount, double Similarity, TokenMatchKind Kind);

/// <summary>The result of comparing two name readings.</summary>
public sealed record NameComparison(double Score, NameVariant Query, NameVariant Candidate, IReadOnlyList<TokenAlignment> Aligned)
{
    public bool Reordered
    {
        get
        {
            for (var i = 1; i < Aligned.Count; i++)
            {
                var previous = Aligned.Where(a => a.QueryStart < Aligned[i].QueryStart).DefaultIfEmpty().MaxBy(a => a.QueryStart);
                if (previous != default && previous.CandidateStart > Aligned[i].CandidateStart)
                {
                    return true;
                }
            }
            return false;
        }
    }
}

/// <summary>
/// Name similarity: tokens are aligned one to one regardless of order (greedy on similarity), a token may also meet two
/// adjacent tokens of the other name written as one (Jongun / Jong Un, Silverstar / Silver Star), and the score is the
/// weighted share of both names' tokens that found a partner. Weights are the tokens' rarity, so a shared "KIM" counts
/// little and a shared "SOBAEKSU" much; unmatched list-side tokens count at <see cref="CandidateSideWeight"/> of their weight
/// (a list name often carries a middle name or a legal form the query leaves out).
/// </summary>
public static class NameMatcher
{
    public const double CandidateSideWeight = 0.6;

    /// <summary>Share of the weight of words unmatched on both sides that is taken off the earned weight.</summary>
    public const double MismatchPenalty = 1.6;

    /// <summary>Cap of a name score when none of the list name's rarity mass is matched; all of it matched lifts the cap to 1.
    /// Rarity mass is the squared token weight, so one rare word outweighs several common ones (KOREA, TRADING).</summary>
    public const double CoverageFloor = 0.4;

    /// <summary>Cap of a name score when father and son change places around BIN / IBN (see <see cref="NasabInverted"/>).</summary>
    public const double InvertedLineageCap = 0.6;

    /// <summary>Share of an initial's credit taken back when the list name keeps a written-out word the query did not meet.</summary>
    public const double InitialBesideUnmatchedShare = 0.5;

    /// <summary>Cap of a name score when only initials met their words.</summary>
    public const double InitialsOnlyCap = 0.5;

    /// <summary>Cap of a name score when both names are Korean or Chinese (a surname and name syllables) and a syllable on
    /// either side found no partner: the given name is one unit, so Park Min-jun is not PAK TO CHUN, Kim Sang-kyu is not
    /// KIM KYU and Chen Ping is not CHEN Bing Shen.</summary>
    public const double EastAsianSyllableCap = 0.65;

    /// <summary>Cap of a name score when a list name of one word (an alias, a vessel) meets a query that has other words of
    /// its own: "Noah Hassan" is not the vessel NOAH.</summary>
    public const double SingleWordCap = 0.65;

    /// <summary>Cap of a name score when every matched query word is generic (trading, bank, Korea) and either name has
    /// words the other did not meet: "Korea Trading Corporation" names no particular firm, and "Myanmar Economic Association"
    /// is not MYANMAR ECONOMIC CORPORATION.</summary>
    public const double GenericOnlyCap = 0.65;

    /// <summary>Parts of a name written together with a typo that are this short must be spelled exactly.</summary>
    private const int ShortPart = 4;

    private struct Pair
    {
        public double Similarity;
        public byte QueryStart;
        public byte QueryCount;
        public byte CandidateStart;
        public byte CandidateCount;
        public TokenMatchKind Kind;
    }

    /// <summary>Similarity of two tokens in [0, 1] and how it was found.</summary>
    public static (double Similarity, TokenMatchKind Kind) CompareTokens(NameToken a, NameToken b)
    {
        if (ReferenceEquals(a, b) || a.Text == b.Text)
        {
            return (1, TokenMatchKind.Exact);
        }
        if (a.IsNumber || b.IsNumber)
        {
            return (0, TokenMatchKind.Typo);
        }
        if (a.IsPatronymic != b.IsPatronymic && HasSurnameEnding(a.IsPatronymic ? b.Text : a.Text))
        {
            // Ivanova (a surname) is not Ivanovna (a patronymic) however close the letters: a father's name met by a
            // surname would let "Olga Ivanova" pass for any Olga Ivanovna whatever her surname.
            return (0, TokenMatchKind.Typo);
        }
        if (a.FromAbjad != b.FromAbjad)
        {
            var (latin, abjad) = a.FromAbjad ? (b, a) : (a, b);
            if (Spelling.IsVowel(abjad.Text[0]) && !Spelling.IsVowel(latin.Text[0]))
            {
                // a word written with a leading alif starts with a vowel in Latin letters too (akhwnd = Akhund, not Chinedu);
                // the other way round is common, as Latin writes the vowel of a dropped ayn (ly = Ali)
                return (0, TokenMatchKind.Transliteration);
            }
            // Only equal consonants: near-equal ones made unrelated names meet (Chinedu / akhwnd). One consonant is shared
            // by too many words (Abu / بابایی, Lee / الله) unless the word is as short as Ali / علي (ly) and Abu / أبو (abw).
            var equal = a.Skeleton.Length > 0 && a.Skeleton == b.Skeleton
                && (a.Skeleton.Length >= 2 || (abjad.Text.Length <= 3 && Spelling.IsVowel(latin.Text[0])));
            return (equal ? 0.92 : 0, TokenMatchKind.Transliteration);
        }
        if (a.EquivalenceGroups.Length > 0 && b.EquivalenceGroups.Length > 0 && NameEquivalents.Share(a.EquivalenceGroups, b.EquivalenceGroups))
        {
            return (NameEquivalents.Similarity, TokenMatchKind.Equivalent);
        }
        if ((a.SurnameGroups & b.SurnameGroups) != UInt128.Zero)
        {
            return (0.95, TokenMatchKind.SurnameVariant);
        }
        var bothKorean = a.KoreanLike && b.KoreanLike;
        if (bothKorean ? a.Fold == b.Fold : a.LatinFold == b.LatinFold)
        {
            return (bothKorean ? 0.95 : 0.9, TokenMatchKind.Romanisation);
        }
        if (a.Text.Length == 1 || b.Text.Length == 1)
        {
            // an initial meets a word that starts with it ("J" / "John")
            return a.Text[0] == b.Text[0] ? (0.8, TokenMatchKind.Typo) : (0, TokenMatchKind.Typo);
        }
        if (bothKorean && Math.Max(a.Fold.Length, b.Fold.Length) <= 4)
        {
            // Korean syllables differ by one letter between different names (Jon/Jong, Un/Il, Chol/Chon): be strict.
            var distance = Similarity.Levenshtein(a.Fold, b.Fold);
            var strict = 1 - (2.0 * distance / Math.Max(a.Fold.Length, b.Fold.Length));
            return (Math.Max(0, strict), TokenMatchKind.Typo);
        }
        // Edit-distance ratio: one typo in five letters keeps 0.8 (Messi/Bessi), a different name of the same stem does not
        // (Castro/Castillo 0.5). Jaro-Winkler was tried and rewards shared prefixes too much for names.
        if (!bothKorean && a.ChineseSyllable && b.ChineseSyllable)
        {
            // Chinese syllables too differ by one letter between different names (Zheng / Zhang, Yang / Ying)
            var distance = Similarity.TranspositionDistance(a.Text, b.Text);
            return (Math.Max(0, 1 - (2.0 * distance / Math.Max(a.Text.Length, b.Text.Length))), TokenMatchKind.Typo);
        }
        var raw = 1 - ((double)Similarity.TranspositionDistance(a.Text, b.Text) / Math.Max(a.Text.Length, b.Text.Length));
        // The Korean fold (r = l, g = k) makes other names close (Castillo / Castro), and even the Latin fold's edit ratio
        // does (Vellabati / Velayati): words that do not read as Korean are alike on their Latin fold only when it is equal.
        var folded = bothKorean
            ? (1 - ((double)Similarity.TranspositionDistance(a.Fold, b.Fold) / Math.Max(1, Math.Max(a.Fold.Length, b.Fold.Length)))) * 0.97
            : 0;
        if (Math.Max(raw, folded) < 0.8 && OneVowelApart(a.Text, b.Text))
        {
            // one vowel changed in a short word ("Mosk" / Musk) is a typo as one slip in five letters is
            return (0.8, TokenMatchKind.Typo);
        }
        return (Math.Max(raw, folded), TokenMatchKind.Typo);
    }

    private static readonly string[] SurnameEndings = ["ova", "eva", "ov", "ev", "ina", "in", "sky", "skiy", "skaya", "ko", "uk", "yk"];

    /// <summary>An East Slavic surname ending: such a word beside a patronymic is a surname, not a mistyped patronymic
    /// (Ivanova / Ivanovna; but Vladimirovvich is Vladimirovich with a slip).</summary>
    private static bool HasSurnameEnding(string text)
    {
        foreach (var ending in SurnameEndings)
        {
            if (text.EndsWith(ending, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private static bool OneVowelApart(string a, string b)
    {
        if (a.Length != b.Length || a.Length < 4)
        {
            return false;
        }
        var differences = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i])
            {
                if (!IsVowel(a[i]) || !IsVowel(b[i]) || ++differences > 1)
                {
                    return false;
                }
            }
        }
        return differences == 1;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';

    /// <summary>Two to four words, every one a Korean or Chinese name syllable or two, the first or the last a surname.</summary>
    private static bool IsEastAsianName(ReadOnlySpan<NameToken> tokens)
    {
        if (tokens.Length is < 2 or > 4 || (!tokens[0].EastAsianSurname && !tokens[^1].EastAsianSurname))
        {
            return false;
        }
        foreach (var token in tokens)
        {
            if (!token.EastAsianSyllables)
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsLineageWord(string text) => text is "bin" or "ibn" or "bint" or "binti" or "ben" or "ould";

    /// <summary>"AHMAD BIN HASAN" (Ahmad son of Hasan) against "HASAN BIN AHMAD" (Hasan son of Ahmad): the words on either side
    /// of a lineage word met their partners across the other name's lineage word in the opposite order.</summary>
    private static bool NasabInverted(ReadOnlySpan<NameToken> q, ReadOnlySpan<NameToken> c, ReadOnlySpan<sbyte> partnerOfQ)
    {
        for (var i = 1; i + 1 < q.Length; i++)
        {
            if (!IsLineageWord(q[i].Text))
            {
                continue;
            }
            int before = partnerOfQ[i - 1], after = partnerOfQ[i + 1];
            if (before < 0 || after < 0 || before <= after)
            {
                continue;
            }
            for (var k = after + 1; k < before; k++)
            {
                if (IsLineageWord(c[k].Text))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>How much of a token's weight a similarity earns: all of it from 0.8 (one typo in five letters), nothing
    /// at 0.7 or below, linear between.</summary>
    public static double Credit(double similarity) =>
        similarity >= 0.8 ? similarity : similarity <= 0.7 ? 0 : (similarity - 0.7) / 0.1 * 0.8;

    public static double Score(NameVariant query, NameVariant candidate) => Align(query, candidate, null, default(DirectComparer));

    public static NameComparison Compare(NameVariant query, NameVariant candidate) => Compare(query, candidate, default(DirectComparer));

    internal static NameComparison Compare<TComparer>(NameVariant query, NameVariant candidate, TComparer comparer)
        where TComparer : ITokenComparer
    {
        var aligned = new List<TokenAlignment>();
        var score = Align(query, candidate, aligned, comparer);
        return new NameComparison(score, query, candidate, aligned);
    }

    /// <summary>Where token similarities come from: computed on the spot, or looked up from what retrieval already computed.</summary>
    internal interface ITokenComparer
    {
        (double Similarity, TokenMatchKind Kind) Compare(int queryPosition, NameToken query, NameToken candidate);
    }

    internal readonly struct DirectComparer : ITokenComparer
    {
        public (double Similarity, TokenMatchKind Kind) Compare(int queryPosition, NameToken query, NameToken candidate) => CompareTokens(query, candidate);
    }

    internal static double Align<TComparer>(NameVariant query, NameVariant candidate, List<TokenAlignment>? collector, TComparer comparer)
        where TComparer : ITokenComparer
    {
        var q = query.Tokens;
        var c = candidate.Tokens;
        var n = Math.Min(q.Length, PreparedName.MaxTokens);
        var m = Math.Min(c.Length, PreparedName.MaxTokens);
        if (n == 0 || m == 0)
        {
            return 0;
        }
        Span<Pair> pairs = stackalloc Pair[(3 * PreparedName.MaxTokens * PreparedName.MaxTokens) + 1];
        var count = 0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < m; j++)
            {
                var (similarity, kind) = comparer.Compare(i, q[i], c[j]);
                if (Credit(similarity) > 0)
                {
                    pairs[count++] = new Pair { Similarity = similarity, QueryStart = (byte)i, QueryCount = 1, CandidateStart = (byte)j, CandidateCount = 1, Kind = kind };
                }
                if (i + 1 < n && JoinedEquals(q[i], q[i + 1], c[j]) is var joinedQ and > 0)
                {
                    pairs[count++] = new Pair { Similarity = joinedQ, QueryStart = (byte)i, QueryCount = 2, CandidateStart = (byte)j, CandidateCount = 1, Kind = TokenMatchKind.Merged };
                }
                if (j + 1 < m && JoinedEquals(c[j], c[j + 1], q[i]) is var joinedC and > 0)
                {
                    pairs[count++] = new Pair { Similarity = joinedC, QueryStart = (byte)i, QueryCount = 1, CandidateStart = (byte)j, CandidateCount = 2, Kind = TokenMatchKind.Merged };
                }
            }
        }
        pairs[..count].Sort(static (x, y) =>
        {
            var bySimilarity = y.Similarity.CompareTo(x.Similarity);
            return bySimilarity != 0 ? bySimilarity : (y.QueryCount + y.CandidateCount).CompareTo(x.QueryCount + x.CandidateCount);
        });

        double totalQuery = 0, totalCandidate = 0;
        for (var i = 0; i < n; i++)
        {
            totalQuery += q[i].Weight;
        }
        for (var j = 0; j < m; j++)
        {
            totalCandidate += c[j].Weight;
        }
        uint usedQ = 0, usedC = 0;
        double earned = 0;
        var wordMatched = false;
        var distinctiveMatched = false;
        double initialCredit = 0;
        Span<sbyte> partnerOfQ = stackalloc sbyte[PreparedName.MaxTokens];
        partnerOfQ.Fill(-1);
        for (var p = 0; p < count; p++)
        {
            var pair = pairs[p];
            var maskQ = ((1u << pair.QueryCount) - 1) << pair.QueryStart;
            var maskC = ((1u << pair.CandidateCount) - 1) << pair.CandidateStart;
            if ((usedQ & maskQ) != 0 || (usedC & maskC) != 0)
            {
                continue;
            }
            usedQ |= maskQ;
            usedC |= maskC;
            double weightQ = 0, weightC = 0;
            for (var i = pair.QueryStart; i < pair.QueryStart + pair.QueryCount; i++)
            {
                weightQ += q[i].Weight;
            }
            for (var j = pair.CandidateStart; j < pair.CandidateStart + pair.CandidateCount; j++)
            {
                weightC += c[j].Weight;
            }
            var credit = Credit(pair.Similarity) * (weightQ + (CandidateSideWeight * weightC));
            earned += credit;
            if (pair.QueryCount == 1 && pair.CandidateCount == 1 && (q[pair.QueryStart].Text.Length == 1) != (c[pair.CandidateStart].Text.Length == 1))
            {
                initialCredit += credit;
            }
            for (var i = pair.QueryStart; i < pair.QueryStart + pair.QueryCount; i++)
            {
                partnerOfQ[i] = (sbyte)pair.CandidateStart;
            }
            // a legal form or filler word met exactly ("D Company" / "Deenise Company") is not a written-out name word
            wordMatched |= !q[pair.QueryStart].IsLegalForm && !q[pair.QueryStart].IsFiller && (pair.Similarity >= 1 || (pair.QueryCount, pair.CandidateCount) switch
            {
                (2, _) => c[pair.CandidateStart].Text.Length > 2,
                (_, 2) => q[pair.QueryStart].Text.Length > 2,
                _ => q[pair.QueryStart].Text.Length > 2 && c[pair.CandidateStart].Text.Length > 2,
            });
            for (var i = pair.QueryStart; i < pair.QueryStart + pair.QueryCount; i++)
            {
                distinctiveMatched |= !q[i].IsGeneric && !q[i].IsLegalForm && !q[i].IsFiller;
            }
            collector?.Add(new TokenAlignment(pair.QueryStart, pair.QueryCount, pair.CandidateStart, pair.CandidateCount, pair.Similarity, pair.Kind));
        }
        // A word on each side that found no partner is a different name element (AL-MOSULI / AL-TIKRITI, Bowne Sweden /
        // Bowne Finland), not an omission: the lighter of the two unmatched masses is charged against the score.
        double unmatchedQ = 0, unmatchedC = 0, distinctiveC = 0, unmatchedSurnameC = 0, rarityC = 0, unmatchedRarityC = 0;
        var candidateHasPatronymic = false;
        var unmatchedDistinctiveQ = 0;
        for (var i = 0; i < n; i++)
        {
            if ((usedQ & (1u << i)) == 0 && !q[i].IsLegalForm && !q[i].IsFiller)
            {
                unmatchedQ += q[i].Weight;
                if (!q[i].IsGeneric && q[i].Text.Length > 1)
                {
                    unmatchedDistinctiveQ++;
                }
            }
        }
        var contentC = 0;
        for (var j = 0; j < m; j++)
        {
            if (!c[j].IsLegalForm && !c[j].IsFiller)
            {
                contentC++;
                distinctiveC += c[j].Weight;
                var rarity = c[j].Weight * c[j].Weight;
                rarityC += rarity;
                if ((usedC & (1u << j)) == 0)
                {
                    unmatchedC += c[j].Weight;
                    unmatchedRarityC += rarity;
                    if (!c[j].IsPatronymic)
                    {
                        unmatchedSurnameC += c[j].Weight;
                    }
                }
            }
            candidateHasPatronymic |= c[j].IsPatronymic;
        }
        // A list name with a patronymic is given name, patronymic and surname: its unmatched other words are the surname
        // the query leaves out ("Olga Ivanovna" against KULYGINA, Olga Ivanovna), and that is charged in full.
        var charged = Math.Min(unmatchedQ, unmatchedC);
        if (candidateHasPatronymic)
        {
            charged = Math.Max(charged, unmatchedSurnameC);
        }
        earned -= MismatchPenalty * charged;
        if (unmatchedC > 0)
        {
            // an initial standing for a query word is weak when the list name has a written-out word the query lacks:
            // "He Yan" is not HE, Daniel Y.
            earned -= InitialBesideUnmatchedShare * initialCredit;
        }
        var total = totalQuery + (CandidateSideWeight * totalCandidate);
        var score = total <= 0 ? 0 : Math.Clamp(earned / total, 0, 1);
        if (NasabInverted(q.AsSpan(0, n), c.AsSpan(0, m), partnerOfQ))
        {
            score = Math.Min(score, InvertedLineageCap);
        }
        if (!distinctiveMatched && (unmatchedC > 0 || unmatchedQ > 0))
        {
            score = Math.Min(score, GenericOnlyCap);
        }
        if (contentC == 1 && unmatchedDistinctiveQ > 0)
        {
            score = Math.Min(score, SingleWordCap);
        }
        if ((unmatchedQ > 0 || unmatchedC > 0) && IsEastAsianName(q.AsSpan(0, n)) && IsEastAsianName(c.AsSpan(0, m)))
        {
            score = Math.Min(score, EastAsianSyllableCap);
        }
        if (!wordMatched)
        {
            // initials alone ("N.N.") meet many names: at least one written-out word must be met
            score = Math.Min(score, InitialsOnlyCap);
        }
        // Common words alone do not make a match: when the list name's rare words are not met ("Korea Trading Corporation"
        // against KOREA HYOKSIN TRADING CORPORATION), the score is capped by the share of its rarity mass that was matched.
        return rarityC <= 0 ? score : Math.Min(score, CoverageFloor + ((1 - CoverageFloor) * (rarityC - unmatchedRarityC) / rarityC));
    }

    /// <summary>Similarity of two adjacent tokens written together with one other token: 1.0 when the letters are the same,
    /// 0.93 when equal after romanisation folding, 0.92 when the consonants are equal across scripts (Arabic), the edit ratio times 0.98 when it is at least 0.85, else 0.</summary>
    private static double JoinedEquals(NameToken first, NameToken second, NameToken whole)
    {
        var text = whole.Text.AsSpan();
        if (text.Length == first.Text.Length + second.Text.Length && text.StartsWith(first.Text) && text.EndsWith(second.Text))
        {
            return 1;
        }
        var fold = whole.Fold.AsSpan();
        if (fold.Length == first.Fold.Length + second.Fold.Length && fold.StartsWith(first.Fold) && fold.EndsWith(second.Fold))
        {
            return 0.93;
        }
        if (first.FromAbjad != whole.FromAbjad)
        {
            // عبد الله (bd llh) is Abdullah: across scripts only the consonants can be compared, as for single words. Only
            // Arabic words written apart meet a Latin word: two Latin words run together have too few consonants to tell
            // (Mei Hassan = mhsn = محسن Mohsen).
            return first.FromAbjad && whole.Skeleton.Length > 3 && Spelling.ConsonantSkeleton(first.Text + second.Text) == whole.Skeleton ? 0.92 : 0;
        }
        if (text.Length == 2 && !(first.KoreanLike && second.KoreanLike) && first.Text.Length > 2 && second.Text.Length > 2
            && !whole.IsLegalForm && !whole.IsFiller && !first.IsGeneric && !second.IsGeneric && !first.IsFiller && !second.IsFiller
            && text[0] == first.Text[0] && text[1] == second.Text[0])
        {
            // initials written together ("JC" / Jean-Claude), as a single initial meets its word; not for Korean given
            // names, whose syllables are too few to tell apart by their first letters
            return 0.8;
        }
        var joinedLength = first.Text.Length + second.Text.Length;
        if (joinedLength < 6 || joinedLength > 40 || Math.Abs(joinedLength - text.Length) > 2)
        {
            return 0;
        }
        // written together with a typo ("FridrichBuchenberg")
        Span<char> joined = stackalloc char[joinedLength];
        first.Text.AsSpan().CopyTo(joined);
        second.Text.AsSpan().CopyTo(joined[first.Text.Length..]);
        var ratio = 1 - ((double)Similarity.Levenshtein(joined, text) / Math.Max(joinedLength, text.Length));
        if (ratio < 0.85)
        {
            return 0;
        }
        // A short part must be written as it is: "Wang Wei" is not "FANGWEI", whose first syllable is another name.
        if ((first.Text.Length <= ShortPart && !text.StartsWith(first.Text)) || (second.Text.Length <= ShortPart && !text.EndsWith(second.Text)))
        {
            return 0;
        }
        return ratio * 0.98;
    }
}

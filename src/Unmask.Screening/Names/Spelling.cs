using System.Text;

namespace Unmask.Screening.Names;

/// <summary>Keys that make variant spellings of one token equal. Each works on a lower-case ASCII token.</summary>
public static class Spelling
{
    private static readonly HashSet<string> KoreanSyllables = BuildKoreanSyllables();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> KoreanSyllableSpans = KoreanSyllables.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// Folds the differences between Korean romanisations (and common customary spellings) so that RR, MR and passport forms
    /// of one syllable meet: Jeong/Jong/Chong, Eun/Un, Gyeong/Kyong, Cheol/Chol, Thae/Tae, Yoon/Yun, Oh/O.
    /// Voiced and voiceless stops (g/k, d/t, b/p, j/ch) merge, eo/eu lose their e, doubled letters collapse.
    /// A leading lower-case "l" before a consonant is read as "i": OFAC sometimes types "ll" for "Il".
    /// </summary>
    public static string KoreanFold(string token) => Fold(token, korean: true);

    /// <summary>
    /// The spelling differences any romanised name shows, without Korean's merges: c/k/q, ch, ph = f, th = t, w = v,
    /// doubled letters single (Mikhail / Mikail, Wladimir / Vladimir, Mohammad / Mohamad). Voiced and voiceless stops,
    /// r and l, and eo/eu stay apart: outside Korean they tell names apart (Castillo / Castro, Gold / Colt).
    /// </summary>
    public static string LatinFold(string token) => Fold(token, korean: false);

    private static string Fold(string token, bool korean)
    {
        var s = token;
        if (korean && s.Length >= 2 && s[0] == 'l' && !IsVowel(s[1]) && s[1] is not ('y' or 'w'))
        {
            s = "i" + s[1..];
        }
        var b = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            var next = i + 1 < s.Length ? s[i + 1] : '\0';
            switch (c)
            {
                case 'e' when korean && next is 'o' or 'u': continue;       // eo -> o, eu -> u
                case 'o' when next == 'o': b.Append('u'); i++; continue;    // oo -> u (Yoo, Joo, Koo)
                case 'e' when next == 'e': b.Append('i'); i++; continue;    // ee -> i (Lee, Rhee)
                case 'o' when next == 'u': b.Append('u'); i++; continue;    // ou -> u (Youn)
                case 'p' when !korean && next == 'h': b.Append('f'); i++; continue;
                case 'w' when !korean: b.Append('v'); continue;
                case 'g' when korean: b.Append('k'); continue;
                case 'd' when korean: b.Append('t'); continue;
                case 'b' when korean: b.Append('p'); continue;
                case 'f' when korean: b.Append('p'); continue;
                case 'r' when korean: b.Append('l'); continue;
                case 'z' when korean: b.Append('s'); continue;
                case 'j' when korean: b.Append('c'); continue;
                case 'c' when next == 'h': b.Append('c'); i++; continue;
                case 't' when next == 'c' && i + 2 < s.Length && s[i + 2] == 'h': b.Append('c'); i += 2; continue;
                case 'c': b.Append('k'); continue;
                case 'q': b.Append('k'); continue;
                case 'x': b.Append("ks"); continue;
                case 'k' or 't' or 'p' or 's' when next == 'h': b.Append(c); i++; continue; // kh, th, ph, sh lose the h
                case 'h' when i == s.Length - 1 && i > 0 && IsVowel(s[i - 1]): continue;  // Oh, Noh, Doh
                case 'h' when i > 0 && !IsVowel(s[i - 1]): continue;                        // Rhee
                default: b.Append(c); continue;
            }
        }
        // collapse doubled letters (kk, tt, pp, ss, ll, nn)
        for (var i = b.Length - 1; i > 0; i--)
        {
            if (b[i] == b[i - 1])
            {
                b.Remove(i, 1);
            }
        }
        return b.ToString();
    }

    /// <summary>True when the token can be read as one or two romanised Korean name syllables (RR or MR), e.g. "jongun", "hyok".
    /// Such tokens are short and differ by one letter between different names (Jon/Jong, Un/Il), so they are compared strictly.</summary>
    public static bool IsKoreanLike(string token)
    {
        if (token.Length is 0 or > 15)
        {
            return false;
        }
        if (KoreanSurnames.IsKnownSpelling(token))
        {
            return true;
        }
        if (token.Length is 2 or 3 && token[^1] == 'h' && IsVowel(token[^2]))
        {
            token = token[..^1]; // customary spellings of a final vowel: Ah, Oh, Eh (So-ah, Oh Se-hun)
        }
        // one syllable, or two: a Korean given name has two syllables, written together (Jongun) or apart
        return IsOneOrTwoSyllables(token, KoreanSyllableSpans);
    }

    /// <summary>True when <paramref name="token"/> is one syllable of <paramref name="syllables"/>, or two written together.</summary>
    internal static bool IsOneOrTwoSyllables(string token, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> syllables)
    {
        for (var split = token.Length; split >= 1; split--)
        {
            if (syllables.Contains(token.AsSpan(0, split)) && (split == token.Length || syllables.Contains(token.AsSpan(split))))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// A coarse phonetic key for blocking: first letter kept (vowels as 'A'), then consonant classes with vowels dropped
    /// and repeats collapsed (b/p/f/v = P, c/g/k/q = K, d/t = T, j/ch/z = J, l/r = L, s/sh = S, ng = G). A simplified
    /// relative of Soundex and Metaphone, tuned so that Korean and Slavic romanisations of one name share a key.
    /// </summary>
    public static string PhoneticKey(string token)
    {
        if (token.Length == 0)
        {
            return "";
        }
        if (char.IsAsciiDigit(token[0]))
        {
            return token;
        }
        var b = new StringBuilder(6);
        var last = '\0';
        for (var i = 0; i < token.Length && b.Length < 6; i++)
        {
            var c = token[i];
            var next = i + 1 < token.Length ? token[i + 1] : '\0';
            char code;
            switch (c)
            {
                case 'a' or 'e' or 'i' or 'o' or 'u' or 'y' or 'w':
                    if (i == 0)
                    {
                        b.Append('A');
                        last = 'A';
                    }
                    else
                    {
                        last = '\0';
                    }
                    continue;
                case 'h':
                    if (i == 0)
                    {
                        b.Append('H');
                        last = 'H';
                    }
                    continue;
                case 'b' or 'p' or 'f' or 'v': code = 'P'; break;
                case 'c' when next == 'h': code = 'J'; i++; break;
                case 's' when next == 'h': code = 'S'; i++; break;
                case 'c' or 'g' or 'k' or 'q': code = 'K'; break;
                case 'd' or 't': code = 'T'; break;
                case 'j' or 'z': code = 'J'; break;
                case 'l' or 'r': code = 'L'; break;
                case 'n' when next == 'g': code = 'G'; i++; break;
                case 'x': code = 'K'; break;
                case char d when char.IsAsciiDigit(d): code = d; break;
                default: code = char.ToUpperInvariant(c); break;
            }
            if (code != last)
            {
                b.Append(code);
            }
            last = code;
        }
        return b.ToString();
    }

    /// <summary>The consonants of a token, repeats collapsed ("mohammed" = "mhmd"): Arabic script is written without most
    /// vowels, so a romanised Arabic name can only be compared with a Latin one on this skeleton.</summary>
    public static string ConsonantSkeleton(string token)
    {
        var b = new StringBuilder(token.Length);
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            // y and w are vowels inside a word but consonants at its start (Yusuf, Walid): Wali is not علي (ly)
            if (IsVowel(c) || (c is 'y' or 'w' && i > 0))
            {
                continue;
            }
            var folded = c switch { 'q' => 'k', 'c' => 'k', 'z' => 's', 'b' => 'p', 'v' => 'f', _ => c };
            if (b.Length == 0 || b[^1] != folded)
            {
                b.Append(folded);
            }
        }
        return b.ToString();
    }

    public static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    /// <summary>Romanised syllables that Korean names are made of. Given names are almost always Sino-Korean syllables, which
    /// never start with a tense consonant (ㄲ ㄸ ㅃ ㅆ ㅉ) and end only in ㄱ ㄴ ㄹ ㅁ ㅂ ㅇ or nothing, and never have the
    /// medials ㅒ ㅙ ㅞ. Taking every Hangul syllable instead would make Western words Korean-looking ("Messi" = me-ssi,
    /// "Bessi"), and Korean-looking words are compared strictly.</summary>
    private static HashSet<string> BuildKoreanSyllables()
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var c = '\uAC00'; c <= '\uD7A3'; c++)
        {
            var (initial, medial, final) = Hangul.Decompose(c);
            if (initial is 1 or 4 or 8 or 10 or 13 || medial is 3 or 10 or 15 || final is not (0 or 1 or 4 or 8 or 16 or 17 or 21))
            {
                continue;
            }
            set.Add(Hangul.RomaniseSyllable(c, KoreanRomanisation.Revised));
            set.Add(Hangul.RomaniseSyllable(c, KoreanRomanisation.McCuneReischauer));
        }
        return set;
    }
}

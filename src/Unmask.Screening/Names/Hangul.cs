using System.Text;

namespace Unmask.Screening.Names;

/// <summary>Which romanisation of Korean to produce.</summary>
public enum KoreanRomanisation
{
    /// <summary>South Korea's Revised Romanisation (2000), as used in passports: 김정은 = Gim Jeong-eun.</summary>
    Revised,

    /// <summary>McCune-Reischauer without diacritics, as North Korea and OFAC/UN write it: 김정은 = Kim Jong-un
    /// (ŏ and ŭ become o and u, the aspiration apostrophe is dropped, ㅈ is j).</summary>
    McCuneReischauer,
}

/// <summary>
/// Hangul syllables to Latin letters. A precomposed syllable U+AC00..U+D7A3 is (initial × 21 + medial) × 28 + final,
/// so decomposition is arithmetic (Unicode 15, §3.12). Syllables are romanised one by one, without the sound changes across
/// syllable boundaries that full RR/MR apply (신라 = Silla): lists and passports rarely apply them to personal names either.
/// </summary>
public static class Hangul
{
    private const int SyllableBase = 0xAC00;
    private const int SyllableCount = 11172;
    private const int MedialCount = 21;
    private const int FinalCount = 28;

    private static readonly string[] InitialsRevised = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"];
    // ㅈ is written "j" as North Korea and OFAC/UN do (Jong, Jon), not the textbook "ch".
    private static readonly string[] InitialsMr = ["k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "j", "jj", "ch", "kh", "th", "ph", "h"];
    private static readonly string[] MedialsRevised = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"];
    private static readonly string[] MedialsMr = ["a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "u", "ui", "i"];
    private static readonly string[] Finals = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"];

    public static bool IsSyllable(char c) => c >= SyllableBase && c < SyllableBase + SyllableCount;

    public static bool ContainsHangul(string text)
    {
        foreach (var c in text)
        {
            if (IsSyllable(c) || (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Initial, medial and final jamo indexes of a syllable (final 0 = none).</summary>
    public static (int Initial, int Medial, int Final) Decompose(char syllable)
    {
        if (!IsSyllable(syllable))
        {
            throw new ArgumentOutOfRangeException(nameof(syllable), $"U+{(int)syllable:X4} is not a precomposed Hangul syllable");
        }
        var index = syllable - SyllableBase;
        return (index / (MedialCount * FinalCount), index % (MedialCount * FinalCount) / FinalCount, index % FinalCount);
    }

    /// <summary>One syllable in lower-case Latin letters, e.g. 정 = "jeong" (RR) or "jong" (MR).</summary>
    public static string RomaniseSyllable(char syllable, KoreanRomanisation system)
    {
        var (initial, medial, final) = Decompose(syllable);
        var mr = system == KoreanRomanisation.McCuneReischauer;
        return (mr ? InitialsMr[initial] : InitialsRevised[initial]) + (mr ? MedialsMr[medial] : MedialsRevised[medial]) + Finals[final];
    }

    /// <summary>Romanises a run of text: Hangul syllables one by one, any other character kept as it is.
    /// With <paramref name="syllableSeparator"/> each syllable is followed by it inside a word (e.g. '-' gives "jeong-eun").</summary>
    public static string Romanise(string text, KoreanRomanisation system, char? syllableSeparator = null)
    {
        var builder = new StringBuilder(text.Length * 3);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!IsSyllable(c))
            {
                builder.Append(c);
                continue;
            }
            builder.Append(RomaniseSyllable(c, system));
            if (syllableSeparator is { } separator && i + 1 < text.Length && IsSyllable(text[i + 1]))
            {
                builder.Append(separator);
            }
        }
        return builder.ToString();
    }
}

using System.Text;

namespace Unmask.Screening.Names;

/// <summary>
/// Latin spellings of a name written in any script. Hangul gets our own Revised and McCune-Reischauer forms (with the
/// surname table); Chinese is read in pinyin syllables (AnyAscii) with legal forms and a few common business words in English;
/// everything else (Cyrillic, Greek, Arabic, Hebrew, accented Latin) goes through AnyAscii's romanisation.
/// Each variant is a list of lower-case ASCII tokens.
/// </summary>
public static class Transliteration
{
    // A short glossary of words that recur in Chinese company names, so that 网络科技有限公司 can meet
    // "Network Technology Co., Ltd." Anything beyond these is compared as pinyin.
    private static readonly (string Han, string English)[] ChineseBusinessWords =
    [
        ("进出口", "import export"), ("科技", "technology"), ("技术", "technology"), ("网络", "network"), ("贸易", "trading"),
        ("商贸", "trading"), ("国际", "international"), ("银行", "bank"), ("信息", "information"), ("电子", "electronics"),
        ("发展", "development"), ("投资", "investment"), ("实业", "industrial"), ("工业", "industry"), ("软件", "software"),
        ("物流", "logistics"), ("咨询", "consulting"), ("建设", "construction"), ("能源", "energy"), ("矿业", "mining"),
        ("航运", "shipping"), ("海运", "shipping"), ("船务", "shipping"), ("控股", "holding"), ("香港", "hong kong"),
        ("中国", "china"), ("朝鲜", "korea"), ("石油", "petroleum"), ("化工", "chemical"), ("机械", "machinery"),
    ];

    /// <summary>Latin token lists for <paramref name="cleanName"/> (already passed through <see cref="TextNormalizer.Clean"/>).
    /// The first variant is the plain reading; Hangul names add a second (RR next to MR).</summary>
    public static List<string[]> Variants(string cleanName)
    {
        var scripts = Scripts.Detect(cleanName);
        var variants = new List<string[]>(2);
        if ((scripts & Script.Hangul) != 0)
        {
            var native = ReplaceNativeLegalForms(cleanName);
            variants.Add(Tokenize(RomaniseKorean(native, KoreanRomanisation.McCuneReischauer)));
            variants.Add(Tokenize(RomaniseKorean(native, KoreanRomanisation.Revised)));
            return variants;
        }
        if ((scripts & (Script.Han | Script.Kana)) != 0)
        {
            if ((scripts & Script.Kana) == 0 && KoreanHanja.ReadAsKoreanName(cleanName) is { } hangul)
            {
                // a Korean name in Chinese characters (金正恩): Korean readings first, pinyin as well
                variants.Add(Tokenize(RomaniseKorean(hangul, KoreanRomanisation.McCuneReischauer)));
                variants.Add(Tokenize(RomaniseKorean(hangul, KoreanRomanisation.Revised)));
            }
            var text = ReplaceNativeLegalForms(cleanName);
            foreach (var (han, english) in ChineseBusinessWords)
            {
                text = text.Replace(han, " " + english + " ", StringComparison.Ordinal);
            }
            variants.Add(Tokenize(SplitSyllables(text)));
            return variants;
        }
        var prepared = (scripts & Script.Cyrillic) != 0 ? ReplaceNativeLegalForms(cleanName) : cleanName;
        variants.Add(Tokenize(AnyAscii.Transliteration.Transliterate(prepared)));
        if ((scripts & Script.Cyrillic) != 0 && CyrillicKorean.Read(cleanName) is { } korean)
        {
            variants.Add(Tokenize(korean)); // Ким Чен Ын = Kim Jong Un
        }
        return variants;
    }

    /// <summary>Romanises Hangul words; a word of 2-4 syllables whose first syllable (or two) is a known surname is read as
    /// surname + given-name syllables, e.g. 김정은 = kim jong un (MR) or gim jeong eun (RR).</summary>
    public static string RomaniseKorean(string text, KoreanRomanisation system)
    {
        var builder = new StringBuilder(text.Length * 4);
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }
            if (!word.All(Hangul.IsSyllable))
            {
                builder.Append(Hangul.Romanise(word, system, ' '));
                continue;
            }
            var surnameLength = word.Length >= 3 && KoreanSurnames.IsCompoundSurname(word[..2]) ? 2 : 1;
            var surname = word[..surnameLength];
            var spellings = KoreanSurnames.Spellings(surname);
            if (word.Length is >= 2 and <= 5 && spellings.Count > 0)
            {
                // The table's first spelling is the MR/North Korean one (Ri, Pak); RR takes its own reading (I, Bak, Gim).
                builder.Append(system == KoreanRomanisation.McCuneReischauer ? spellings[0] : Hangul.Romanise(surname, system));
                builder.Append(' ').Append(Hangul.Romanise(word[surnameLength..], system, ' '));
            }
            else
            {
                builder.Append(Hangul.Romanise(word, system, ' '));
            }
        }
        return builder.ToString();
    }

    private static string ReplaceNativeLegalForms(string text)
    {
        foreach (var (native, latin) in LegalForms.NativeForms)
        {
            if (!text.Contains(native, StringComparison.Ordinal))
            {
                continue;
            }
            if (native[0] >= '\u0400' && native[0] <= '\u04FF')
            {
                // Cyrillic abbreviations only as whole words: "АО" must not be cut out of "ДАОР".
                var words = text.Split(' ');
                text = string.Join(' ', words.Select(w => w.Trim('"', '«', '»', '\'') == native ? latin.Trim() : w));
            }
            else
            {
                text = text.Replace(native, latin, StringComparison.Ordinal);
            }
        }
        return text;
    }

    /// <summary>Transliterates CJK text with AnyAscii, which writes each character's reading capitalised ("YanBian"), and
    /// splits at those capitals so every syllable is a token; pinyin written as one word is rejoined when names are compared.</summary>
    private static string SplitSyllables(string text)
    {
        var builder = new StringBuilder(text.Length * 4);
        foreach (var c in text)
        {
            var script = Scripts.Of(c);
            if (script is Script.Han or Script.Kana)
            {
                builder.Append(' ').Append(AnyAscii.Transliteration.Transliterate(c.ToString())).Append(' ');
            }
            else
            {
                builder.Append(c);
            }
        }
        return AnyAscii.Transliteration.Transliterate(builder.ToString());
    }

    private static readonly Dictionary<string, string> NumberWords = new(StringComparer.Ordinal)
    {
        ["zero"] = "0", ["one"] = "1", ["two"] = "2", ["three"] = "3", ["four"] = "4", ["five"] = "5", ["six"] = "6", ["seven"] = "7",
        ["eight"] = "8", ["nine"] = "9", ["ten"] = "10", ["eleven"] = "11", ["twelve"] = "12", ["twenty"] = "20", ["thirty"] = "30",
        ["forty"] = "40", ["fourty"] = "40", ["fifty"] = "50", ["sixty"] = "60", ["seventy"] = "70", ["eighty"] = "80", ["ninety"] = "90",
        ["first"] = "1", ["1st"] = "1", ["second"] = "2", ["2nd"] = "2", ["third"] = "3", ["3rd"] = "3", ["fourth"] = "4", ["4th"] = "4",
        ["fifth"] = "5", ["5th"] = "5",
    };

    /// <summary>Lower-case ASCII tokens: letters and digits; apostrophes join, every other mark separates. Runs of single
    /// letters are joined ("A.B.C." = "abc", "L.L.C." = "llc"), written-out legal forms shortened, number words made digits
    /// ("Forty-Four" = "44", "1st" = "1").</summary>
    public static string[] Tokenize(string text)
    {
        var ascii = text.All(c => c < 0x80) ? text : AnyAscii.Transliteration.Transliterate(text);
        var raw = new List<string>();
        var current = new StringBuilder();
        foreach (var c in ascii)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if (TextNormalizer.IsApostrophe(c))
            {
                continue;
            }
            else if (current.Length > 0)
            {
                raw.Add(current.ToString());
                current.Clear();
            }
        }
        if (current.Length > 0)
        {
            raw.Add(current.ToString());
        }
        var joined = new List<string>(raw.Count);
        for (var i = 0; i < raw.Count; i++)
        {
            if (raw[i].Length == 1 && char.IsAsciiLetter(raw[i][0]) && i + 1 < raw.Count && raw[i + 1].Length == 1 && char.IsAsciiLetter(raw[i + 1][0]))
            {
                var run = new StringBuilder();
                while (i < raw.Count && raw[i].Length == 1 && char.IsAsciiLetter(raw[i][0]))
                {
                    run.Append(raw[i++]);
                }
                i--;
                joined.Add(run.ToString());
                continue;
            }
            joined.Add(raw[i]);
        }
        LegalForms.CorrectFormTypos(joined);
        var tokens = LegalForms.ReplacePhrases(joined);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (NumberWords.TryGetValue(tokens[i], out var digits))
            {
                tokens[i] = digits;
                if (i > 0 && tokens[i - 1].Length == 2 && tokens[i - 1][1] == '0' && digits.Length == 1)
                {
                    tokens[i - 1] = tokens[i - 1][0] + digits; // "forty four" = 44
                    tokens.RemoveAt(i--);
                }
            }
        }
        return tokens.SelectMany(LegalForms.Expand).Select(LegalForms.CanonicalForm).ToArray();
    }
}

namespace Unmask.Screening.Names;

/// <summary>
/// Chinese names written in Latin letters: Hanyu Pinyin syllables (and the Wade-Giles and Cantonese spellings lists use for
/// surnames). Like Korean names, they are made of a surname and one or two short syllables, so a syllable left over means
/// another person (Chen Ping is not CHEN Bing Shen).
/// </summary>
public static class ChineseNames
{
    private static readonly string[] Initials =
        ["", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "zh", "ch", "sh", "r", "z", "c", "s", "y", "w"];

    private static readonly string[] Finals =
    [
        "a", "o", "e", "i", "u", "v", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "ong", "er", "ia", "ie", "iao", "iu", "ian",
        "in", "iang", "ing", "iong", "ua", "uo", "uai", "ui", "uan", "un", "uang", "ue", "ve",
    ];

    private static readonly HashSet<string> Syllables = Initials.SelectMany(i => Finals.Select(f => i + f)).ToHashSet(StringComparer.Ordinal);
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> SyllableSpans = Syllables.GetAlternateLookup<ReadOnlySpan<char>>();

    // The commonest Chinese surnames in pinyin, with the Wade-Giles and Cantonese spellings that lists carry.
    private static readonly HashSet<string> Surnames = new(StringComparer.Ordinal)
    {
        "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma", "zhu", "hu", "guo", "he",
        "gao", "lin", "luo", "zheng", "liang", "xie", "song", "tang", "han", "feng", "deng", "cao", "peng", "zeng", "xiao", "tian",
        "dong", "yuan", "pan", "yu", "jiang", "cai", "jia", "ding", "wei", "xue", "ye", "yan", "lu", "du", "shen", "qian", "fu",
        "su", "ren", "cheng", "lv", "lyu", "yao", "tan", "zou", "xiong", "jin", "hao", "kong", "bai", "cui", "kang", "mao", "qiu",
        "qin", "shi", "gu", "hou", "shao", "meng", "long", "wan", "duan", "lei", "qian", "tang", "yin", "fan", "fang", "xia",
        "wong", "chan", "cheung", "chang", "lau", "ng", "ho", "tsang", "leung", "lam", "chow", "chu", "kwok", "lo", "tse", "yip",
        "hsu", "chao", "chou", "hsieh", "kuo", "tsai", "tseng", "hsiao", "chiang", "teng", "yeh", "pao", "tsui", "mak", "fung",
        "huo", "kuang", "gong", "lai", "mo", "qi", "ou", "rong", "shang", "tao", "wen", "xiang", "yi", "zhan", "zuo", "bao",
        "bian", "chai", "dai", "di", "ge", "geng", "ji", "kou", "lan", "liao", "ling", "mei", "miao", "ning", "niu", "pang",
        "pei", "pu", "qu", "sha", "shan", "sheng", "tu", "xi", "xing", "yue", "yun", "zhai", "zhuang", "zong", "ceng", "hong",
    };

    /// <summary>One or two pinyin syllables written together (wei, guowei, xiaoming).</summary>
    public static bool IsPinyinLike(string token)
    {
        if (token.Length is 0 or > 12)
        {
            return false;
        }
        return Surnames.Contains(token) || Spelling.IsOneOrTwoSyllables(token, SyllableSpans);
    }

    public static bool IsSurname(string token) => Surnames.Contains(token);

    /// <summary>One pinyin syllable, or a Chinese surname spelling: the words that differ by a letter between names (Zheng /
    /// Zhang, Yang / Ying). Two syllables written together are left to the usual typo tolerance: too many Western words
    /// read as two syllables (La-den, Cha-se).</summary>
    public static bool IsSingleSyllableOrSurname(string token) => Syllables.Contains(token) || Surnames.Contains(token);
}

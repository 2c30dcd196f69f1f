namespace Unmask.Screening.Names;

/// <summary>
/// Korean surnames and the Latin spellings they appear under. North Korea and the UN/OFAC lists use McCune-Reischauer
/// without diacritics (Ri, Pak, Choe, Jon, O); South Korean passports mostly use customary spellings (Lee, Park, Choi, Jeon, Oh);
/// Revised Romanisation gives Gim, I, Bak. Each group lists the spellings of one surname (sources: National Institute of
/// Korean Language surname romanisation survey 2009; the spellings on the OFAC/UN DPRK entries).
/// </summary>
public static class KoreanSurnames
{
    private static readonly (string Hangul, string[] Latin)[] Table =
    [
        ("김", ["kim", "gim", "ghim"]),
        ("리", ["ri", "li", "lee", "yi", "rhee", "i", "rhie", "lie", "rey", "ree"]),
        ("이", ["ri", "li", "lee", "yi", "rhee", "i", "rhie", "lie", "rey", "ree"]),
        ("박", ["pak", "park", "bak", "bark", "pag", "pack"]),
        ("최", ["choe", "choi", "chwe", "choy", "chae", "choei"]),
        ("정", ["jong", "jeong", "chong", "chung", "jung", "cheong"]),
        ("전", ["jon", "jeon", "chon", "chun", "jun", "cheon"]),
        ("천", ["chon", "cheon", "chun", "chen"]),
        ("오", ["o", "oh"]),
        ("조", ["jo", "cho", "joe", "chough"]),
        ("강", ["kang", "gang"]),
        ("윤", ["yun", "yoon"]),
        ("장", ["jang", "chang"]),
        ("림", ["rim", "lim", "im", "yim"]),
        ("임", ["im", "rim", "lim", "yim"]),
        ("한", ["han"]),
        ("신", ["sin", "shin", "shinn"]),
        ("류", ["ryu", "yu", "yoo", "rhyu", "lyu", "you"]),
        ("유", ["yu", "yoo", "ryu", "you"]),
        ("로", ["ro", "no", "roh", "noh"]),
        ("노", ["no", "ro", "noh", "roh"]),
        ("량", ["ryang", "yang"]),
        ("양", ["yang", "ryang"]),
        ("문", ["mun", "moon"]),
        ("송", ["song"]),
        ("황", ["hwang"]),
        ("안", ["an", "ahn"]),
        ("홍", ["hong"]),
        ("손", ["son", "sohn"]),
        ("백", ["paek", "baek", "baik", "paik", "back"]),
        ("허", ["ho", "heo", "hur", "huh"]),
        ("남", ["nam"]),
        ("심", ["sim", "shim"]),
        ("곽", ["kwak", "gwak"]),
        ("성", ["song", "seong", "sung"]),
        ("차", ["cha"]),
        ("주", ["ju", "chu", "joo"]),
        ("우", ["u", "woo"]),
        ("구", ["ku", "gu", "koo"]),
        ("민", ["min"]),
        ("나", ["na", "ra"]),
        ("라", ["ra", "na"]),
        ("진", ["jin", "chin"]),
        ("지", ["ji", "chi"]),
        ("엄", ["om", "eom", "um"]),
        ("원", ["won"]),
        ("방", ["pang", "bang"]),
        ("공", ["kong", "gong"]),
        ("현", ["hyon", "hyeon", "hyun"]),
        ("함", ["ham"]),
        ("변", ["pyon", "byeon", "byun"]),
        ("염", ["yom", "yeom", "yum"]),
        ("석", ["sok", "seok", "suk"]),
        ("선", ["son", "seon", "sun"]),
        ("설", ["sol", "seol", "sul"]),
        ("길", ["kil", "gil"]),
        ("연", ["yon", "yeon", "youn"]),
        ("표", ["pyo"]),
        ("명", ["myong", "myeong", "myung"]),
        ("기", ["ki", "gi"]),
        ("반", ["pan", "ban"]),
        ("금", ["kum", "geum", "keum"]),
        ("탁", ["thak", "tak"]),
        ("국", ["kuk", "guk", "kook"]),
        ("편", ["phyon", "pyeon", "pyun"]),
        ("태", ["thae", "tae"]),
        ("도", ["to", "do", "doh"]),
        ("계", ["kye", "gye"]),
        ("배", ["pae", "bae"]),
        ("봉", ["pong", "bong"]),
        ("하", ["ha"]),
        ("고", ["ko", "go", "koh"]),
        ("서", ["so", "seo", "suh"]),
        ("채", ["chae"]),
        ("두", ["tu", "du", "doo"]),
        ("동", ["tong", "dong"]),
        ("용", ["yong", "ryong"]),
        ("룡", ["ryong", "yong"]),
        ("독고", ["tokko", "dokgo"]),
        ("남궁", ["namgung", "namkung"]),
        ("황보", ["hwangbo", "hwangpo"]),
        ("제갈", ["jegal", "chegal"]),
        ("선우", ["sonu", "seonu", "sunwoo"]),
    ];

    private static readonly Dictionary<string, string[]> ByHangul = Table
        .GroupBy(row => row.Hangul, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.SelectMany(r => r.Latin).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);

    // Spelling -> ids of the surnames it can stand for ("son" is both 손 and 선).
    private static readonly Dictionary<string, int[]> GroupsBySpelling = Table
        .SelectMany((row, id) => row.Latin.Select(latin => (latin, id)))
        .GroupBy(p => p.latin, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Select(p => p.id).Distinct().ToArray(), StringComparer.Ordinal);

    /// <summary>Latin spellings of a Hangul surname (one or two syllables), or empty when it is not in the table.</summary>
    public static IReadOnlyList<string> Spellings(string hangulSurname) =>
        ByHangul.TryGetValue(hangulSurname, out var spellings) ? spellings : [];

    /// <summary>Two-syllable surnames (남궁, 황보, ...) are taken whole; any other surname is one syllable.</summary>
    public static bool IsCompoundSurname(string twoSyllables) => twoSyllables.Length == 2 && ByHangul.ContainsKey(twoSyllables);

    /// <summary>True when both lower-case spellings can write the same Korean surname: Lee/Ri/Yi, Park/Pak/Bak, Choi/Choe.</summary>
    public static bool SameSurname(string left, string right)
    {
        if (!GroupsBySpelling.TryGetValue(left, out var a) || !GroupsBySpelling.TryGetValue(right, out var b))
        {
            return false;
        }
        foreach (var x in a)
        {
            foreach (var y in b)
            {
                if (x == y)
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>Ids of the surnames a spelling can stand for, used as blocking keys (Lee, Ri and Yi share one).</summary>
    public static int[]? GroupKeys(string spelling) =>
        GroupsBySpelling.TryGetValue(spelling, out var ids) ? ids : null;

    public static bool IsKnownSpelling(string spelling) => GroupsBySpelling.ContainsKey(spelling);

    /// <summary>The surnames a spelling can stand for as one bit each (zero when it is no known spelling), so that
    /// <see cref="SameSurname"/> is one AND when tokens are compared millions of times.</summary>
    public static UInt128 GroupMask(string spelling)
    {
        UInt128 mask = 0;
        if (GroupsBySpelling.TryGetValue(spelling, out var ids))
        {
            foreach (var id in ids)
            {
                mask |= UInt128.One << id;
            }
        }
        return mask;
    }
}

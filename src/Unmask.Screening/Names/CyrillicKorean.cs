namespace Unmask.Screening.Names;

/// <summary>
/// Korean names as Russian-language press and registries write them (the Kontsevich system and the older press spellings):
/// Ким Чен Ын is Kim Jong Un, Ким Ир Сен is Kim Il Sung, Чхве Рён Хэ is Choe Ryong Hae. A plain transliteration (Kim Chen
/// Yn) meets none of the list spellings, so a name whose first or last word is a Korean surname in Cyrillic is also read
/// syllable by syllable into McCune-Reischauer, the spelling of the North Korean entries on the lists. Where Cyrillic
/// leaves a syllable ambiguous (н for both n and ng) the commoner name syllable is taken.
/// </summary>
public static class CyrillicKorean
{
    private static readonly Dictionary<string, string> Surnames = new(StringComparer.Ordinal)
    {
        ["ким"] = "kim", ["ли"] = "ri", ["ри"] = "ri", ["пак"] = "pak", ["чхве"] = "choe", ["цой"] = "choe", ["чой"] = "choe",
        ["чон"] = "jong", ["чен"] = "jong", ["кан"] = "kang", ["ан"] = "an", ["юн"] = "yun", ["хан"] = "han", ["рим"] = "rim",
        ["лим"] = "rim", ["мун"] = "mun", ["сон"] = "son", ["хван"] = "hwang", ["хон"] = "hong", ["чо"] = "jo", ["со"] = "so",
        ["син"] = "sin", ["шин"] = "sin", ["о"] = "o", ["ю"] = "yu", ["ро"] = "ro", ["пэк"] = "paek", ["ко"] = "ko",
        ["нам"] = "nam", ["чан"] = "jang", ["сим"] = "sim", ["чу"] = "ju", ["ха"] = "ha", ["хо"] = "ho", ["ку"] = "ku",
        ["квон"] = "kwon", ["ян"] = "yang", ["рян"] = "ryang", ["пэ"] = "pae", ["тхэ"] = "thae", ["тэ"] = "thae",
        ["хён"] = "hyon", ["хен"] = "hyon", ["мён"] = "myong", ["чжон"] = "jong", ["чжан"] = "jang",
    };

    private static readonly Dictionary<string, string> Syllables = new(StringComparer.Ordinal)
    {
        ["ын"] = "un", ["ун"] = "un", ["ир"] = "il", ["иль"] = "il", ["ил"] = "il", ["сен"] = "song",
        ["сон"] = "song", ["ен"] = "yong", ["ён"] = "yong", ["чхоль"] = "chol", ["чоль"] = "chol", ["чол"] = "chol",
        ["чхол"] = "chol", ["хо"] = "ho", ["ман"] = "man", ["су"] = "su", ["хи"] = "hui", ["хый"] = "hui",
        ["нам"] = "nam", ["ин"] = "in", ["мин"] = "min", ["чун"] = "chun", ["чхун"] = "chun", ["гук"] = "kuk",
        ["кук"] = "kuk", ["рёль"] = "ryol", ["рель"] = "ryol", ["рён"] = "ryong", ["рен"] = "ryong", ["хён"] = "hyon",
        ["хен"] = "hyon", ["ок"] = "ok", ["чхан"] = "chan", ["хёк"] = "hyok", ["хек"] = "hyok", ["гым"] = "kum",
        ["кым"] = "kum", ["сок"] = "sok", ["чжон"] = "jong", ["чон"] = "jong", ["чен"] = "jong", ["ёль"] = "yol",
        ["сик"] = "sik", ["сук"] = "suk", ["гван"] = "kwang", ["кван"] = "kwang", ["гиль"] = "kil", ["киль"] = "kil",
        ["сун"] = "sun", ["мён"] = "myong", ["мен"] = "myong", ["пхё"] = "phyo", ["пхён"] = "phyong",
        ["пхен"] = "phyong", ["нён"] = "nyong", ["бон"] = "pong", ["пон"] = "pong", ["бок"] = "pok", ["пок"] = "pok",
        ["дон"] = "tong", ["тон"] = "tong", ["дэ"] = "tae", ["тэ"] = "thae", ["тхэ"] = "thae", ["чжу"] = "ju",
        ["чу"] = "ju", ["гын"] = "kun", ["кын"] = "kun", ["гон"] = "kon", ["кон"] = "kon", ["гю"] = "kyu",
        ["кю"] = "kyu", ["вон"] = "won", ["ук"] = "uk", ["хэ"] = "hae", ["хак"] = "hak", ["ха"] = "ha",
        ["хва"] = "hwa", ["ё"] = "yo", ["ми"] = "mi", ["сам"] = "sam", ["ри"] = "ri", ["ли"] = "ri", ["ким"] = "kim",
        ["пак"] = "pak", ["чхве"] = "choe", ["кан"] = "kang", ["ан"] = "an", ["юн"] = "yun", ["хан"] = "han",
        ["ян"] = "yang", ["сан"] = "sang", ["со"] = "so", ["сё"] = "so", ["чжин"] = "jin", ["чин"] = "jin",
        ["гир"] = "kil", ["тхэк"] = "thaek", ["тэк"] = "thaek", ["ёп"] = "yop", ["ёк"] = "yok", ["гвон"] = "kwon",
        ["квон"] = "kwon", ["ёна"] = "yong", ["хвон"] = "hwon", ["чхон"] = "chon", ["сэ"] = "sae", ["мо"] = "mo",
        ["мок"] = "mok", ["нё"] = "nyo", ["рё"] = "ryo", ["ре"] = "ryo",
    };

    /// <summary>The McCune-Reischauer reading of a Cyrillic Korean name, or null when the name does not look Korean.</summary>
    public static string? Read(string cyrillicName)
    {
        var words = cyrillicName.ToLowerInvariant().Split([' ', '-', ',', '.'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is < 2 or > 5 || (!Surnames.ContainsKey(words[0]) && !Surnames.ContainsKey(words[^1])))
        {
            return null;
        }
        var latin = new List<string>(words.Length);
        var known = 0;
        var surnameAt = Surnames.ContainsKey(words[0]) ? 0 : words.Length - 1; // Ким Чен Ын, or Чен Ын Ким
        for (var i = 0; i < words.Length; i++)
        {
            var surname = i == surnameAt ? Surnames.GetValueOrDefault(words[i]) : null;
            var syllable = surname ?? Syllables.GetValueOrDefault(words[i]);
            if (syllable is null)
            {
                return null; // a word that is no Korean name syllable: not a Korean name, or one we cannot read safely
            }
            known++;
            latin.Add(syllable);
        }
        return known == words.Length ? string.Join(' ', latin) : null;
    }
}

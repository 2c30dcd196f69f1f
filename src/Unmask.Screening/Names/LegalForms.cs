namespace Unmask.Screening.Names;

/// <summary>
/// Company legal forms and filler words. They are kept as tokens (so "X Co., Ltd." still differs a little from "X Corp")
/// but weigh little: two firms are not alike because both are limited companies.
/// </summary>
public static class LegalForms
{
    // Spelled-out forms folded to one short form so "Company Limited" and "Co., Ltd." compare equal.
    // ZAO and PAO written in Latin letters are left alone: they are also Chinese names (Pao Yu Yi); in Cyrillic they are read.
    private static readonly Dictionary<string, string> Canonical = new(StringComparer.Ordinal)
    {
        ["company"] = "co", ["compagnie"] = "co", ["limited"] = "ltd", ["corporation"] = "corp", ["incorporated"] = "inc",
        ["gesellschaft"] = "gmbh", ["obshchestvo"] = "ooo", ["kabushiki"] = "kk", ["kaisha"] = "kk", ["gaisha"] = "kk",
        ["private"] = "pvt", ["proprietary"] = "pty", ["cie"] = "co", ["llc"] = "llc", ["l.l.c"] = "llc",
        ["aktiengesellschaft"] = "ag", ["oao"] = "ojsc", ["ao"] = "jsc", ["ooo"] = "llc",
        ["youxian"] = "ltd", ["gongsi"] = "co", ["zrt"] = "ltd", ["kft"] = "ltd", ["sp"] = "co", ["zoo"] = "ltd",
    };

    private static readonly HashSet<string> Forms = new(StringComparer.Ordinal)
    {
        "co", "ltd", "llc", "inc", "corp", "plc", "llp", "lp", "gmbh", "ag", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "oy",
        "ab", "kk", "jsc", "ojsc", "cjsc", "pjsc", "ooo", "oao", "tov", "pte", "pvt", "pty", "bhd", "sdn", "fze",
        "fzco", "fzc", "fzllc", "jv", "kg", "ohg", "ug", "doo", "dd", "ad", "eood", "sro", "as", "asa", "oyj", "spzoo", "tic",
        "ltda", "sae", "sal", "wll", "psc", "est", "co.", "tbk", "jsc.", "cv", "pt",
    };

    private static readonly HashSet<string> FillerWords = new(StringComparer.Ordinal)
    {
        // not "da" or "do": they are also Korean name syllables (Da-young, Do-hyun), and weigh little by rarity anyway
        "the", "of", "and", "for", "de", "la", "le", "el", "del", "der", "die", "und", "et", "y", "dos", "das", "al",
        // titles and honorifics written before a name in notes and news ("President Erdogan", "Sheikh Isa", "Dr. Kim")
        "mr", "mrs", "ms", "miss", "mister", "dr", "prof", "professor", "president", "sheikh", "shaikh", "sheik", "haji",
        "hajji", "mullah", "mulla", "maulana", "maulvi", "mawlawi", "comrade", "sir", "madame", "mme", "excellency", "hon",
    };

    // Short forms of common words in company names, as registries and HR systems abbreviate them.
    private static readonly Dictionary<string, string> Abbreviations = new(StringComparer.Ordinal)
    {
        ["intl"] = "international", ["int"] = "international", ["natl"] = "national", ["mfg"] = "manufacturing",
        ["assn"] = "association", ["assoc"] = "association", ["dept"] = "department", ["univ"] = "university",
        ["inst"] = "institute", ["govt"] = "government", ["tech"] = "technology", ["mgmt"] = "management",
        ["svcs"] = "services", ["bros"] = "brothers", ["hldgs"] = "holdings", ["grp"] = "group", ["inds"] = "industries",
        ["engg"] = "engineering", ["equip"] = "equipment", ["trdg"] = "trading", ["shpg"] = "shipping", ["devt"] = "development",
    };

    // Short forms that stand for several words, written out so they meet the full name ("IT" = information technology).
    private static readonly Dictionary<string, string[]> MultiWordAbbreviations = new(StringComparer.Ordinal)
    {
        ["it"] = ["information", "technology"], ["us"] = ["united", "states"], ["usa"] = ["united", "states"],
        ["uk"] = ["united", "kingdom"], ["uae"] = ["united", "arab", "emirates"], ["ict"] = ["information", "communication", "technology"],
    };

    /// <summary>The words a multi-word abbreviation stands for, or the token alone.</summary>
    public static IEnumerable<string> Expand(string token) => MultiWordAbbreviations.TryGetValue(token, out var words) ? words : [token];

    // Words that say what kind of body a name belongs to, or where, rather than which one it is. A name whose matched
    // words are all of this kind ("Korea Trading Corporation") has not named anyone yet.
    private static readonly HashSet<string> GenericWords = new(StringComparer.Ordinal)
    {
        "trading", "trade", "traders", "bank", "banking", "group", "holding", "holdings", "international", "industries",
        "industry", "industrial", "import", "export", "imports", "exports", "technology", "technologies", "network",
        "networks", "solutions", "services", "service", "general", "national", "development", "investment", "investments",
        "commercial", "enterprise", "enterprises", "shipping", "marine", "maritime", "logistics", "energy", "construction",
        "engineering", "equipment", "machinery", "electronics", "electronic", "software", "systems", "system", "global",
        "united", "joint", "venture", "partners", "capital", "fund", "trust", "association", "committee", "bureau", "ministry",
        "department", "office", "center", "centre", "factory", "plant", "works", "mining", "oil", "gas", "petroleum",
        "chemical", "chemicals", "pharmaceutical", "medical", "foreign", "economic", "cooperation", "management",
        "consulting", "resources", "products", "manufacturing", "transport", "airlines", "aviation", "steel", "metal",
        "metals", "security", "finance", "financial", "insurance", "university", "institute", "research", "academy",
        "agency", "council", "republic", "state", "people", "peoples", "democratic", "federal", "government", "new",
        "korea", "korean", "chosun", "choson", "joson", "dprk", "china", "chinese", "sino", "russia", "russian", "asia",
        "asian", "pacific", "europe", "european", "america", "american", "africa", "african", "arab", "arabian", "middle",
        "east", "west", "north", "south", "eastern", "western", "northern", "southern", "central", "hong", "kong",
    };

    // Legal forms written out in several words, replaced by their short form (longest first).
    private static readonly (string[] Words, string Form)[] Phrases =
    [
        (["obshchestvo", "s", "ogranichennoi", "otvetstvennostiu"], "llc"), (["obshchestvo", "s", "ogranichennoy", "otvetstvennostyu"], "llc"),
        (["gesellschaft", "mit", "beschrankter", "haftung"], "gmbh"), (["societatea", "cu", "raspundere", "limitata"], "srl"),
        (["open", "joint", "stock", "company"], "ojsc"), (["closed", "joint", "stock", "company"], "cjsc"),
        (["public", "joint", "stock", "company"], "pjsc"), (["joint", "stock", "company"], "jsc"),
        (["aktsionernoe", "obshchestvo"], "jsc"), (["limited", "liability", "company"], "llc"), (["limited", "liability", "partnership"], "llp"),
        (["public", "limited", "company"], "plc"), (["societe", "anonyme"], "sa"), (["sociedad", "anonima"], "sa"),
    ];

    // Long words of written-out legal forms, which clerks and HR systems often mistype ("Comapny", "Limiteed").
    private static readonly string[] LongFormWords =
    [
        "company", "limited", "liability", "corporation", "closed", "incorporated", "private", "partnership", "gesellschaft",
        "beschrankter", "haftung", "obshchestvo", "ogranichennoy", "ogranichennoi", "otvetstvennostyu", "otvetstvennostiu",
        "aktsionernoe", "aktiengesellschaft", "societe", "anonyme", "sociedad", "anonima", "kabushiki", "proprietary",
    ];

    /// <summary>Puts right a mistyped word of a written-out legal form: a word of six letters or more, not itself a form word,
    /// that starts with the same letter as one and is one edit from it (two from nine letters on).</summary>
    public static void CorrectFormTypos(List<string> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Length < 6 || Canonical.ContainsKey(token) || Forms.Contains(token))
            {
                continue;
            }
            string? best = null;
            var bestDistance = int.MaxValue;
            foreach (var word in LongFormWords)
            {
                if (word[0] != token[0] || Math.Abs(word.Length - token.Length) > 2 || word == token)
                {
                    continue;
                }
                var allowed = Math.Min(token.Length, word.Length) >= 9 ? 2 : 1;
                var distance = Similarity.TranspositionDistance(token, word);
                if (distance == 2 && token.Length == word.Length)
                {
                    continue; // two letters replaced is another word more often than a slip (Cooperation / corporation)
                }
                if (distance <= allowed && distance < bestDistance
                    && (!OneLetterReplaced(token, word) || IsFormWord(tokens, i - 1) || IsFormWord(tokens, i + 1)))
                {
                    (best, bestDistance) = (word, distance);
                }
            }
            if (best is not null)
            {
                tokens[i] = best;
            }
        }
    }

    /// <summary>One letter replaced by another is also how different words differ ("Limiter" / limited), so that slip is put
    /// right only next to another form word; dropped, doubled and swapped letters are slips wherever they are.</summary>
    private static bool OneLetterReplaced(string a, string b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }
        var differences = 0;
        for (var i = 0; i < a.Length; i++)
        {
            differences += a[i] != b[i] ? 1 : 0;
        }
        return differences == 1;
    }

    private static bool IsFormWord(List<string> tokens, int index) =>
        index >= 0 && index < tokens.Count && (Forms.Contains(tokens[index]) || Canonical.ContainsKey(tokens[index])
            || Array.IndexOf(LongFormWords, tokens[index]) >= 0 || tokens[index] is "joint" or "stock" or "public" or "open");

    /// <summary>Replaces written-out legal forms ("limited liability company") by their short form ("llc").</summary>
    public static List<string> ReplacePhrases(List<string> tokens)
    {
        foreach (var (words, form) in Phrases)
        {
            for (var i = 0; i + words.Length <= tokens.Count; i++)
            {
                var all = true;
                for (var k = 0; k < words.Length && all; k++)
                {
                    all = tokens[i + k] == words[k];
                }
                if (all)
                {
                    tokens.RemoveRange(i, words.Length);
                    tokens.Insert(i, form);
                }
            }
        }
        return tokens;
    }

    /// <summary>The short form of a legal-form word ("limited" = "ltd"), the full form of an abbreviation ("intl" =
    /// "international"), or the token unchanged.</summary>
    public static string CanonicalForm(string token) =>
        Canonical.TryGetValue(token, out var form) ? form : Abbreviations.TryGetValue(token, out var word) ? word : token;

    /// <summary>A word that names a kind of body or a place rather than a particular one (trading, bank, Korea).</summary>
    public static bool IsGeneric(string token) =>
        GenericWords.Contains(token) || (token.Length > 3 && Unmask.Domain.Countries.TryGetCode(token, out _));

    public static bool IsLegalForm(string token) => Forms.Contains(token);

    /// <summary>Articles and prepositions that carry little identity ("Bank of East Land").</summary>
    public static bool IsFiller(string token) => FillerWords.Contains(token);

    /// <summary>Chinese, Japanese and Russian legal forms written in their own scripts, with the Latin short forms they mean.
    /// Longest first, so 股份有限公司 is recognised before 有限公司.</summary>
    public static readonly IReadOnlyList<(string Native, string Latin)> NativeForms =
    [
        ("股份有限公司", " co ltd "), ("有限责任公司", " co ltd "), ("有限責任公司", " co ltd "), ("有限公司", " co ltd "),
        ("株式会社", " kk "), ("公司", " co "), ("集团", " group "), ("集團", " group "),
        ("ООО", " ooo "), ("ОАО", " oao "), ("ЗАО", " cjsc "), ("ПАО", " pjsc "), ("АО", " ao "), ("ТОВ", " tov "),
        ("주식회사", " co ltd "), ("유한회사", " co ltd "), ("㈜", " co ltd "),
    ];
}

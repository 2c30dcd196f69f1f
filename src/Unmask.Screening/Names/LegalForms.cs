namespace Unmask.Screening.Names;

/// <summary>
/// Company legal forms and filler words. They are kept as tokens (so "X Co., Ltd." still differs a little from "X Corp")
/// but weigh little: two firms are not alike because both are limited companies.
/// </summary>
public static class LegalForms
{
    // Spelled-out forms folded to one short form so "Company Limited" and "Co., Ltd." compare equal.
    private static readonly Dictionary<string, string> Canonical = new(StringComparer.Ordinal)
    {
        ["company"] = "co", ["compagnie"] = "co", ["limited"] = "ltd", ["corporation"] = "corp", ["incorporated"] = "inc",
        ["gesellschaft"] = "gmbh", ["obshchestvo"] = "ooo", ["kabushiki"] = "kk", ["kaisha"] = "kk", ["gaisha"] = "kk",
        ["private"] = "pvt", ["proprietary"] = "pty", ["cie"] = "co", ["llc"] = "llc", ["l.l.c"] = "llc",
        ["youxian"] = "ltd", ["gongsi"] = "co", ["zrt"] = "ltd", ["kft"] = "ltd", ["sp"] = "co", ["zoo"] = "ltd",
    };

    private static readonly HashSet<string> Forms = new(StringComparer.Ordinal)
    {
        "co", "ltd", "llc", "inc", "corp", "plc", "llp", "lp", "gmbh", "ag", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "oy",
        "ab", "kk", "jsc", "ojsc", "cjsc", "pjsc", "ooo", "zao", "oao", "pao", "tov", "pte", "pvt", "pty", "bhd", "sdn", "fze",
        "fzco", "fzc", "fzllc", "jv", "kg", "ohg", "ug", "doo", "dd", "ad", "eood", "sro", "as", "asa", "oyj", "spzoo", "tic",
        "ltda", "sae", "sal", "wll", "psc", "est", "co.", "tbk", "jsc.", "cv", "pt",
    };

    private static readonly HashSet<string> FillerWords = new(StringComparer.Ordinal)
    {
        "the", "of", "and", "for", "de", "la", "le", "el", "del", "der", "die", "und", "et", "y", "da", "do", "dos", "das", "al",
    };

    /// <summary>The short form of a legal-form word ("limited" = "ltd"), or the token unchanged.</summary>
    public static string CanonicalForm(string token) => Canonical.TryGetValue(token, out var form) ? form : token;

    public static bool IsLegalForm(string token) => Forms.Contains(token);

    /// <summary>Articles and prepositions that carry little identity ("Bank of East Land").</summary>
    public static bool IsFiller(string token) => FillerWords.Contains(token);

    /// <summary>Chinese, Japanese and Russian legal forms written in their own scripts, with the Latin short forms they mean.
    /// Longest first, so 股份有限公司 is recognised before 有限公司.</summary>
    public static readonly IReadOnlyList<(string Native, string Latin)> NativeForms =
    [
        ("股份有限公司", " co ltd "), ("有限责任公司", " co ltd "), ("有限責任公司", " co ltd "), ("有限公司", " co ltd "),
        ("株式会社", " kk "), ("公司", " co "), ("集团", " group "), ("集團", " group "),
        ("ООО", " ooo "), ("ОАО", " oao "), ("ЗАО", " zao "), ("ПАО", " pao "), ("АО", " ao "), ("ТОВ", " tov "),
        ("주식회사", " co ltd "), ("유한회사", " co ltd "), ("㈜", " co ltd "),
    ];
}

using System.Globalization;
using System.Text;

namespace Unmask.Domain;

/// <summary>
/// Country names as lists write them ("Korea, North", "Democratic People's Republic of Korea", "Russian Federation")
/// to FtM country codes (lower-case ISO 3166-1 alpha-2, e.g. <c>kp</c>). Names come from the platform's region data
/// plus the variants sanctions lists use.
/// </summary>
public static class Countries
{
    // Spellings used by OFAC, the UN, the EU and the UK lists, and common short forms.
    private static readonly (string Name, string Code)[] Variants =
    [
        ("Korea, North", "kp"), ("North Korea", "kp"), ("Democratic People's Republic of Korea", "kp"), ("DPRK", "kp"),
        ("Korea, Democratic People's Republic of", "kp"), ("Korea (North)", "kp"), ("PRK", "kp"),
        ("North Korea (Democratic People's Republic of Korea)", "kp"), ("Korea DPR", "kp"), ("Korea, DPR", "kp"),
        ("Korea, South", "kr"), ("South Korea", "kr"), ("Republic of Korea", "kr"), ("Korea, Republic of", "kr"), ("Korea", "kr"),
        ("Russia", "ru"), ("Russian Federation", "ru"), ("China", "cn"), ("People's Republic of China", "cn"), ("PRC", "cn"),
        ("China, People's Republic of", "cn"), ("Hong Kong", "hk"), ("Macau", "mo"), ("Macao", "mo"), ("Taiwan", "tw"),
        ("Iran", "ir"), ("Iran (Islamic Republic of)", "ir"), ("Iran, Islamic Republic of", "ir"), ("Syria", "sy"),
        ("Syrian Arab Republic", "sy"), ("Burma", "mm"), ("Myanmar", "mm"), ("Laos", "la"),
        ("Lao People's Democratic Republic", "la"), ("Vietnam", "vn"), ("Viet Nam", "vn"), ("United States", "us"),
        ("United States of America", "us"), ("USA", "us"), ("US", "us"), ("United Kingdom", "gb"), ("UK", "gb"),
        ("Great Britain", "gb"), ("United Kingdom of Great Britain and Northern Ireland", "gb"), ("England", "gb"),
        ("United Arab Emirates", "ae"), ("UAE", "ae"), ("Congo, Democratic Republic of the", "cd"),
        ("Democratic Republic of the Congo", "cd"), ("Congo", "cg"), ("Republic of the Congo", "cg"), ("Tanzania", "tz"),
        ("United Republic of Tanzania", "tz"), ("Bolivia", "bo"), ("Venezuela", "ve"), ("Moldova", "md"),
        ("Republic of Moldova", "md"), ("Cote d'Ivoire", "ci"), ("Ivory Coast", "ci"), ("Czech Republic", "cz"),
        ("Czechia", "cz"), ("Turkey", "tr"), ("Türkiye", "tr"), ("Turkiye", "tr"), ("Palestinian", "ps"), ("Palestine", "ps"),
        ("West Bank", "ps"), ("Gaza", "ps"), ("Brunei", "bn"), ("Cabo Verde", "cv"), ("Cape Verde", "cv"), ("Eswatini", "sz"),
        ("Swaziland", "sz"), ("North Macedonia", "mk"), ("Macedonia", "mk"), ("Kosovo", "xk"), ("Crimea", "ua"),
        ("Region: Crimea", "ua"), ("Micronesia", "fm"), ("Saint Kitts and Nevis", "kn"), ("Saint Lucia", "lc"),
        ("Saint Vincent and the Grenadines", "vc"), ("Sao Tome and Principe", "st"), ("Timor-Leste", "tl"),
        ("East Timor", "tl"), ("Vatican City", "va"), ("Holy See", "va"), ("Bahamas", "bs"), ("Gambia", "gm"),
        ("Netherlands", "nl"), ("Philippines", "ph"), ("Comoros", "km"), ("Sudan", "sd"), ("South Sudan", "ss"),
        ("Libya", "ly"), ("Yemen", "ye"), ("Afghanistan", "af"), ("Iraq", "iq"), ("Lebanon", "lb"), ("Cuba", "cu"),
        ("Belarus", "by"), ("Ukraine", "ua"), ("Singapore", "sg"), ("Malaysia", "my"), ("Indonesia", "id"),
        ("Cambodia", "kh"), ("Thailand", "th"), ("Mongolia", "mn"), ("Nigeria", "ng"), ("Equatorial Guinea", "gq"),
        ("Guinea-Bissau", "gw"), ("Sierra Leone", "sl"), ("Uganda", "ug"), ("Mozambique", "mz"), ("Angola", "ao"),
        ("Namibia", "na"), ("Zimbabwe", "zw"), ("Ethiopia", "et"), ("Eritrea", "er"), ("Somalia", "so"),
        ("Djibouti", "dj"), ("Mali", "ml"), ("Niger", "ne"), ("Chad", "td"), ("Central African Republic", "cf"),
    ];

    private static readonly Dictionary<string, string> ByName = Build();
    private static readonly HashSet<string> Codes = new(ByName.Values, StringComparer.Ordinal);

    /// <summary>Finds the code for a country name or code; false when the text names no country.</summary>
    public static bool TryGetCode(string? text, out string code)
    {
        code = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var trimmed = text.Trim();
        if (trimmed.Length == 2 && Codes.Contains(trimmed.ToLowerInvariant()))
        {
            code = trimmed.ToLowerInvariant();
            return true;
        }
        if (ByName.TryGetValue(Key(trimmed), out var found))
        {
            code = found;
            return true;
        }
        return false;
    }

    /// <summary>English name for a code, e.g. <c>kp</c> → "North Korea".</summary>
    public static string NameOf(string code)
    {
        if (code.Equals("kp", StringComparison.OrdinalIgnoreCase))
        {
            return "North Korea";
        }
        try
        {
            return new RegionInfo(code.ToUpperInvariant()).EnglishName;
        }
        catch (ArgumentException)
        {
            return code;
        }
    }

    private static string Key(string name)
    {
        var folded = name.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }
        var key = builder.ToString().Trim();
        return key.StartsWith("the ", StringComparison.Ordinal) ? key[4..] : key;
    }

    private static Dictionary<string, string> Build()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            RegionInfo region;
            try
            {
                region = new RegionInfo(culture.Name);
            }
            catch (ArgumentException)
            {
                continue;
            }
            if (region.TwoLetterISORegionName.Length != 2 || !region.TwoLetterISORegionName.All(char.IsAsciiLetter))
            {
                continue;
            }
            var code = region.TwoLetterISORegionName.ToLowerInvariant();
            map.TryAdd(Key(region.EnglishName), code);
            map.TryAdd(Key(region.ThreeLetterISORegionName), code);
        }
        foreach (var (name, code) in Variants)
        {
            map[Key(name)] = code;
        }
        return map;
    }
}

using System.Collections.Frozen;
using System.Text;

namespace Unmask.LinkGraph.Normalisation;

/// <summary>
/// Phone numbers to E.164 without libphonenumber: accepts numbers already in E.164 (<c>+13125550123</c>), international
/// forms (<c>+44 20 7946 0018</c>, <c>0044…</c>, NANP <c>011…</c>) and national forms when a country hint (ISO alpha-2)
/// is given: NANP 10-digit numbers (optionally with a leading 1), elsewhere the trunk prefix 0 is dropped (kept for
/// Italy, San Marino and the Vatican, whose numbers keep it). It does not check number plans: a well-formed 8-15 digit
/// result is accepted. Extensions (<c>ext. 12</c>, <c>x12</c>) are dropped.
/// </summary>
public static class PhoneNumbers
{
    private static readonly FrozenDictionary<string, string> CallingCodes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["us"] = "1", ["ca"] = "1", ["pr"] = "1", ["gb"] = "44", ["ie"] = "353", ["de"] = "49", ["fr"] = "33", ["nl"] = "31",
        ["be"] = "32", ["lu"] = "352", ["ch"] = "41", ["at"] = "43", ["it"] = "39", ["sm"] = "378", ["va"] = "39", ["es"] = "34",
        ["pt"] = "351", ["pl"] = "48", ["cz"] = "420", ["sk"] = "421", ["hu"] = "36", ["ro"] = "40", ["bg"] = "359", ["gr"] = "30",
        ["se"] = "46", ["no"] = "47", ["dk"] = "45", ["fi"] = "358", ["ee"] = "372", ["lv"] = "371", ["lt"] = "370", ["ua"] = "380",
        ["ru"] = "7", ["by"] = "375", ["kz"] = "7", ["tr"] = "90", ["il"] = "972", ["ae"] = "971", ["sa"] = "966", ["in"] = "91",
        ["pk"] = "92", ["bd"] = "880", ["cn"] = "86", ["hk"] = "852", ["mo"] = "853", ["tw"] = "886", ["jp"] = "81", ["kr"] = "82",
        ["kp"] = "850", ["mn"] = "976", ["vn"] = "84", ["th"] = "66", ["la"] = "856", ["kh"] = "855", ["my"] = "60", ["sg"] = "65",
        ["id"] = "62", ["ph"] = "63", ["au"] = "61", ["nz"] = "64", ["za"] = "27", ["ng"] = "234", ["ke"] = "254", ["eg"] = "20",
        ["br"] = "55", ["ar"] = "54", ["cl"] = "56", ["co"] = "57", ["mx"] = "52", ["pe"] = "51", ["ve"] = "58",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Nanp = new[] { "us", "ca", "pr" }.ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string> KeepsTrunkZero = new[] { "it", "sm", "va" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Normalises <paramref name="text"/> to E.164 (<c>+</c> and 8-15 digits); false when it cannot.</summary>
    public static bool TryNormalise(string? text, string? countryHint, out string e164)
    {
        e164 = "";
        if (string.IsNullOrWhiteSpace(text) || text.Length > 64)
        {
            return false;
        }
        var value = StripExtension(text.Trim());
        var plus = value.TrimStart().StartsWith('+');
        var digits = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (!(c is ' ' or '-' or '.' or '(' or ')' or '/' or '+' or '\u00A0'))
            {
                return false;
            }
        }
        var number = digits.ToString();
        var hint = countryHint?.Trim().ToLowerInvariant();
        string international;
        if (plus)
        {
            international = number;
        }
        else if (number.StartsWith("00", StringComparison.Ordinal))
        {
            international = number[2..];
        }
        else if (hint is not null && Nanp.Contains(hint) && number.StartsWith("011", StringComparison.Ordinal))
        {
            international = number[3..];
        }
        else if (hint is not null && Nanp.Contains(hint))
        {
            international = number.Length == 10 ? "1" + number : number.Length == 11 && number[0] == '1' ? number : "";
        }
        else if (hint is not null && CallingCodes.TryGetValue(hint, out var code))
        {
            var national = number.StartsWith('0') && !KeepsTrunkZero.Contains(hint) ? number[1..] : number;
            international = national.StartsWith(code, StringComparison.Ordinal) && national.Length > 10 ? national : code + national;
        }
        else if (hint is null && number.Length == 11 && number[0] == '1')
        {
            international = number;
        }
        else
        {
            return false;
        }
        if (international.Length is < 8 or > 15 || international[0] == '0')
        {
            return false;
        }
        e164 = "+" + international;
        return true;
    }

    private static string StripExtension(string value)
    {
        foreach (var marker in new[] { ";ext=", " ext.", " ext", " extension", " x", "#" })
        {
            var at = value.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
            if (at > 0)
            {
                return value[..at];
            }
        }
        return value;
    }
}

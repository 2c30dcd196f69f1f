namespace Unmask.Watchlists.Uk;

/// <summary>Small parsers for the free-text cells of the OFSI list (numbered lists, tagged "Other Information").</summary>
internal static class OfsiText
{
    /// <summary>
    /// Splits OFSI's numbered lists: <c>(1) Germany. (2) Morocco</c>, <c>1) Saudi Arabia 2) Qatar</c> (2018),
    /// <c>(1) Uganda (2) Uganda (3)Uganda</c>. Text without numbering comes back as one item.
    /// </summary>
    public static List<string> SplitNumbered(string text)
    {
        var items = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return items;
        }
        var starts = new List<(int Marker, int Content)>();
        for (var i = 0; i < text.Length; i++)
        {
            if (i > 0 && !char.IsWhiteSpace(text[i - 1]))
            {
                continue;
            }
            var j = text[i] == '(' ? i + 1 : i;
            var digits = j;
            while (digits < text.Length && char.IsAsciiDigit(text[digits]))
            {
                digits++;
            }
            // One or two digits then ')': "(2017)" or "12345)" are not item numbers.
            if (digits - j is 1 or 2 && digits < text.Length && text[digits] == ')')
            {
                starts.Add((i, digits + 1));
                i = digits;
            }
        }
        if (starts.Count == 0)
        {
            AddItem(items, text);
            return items;
        }
        AddItem(items, text[..starts[0].Marker]);
        for (var k = 0; k < starts.Count; k++)
        {
            var end = k + 1 < starts.Count ? starts[k + 1].Marker : text.Length;
            AddItem(items, text[starts[k].Content..end]);
        }
        return items;
    }

    private static void AddItem(List<string> items, string item)
    {
        var clean = item.Trim().TrimEnd('.', ',', ';').Trim();
        if (clean.Length > 0)
        {
            items.Add(clean);
        }
    }

    /// <summary>Keys OFSI writes as <c>(Key):value</c> in "Other Information" of the 2022 format.</summary>
    public static readonly string[] TaggedKeys =
    [
        "UK Sanctions List Ref", "UN Ref", "UK Statement of Reasons", "Gender", "Phone number", "Email address", "Website",
        "Type of entity", "Parent company", "Subsidiaries", "Business Reg No", "IMO number", "Current owners", "Flag of ship",
        "Previous flags", "Type of ship", "Tonnage of ship", "Length of ship", "Year built", "Fax", "Tel",
    ];

    /// <summary>Splits "Other Information" into its <c>(Key):value</c> parts (values trimmed, trailing full stop dropped).</summary>
    public static List<(string Key, string Value)> Tagged(string text)
    {
        var marks = new List<(int Start, int ValueStart, string Key)>();
        foreach (var key in TaggedKeys)
        {
            var marker = "(" + key + "):";
            var at = 0;
            while ((at = text.IndexOf(marker, at, StringComparison.OrdinalIgnoreCase)) >= 0)
            {
                marks.Add((at, at + marker.Length, key));
                at += marker.Length;
            }
        }
        marks.Sort((a, b) => a.Start.CompareTo(b.Start));
        var parts = new List<(string, string)>(marks.Count);
        for (var i = 0; i < marks.Count; i++)
        {
            var end = i + 1 < marks.Count ? marks[i + 1].Start : text.Length;
            var value = text[marks[i].ValueStart..end].Trim().TrimEnd('.').Trim();
            if (value.Length > 0)
            {
                parts.Add((marks[i].Key, value));
            }
        }
        return parts;
    }

    /// <summary>
    /// The UN reference in the older free-text form: <c>UN Ref QDe.004.</c>, <c>UN Ref. CFi.001.</c>, <c>UN REF:QE.A.146.14.</c>
    /// (first occurrence only: later ones usually name a related listing).
    /// </summary>
    public static string? FreeTextUnReference(string text)
    {
        var at = text.IndexOf("UN Ref", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return null;
        }
        var i = at + "UN Ref".Length;
        // Also "UN Reference KPi.007" and "UN Reference Number: UN Ref KPe.064".
        if (text.AsSpan(i).StartsWith("erence", StringComparison.OrdinalIgnoreCase))
        {
            i += "erence".Length;
        }
        while (i < text.Length && text[i] is ' ' or '.' or ':')
        {
            i++;
        }
        var end = i;
        while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not (',' or ';' or ')'))
        {
            end++;
        }
        var token = text[i..end].TrimEnd('.');
        return token.Contains('.', StringComparison.Ordinal) && token.Any(char.IsAsciiDigit) ? token : null;
    }

    /// <summary>
    /// The document number inside an older-layout passport/NI cell such as <c>Passport No: 592667 (Qatari passport issued
    /// on 3 May 2007)</c> or <c>Tunisia number G557170 issued on 16 Nov 1989</c>: the first word with at least four digits.
    /// </summary>
    public static string? DocumentNumber(string text)
    {
        foreach (var word in text.Split([' ', ',', ';', ':', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
        {
            var token = word.TrimEnd('.');
            if (token.Count(char.IsAsciiDigit) >= 4)
            {
                return token;
            }
        }
        return null;
    }
}

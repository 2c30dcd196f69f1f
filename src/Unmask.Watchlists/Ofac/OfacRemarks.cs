using Unmask.Domain;

namespace Unmask.Watchlists.Ofac;

/// <summary>
/// The legacy CSV's Remarks field: a "; "-separated list of <c>Key value</c> items ending in ".", e.g.
/// <c>DOB 25 Apr 1965; POB North Pyongan Province, North Korea; nationality Korea, North; Digital Currency Address - XBT 1D6g…;
/// alt. Passport 827220538 (Korea, North)</c>. Repeats carry an <c>alt.</c> prefix. OFAC prints the weak (low-quality) a.k.a.s
/// here as <c>a.k.a. 'NAME'</c>; the strong ones are in alt.csv (checked against the XML's aka category: every weak aka of
/// the non-SDN list is in its CSV remarks and none is in cons_alt.csv).
/// </summary>
internal static class OfacRemarks
{
    private static readonly Dictionary<char, string[]> KeysByFirstChar = OfacFields.RemarkKeys
        .GroupBy(k => k[0])
        .ToDictionary(g => g.Key, g => g.ToArray());

    /// <summary>Adds every item of <paramref name="remarks"/> to <paramref name="entity"/>; unknown items go to notes.
    /// Throws <see cref="InputException"/> for a DOB that is not a date.</summary>
    public static void Apply(Entity entity, string remarks, string file, long line)
    {
        var text = remarks.Trim();
        if (text.EndsWith('.'))
        {
            text = text[..^1];
        }
        foreach (var raw in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            ApplyItem(entity, raw, file, line);
        }
    }

    private static void ApplyItem(Entity entity, string item, string file, long line)
    {
        var body = item;
        if (body.StartsWith("alt. ", StringComparison.OrdinalIgnoreCase))
        {
            body = body[5..].TrimStart();
        }
        if (TryQuotedName(body, "a.k.a.", out var weak))
        {
            entity.Add("weakAlias", weak);
            return;
        }
        if (TryQuotedName(body, "f.k.a.", out var former))
        {
            entity.Add("previousName", former);
            return;
        }
        if (TryQuotedName(body, "n.k.a.", out var now))
        {
            entity.Add("alias", now);
            return;
        }
        if (body.StartsWith("DOB ", StringComparison.Ordinal))
        {
            var value = body[4..];
            var dates = OfacDates.Parse(value);
            if (dates.Count == 0)
            {
                throw new InputException(file, line, $"Remarks item '{item}': DOB '{value.Trim()}' is not a date (expected e.g. 25 Apr 1965, 1965, circa 1965 or 1953 to 1954)");
            }
            foreach (var date in dates)
            {
                OfacFields.AddOrNote(entity, "birthDate", date, $"DOB {value}");
            }
            return;
        }
        var key = FindKey(body);
        if (key is not null && OfacFields.Add(entity, key, body[key.Length..]))
        {
            return;
        }
        entity.Add("notes", item);
    }

    /// <summary>The typed-detail key an item starts with, or null. "Digital Currency Address - XBT" ends at the asset code.</summary>
    private static string? FindKey(string body)
    {
        const string Wallet = "Digital Currency Address - ";
        if (body.StartsWith(Wallet, StringComparison.Ordinal))
        {
            var space = body.IndexOf(' ', Wallet.Length);
            return space < 0 ? null : body[..space];
        }
        if (body.Length == 0 || !KeysByFirstChar.TryGetValue(body[0], out var keys))
        {
            return null;
        }
        foreach (var key in keys)
        {
            if (body.Length > key.Length && body[key.Length] == ' ' && body.StartsWith(key, StringComparison.Ordinal))
            {
                return key;
            }
        }
        return null;
    }

    /// <summary><c>a.k.a. 'NAME'</c> → NAME (the quotes are OFAC's; apostrophes inside the name stay).</summary>
    private static bool TryQuotedName(string body, string prefix, out string name)
    {
        name = "";
        if (!body.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var rest = body[prefix.Length..].Trim();
        if (rest.Length >= 2 && rest[0] == '\'' && rest[^1] == '\'')
        {
            rest = rest[1..^1];
        }
        else if (rest.Length >= 1 && rest[0] == '\'')
        {
            rest = rest[1..];
        }
        name = rest.Trim();
        return name.Length > 0;
    }
}

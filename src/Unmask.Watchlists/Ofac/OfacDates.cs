using Unmask.Domain;

namespace Unmask.Watchlists.Ofac;

/// <summary>Dates as OFAC writes them in prose: <c>25 Apr 1965</c>, <c>Apr 1965</c>, <c>1962</c>, <c>circa 1960</c>,
/// ranges <c>1953 to 1954</c> / <c>01 Jan 1953 to 31 Dec 1954</c> / <c>circa 1959-1961</c> (both ends are kept).</summary>
internal static class OfacDates
{
    /// <summary>The ISO forms of the date or of both range ends; empty when the text is not a date.</summary>
    public static IReadOnlyList<string> Parse(string text)
    {
        var value = text.Trim().TrimEnd('.', ';').Trim();
        foreach (var prefix in (string[])["circa ", "approximately ", "approx. ", "c. "])
        {
            if (value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                value = value[prefix.Length..].Trim();
            }
        }
        var ends = value.Split(" to ", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (ends.Length == 1 && value.Length == 9 && value[4] == '-' && value.Replace("-", "", StringComparison.Ordinal).All(char.IsAsciiDigit))
        {
            ends = [value[..4], value[5..]]; // "1959-1961"
        }
        if (ends.Length is < 1 or > 2)
        {
            return [];
        }
        var result = new List<string>(ends.Length);
        foreach (var end in ends)
        {
            if (!PartialDate.TryParseText(end, out var date))
            {
                return [];
            }
            result.Add(date.ToString());
        }
        return result;
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using Unmask.Domain;

namespace Unmask.Watchlists.FollowTheMoney;

/// <summary>
/// Whether a value read from an FtM file is of its property's type, for the types whose values Unmask compares or
/// computes with: dates (screening compares birth dates), countries (screening and the graph compare codes) and numbers.
/// Other types are text to FtM too and are kept as written.
/// </summary>
public static partial class FtmValueCheck
{
    /// <summary>The value to keep (a country name becomes its code, as FtM's own country type cleans it), or null with the
    /// reason the value is not of the type.</summary>
    public static string? Read(PropertyType type, string value, out string? problem)
    {
        problem = null;
        var trimmed = value.Trim();
        switch (type)
        {
            case PropertyType.Date:
                if (PartialDate.TryParseIso(trimmed, out _))
                {
                    return trimmed;
                }
                problem = "is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD, optionally with a time)";
                return null;
            case PropertyType.Country:
                if (Countries.TryGetCode(trimmed, out var code))
                {
                    return code;
                }
                if (TerritoryCode().IsMatch(trimmed))
                {
                    return trimmed.ToLowerInvariant();
                }
                problem = "is not a country code (expected ISO 3166-1 alpha-2 such as kp, or an FtM territory code such as eu, zz, suhh, ge-ab)";
                return null;
            case PropertyType.Number:
                if (NumberPrefix().IsMatch(trimmed))
                {
                    return trimmed;
                }
                problem = "is not a number";
                return null;
            default:
                return value;
        }
    }

    // FtM's country type also holds codes that are not ISO 3166-1 countries: regions and organisations (eu, zz for
    // "global"), former states (suhh, csxx, yucs, ddde) and territories written as ISO 3166-2 (ge-ab, cy-trnc, x-so).
    [GeneratedRegex("^(?:[a-z]{2}|suhh|csxx|yucs|ddde|anhh|[a-z]{1,2}-[a-z0-9]{1,4})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TerritoryCode();

    // Numbers are written with thousands separators and sometimes a unit ("10,000.50", "1 500 RUB", "-3.5 %"): a number
    // is a value that starts with one.
    [GeneratedRegex(@"^[-+]?\d[\d,.' ]*(?:[eE][-+]?\d+)?(?:\s*\S.*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPrefix();

    internal static string Quote(string value) =>
        "'" + (value.Length <= 60 ? value : value[..57] + "...") + "'";

    internal static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);
}

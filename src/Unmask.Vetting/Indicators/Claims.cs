using Unmask.Vetting.Model;
using Unmask.Vetting.Normalisation;

namespace Unmask.Vetting.Indicators;

/// <summary>The locations a record claims: its <c>country</c> and the countries named in <c>address</c> and <c>shipping_address</c>.
/// Geography is only ever compared with these (INDICATORS.md §2 rule 2).</summary>
public static class Claims
{
    public static IReadOnlySet<string> Countries(VetRecord record)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (record.Country is not null)
        {
            set.Add(record.Country);
        }
        if (AddressKey.CountryOf(record.Address) is { } home)
        {
            set.Add(home);
        }
        if (AddressKey.CountryOf(record.ShippingAddress) is { } ship)
        {
            set.Add(ship);
        }
        return set;
    }

    /// <summary>The country whose clock the person claims to live by: <c>country</c>, else the home address country.</summary>
    public static string? HomeCountry(VetRecord record) => record.Country ?? AddressKey.CountryOf(record.Address);

    public static string Upper(IEnumerable<string> countries) => string.Join("/", countries.Order().Select(c => c.ToUpperInvariant()));

    public static Dictionary<string, string> Data(params (string Key, string? Value)[] pairs) =>
        pairs.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal);
}

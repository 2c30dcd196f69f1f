using Unmask.Domain;

namespace Unmask.Vetting.Normalisation;

/// <summary>
/// Address normaliser for comparing home and ship-to addresses (INDICATORS.md SHIPPING_ADDRESS_DIFFERS, ADDRESS_SHARED):
/// case, punctuation and accents folded, USPS Publication 28 street-suffix and unit-designator abbreviations applied
/// ("Street"→"st", "Apartment"→"apt", "#"→"unit"), unit numbers kept (CONTRACT.md: the unit is part of the address node).
/// </summary>
public static class AddressKey
{
    // USPS Publication 28, Appendix C1 (street suffixes) and C2 (secondary unit designators), most common entries,
    // plus directionals; other countries' common words are left as written.
    private static readonly Dictionary<string, string> Abbreviations = new(StringComparer.Ordinal)
    {
        ["street"] = "st", ["str"] = "st", ["avenue"] = "ave", ["av"] = "ave", ["boulevard"] = "blvd", ["road"] = "rd", ["drive"] = "dr",
        ["lane"] = "ln", ["court"] = "ct", ["place"] = "pl", ["square"] = "sq", ["terrace"] = "ter", ["parkway"] = "pkwy",
        ["highway"] = "hwy", ["circle"] = "cir", ["trail"] = "trl", ["way"] = "way", ["route"] = "rte", ["suite"] = "ste",
        ["apartment"] = "apt", ["unit"] = "unit", ["building"] = "bldg", ["floor"] = "fl", ["room"] = "rm", ["number"] = "no",
        ["north"] = "n", ["south"] = "s", ["east"] = "e", ["west"] = "w", ["northeast"] = "ne", ["northwest"] = "nw",
        ["southeast"] = "se", ["southwest"] = "sw", ["mount"] = "mt", ["fort"] = "ft", ["saint"] = "st",
    };

    /// <summary>The comparable form, e.g. "12 North Main Street, Apt. 4B, Boise ID" → "12 n main st apt 4b boise id".</summary>
    public static string Of(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return "";
        }
        var tokens = TextFold.Tokens(address.Replace("#", " unit ", StringComparison.Ordinal));
        return string.Join(' ', tokens.Select(t => Abbreviations.TryGetValue(t, out var a) ? a : t));
    }

    /// <summary>The country an address names in its last comma-separated part ("…, Boise, ID 83702, US" → us), if any.</summary>
    public static string? CountryOf(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return null;
        }
        var last = address.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        return last is not null && Countries.TryGetCode(last, out var code) ? code : null;
    }
}

using PhoneNumbers;
using PhoneNumber = Unmask.Vetting.Model.PhoneNumber;

namespace Unmask.Vetting.Normalisation;

/// <summary>Phone parsing to E.164 with libphonenumber (the region from the record's claimed country when the number has no +).</summary>
public static class Phones
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public static bool TryParse(string? text, string? defaultCountry, out PhoneNumber phone)
    {
        phone = null!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        try
        {
            var region = defaultCountry?.ToUpperInvariant() ?? "ZZ";
            var parsed = Util.Parse(text.Trim(), region);
            if (!Util.IsValidNumber(parsed))
            {
                return false;
            }
            var regionCode = Util.GetRegionCodeForNumber(parsed);
            var type = Util.GetNumberType(parsed);
            phone = new PhoneNumber(
                Util.Format(parsed, PhoneNumberFormat.E164),
                regionCode is null or "ZZ" or "001" ? null : regionCode.ToLowerInvariant(),
                type == PhoneNumberType.VOIP);
            return true;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }
}

using PhoneNumbers;
using PhoneNumber = Unmask.Vetting.Model.PhoneNumber;

namespace Unmask.Vetting.Normalisation;

/// <summary>
/// Phone parsing memoised per distinct (text, default country) for one reader; safe to share between threads. libphonenumber's
/// thread safety is not documented for the C# port (twcclegg/libphonenumber-csharp #84, #96 report races), so calls into it
/// are serialised; the cache makes repeated numbers (switchboards, shared phones) free.
/// </summary>
public sealed class PhoneCache
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Text, string? Country), PhoneNumber?> _parsed = new();
    private readonly Lock _library = new();

    public bool TryParse(string? text, string? defaultCountry, out PhoneNumber phone)
    {
        phone = null!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        if (!_parsed.TryGetValue((text, defaultCountry), out var parsed))
        {
            lock (_library)
            {
                parsed = Phones.TryParse(text, defaultCountry, out var p) ? p : null;
            }
            _parsed.TryAdd((text, defaultCountry), parsed);
        }
        if (parsed is null)
        {
            return false;
        }
        phone = parsed;
        return true;
    }
}

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

using Unmask.Vetting.Model;
using Unmask.Vetting.Normalisation;
using Unmask.Vetting.Reference;
using Unmask.Vetting.Scoring;
using static Unmask.Vetting.Indicators.Claims;

namespace Unmask.Vetting.Indicators;

/// <summary>Contact and location indicators of INDICATORS.md §4.2-4.3 that look at one record.</summary>
public static class ContactIndicators
{
    /// <summary>PHONE_VOIP: libphonenumber types the number as VoIP, or the carrier lookup column says VoIP. Derived from
    /// [ADV-2022], [SEAL]. libphonenumber has no VoIP ranges for NANP (+1), so US numbers need <c>phone_line_type</c>.</summary>
    public static Finding? PhoneVoip(VetRecord record)
    {
        if (record.Phone is null)
        {
            return null;
        }
        var lineType = record.PhoneLineType?.Trim().ToLowerInvariant();
        var fromColumn = lineType is "nonfixedvoip" or "voip" or "non-fixed voip" or "fixedvoip";
        if (!record.Phone.IsVoip && !fromColumn)
        {
            return null;
        }
        var how = record.Phone.IsVoip ? "is a VoIP range (libphonenumber)" : $"is a VoIP line (carrier lookup: {record.PhoneLineType})";
        return new Finding(FindingCodes.PhoneVoip, Severity.Low, $"{record.Phone.E164} {how}", "ADV-2022",
            Data(("phone", record.Phone.E164), ("line_type", record.PhoneLineType)));
    }

    /// <summary>EMAIL_KNOWN_PERSONA: the e-mail, or an e-mail given for a reference, is a published DPRK persona address.
    /// [TAYVANO], [DOJ-2024-12], [MSFT-2025].</summary>
    public static Finding? EmailKnownPersona(VetRecord record, VettingReferenceData reference)
    {
        var candidates = new List<(string Role, Unmask.Domain.Identifiers.EmailAddress Email)>();
        if (record.Email is not null)
        {
            candidates.Add(("e-mail", record.Email));
        }
        candidates.AddRange(record.References.Where(r => r.Email is not null).Select(r => ($"reference '{r.Name}' e-mail", r.Email!)));
        foreach (var (role, email) in candidates)
        {
            if (reference.PersonaEmail(email) is { } source)
            {
                return new Finding(FindingCodes.EmailKnownPersona, Severity.Critical,
                    $"{role} {email.Value} is listed ({source.Describe()})", source.Dataset.Contains("tayvano", StringComparison.OrdinalIgnoreCase) ? "TAYVANO" : "DOJ-2024-12",
                    Data(("email", email.Canonical), ("list", source.Dataset), ("entry", source.EntityId)),
                    source.EntityId is { } id ? [new VetLink($"entity:{id}", $"email:{email.Canonical}")] : null);
            }
        }
        return null;
    }

    /// <summary>SHIPPING_ADDRESS_DIFFERS: the equipment ship-to address is not the home address after normalisation.
    /// [PSA-2023-10], [PSA-2024-05], [U42-2024], [KB4-2024]. Allowlisted office addresses do not count.</summary>
    public static Finding? ShippingAddressDiffers(VetRecord record, IReadOnlySet<string> allowedAddresses)
    {
        var ship = AddressKey.Of(record.ShippingAddress);
        var home = AddressKey.Of(record.Address);
        if (ship.Length == 0 || home.Length == 0 || ship == home || allowedAddresses.Contains(ship))
        {
            return null;
        }
        return new Finding(FindingCodes.ShippingAddressDiffers, Severity.Low,
            $"ship-to '{record.ShippingAddress}' ≠ home '{record.Address}'", "PSA-2023-10",
            Data(("shipping_address", ship), ("address", home)));
    }
}

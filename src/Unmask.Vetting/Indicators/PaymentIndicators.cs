using Unmask.Vetting.Model;
using Unmask.Vetting.Normalisation;
using Unmask.Vetting.Reference;
using Unmask.Vetting.Scoring;
using static Unmask.Vetting.Indicators.Claims;

namespace Unmask.Vetting.Indicators;

/// <summary>Payment indicators of INDICATORS.md §4.4 that look at one record.</summary>
public static class PaymentIndicators
{
    /// <summary>The name pay should go to: the person for applicants/contractors, the company for vendors.</summary>
    public static string ExpectedHolder(VetRecord record) =>
        record.Kind == RecordKind.Vendor && !string.IsNullOrWhiteSpace(record.CompanyName) ? record.CompanyName! : record.Name;

    /// <summary>Whether a holder name is the worker/vendor (token-set ≥ 0.8 after folding accents and legal forms).</summary>
    public static bool HolderMatches(VetRecord record, string holder)
    {
        if (record.Kind == RecordKind.Vendor && !string.IsNullOrWhiteSpace(record.CompanyName))
        {
            return NameSimilarity.Company(holder, record.CompanyName) >= 0.8 || NameSimilarity.Person(holder, record.Name) >= 0.8;
        }
        return NameSimilarity.Person(holder, record.Name) >= 0.8;
    }

    /// <summary>PAYOUT_CHANGED: two payout changes within 90 days, or a change within 30 days of applying/starting.
    /// [PSA-2025-07] (flag frequent bank changes), [ADV-2022].</summary>
    public static Finding? PayoutChanged(VetRecord record)
    {
        var dates = record.PayoutChanges.Select(c => c.Date).Order().ToList();
        var reasons = new List<string>();
        var (bestCount, bestDays) = (0, 0);
        for (var i = 0; i < dates.Count; i++)
        {
            var j = i;
            while (j + 1 < dates.Count && dates[j + 1].DayNumber - dates[i].DayNumber <= 90)
            {
                j++;
            }
            if (j - i + 1 > bestCount)
            {
                (bestCount, bestDays) = (j - i + 1, dates[j].DayNumber - dates[i].DayNumber);
            }
        }
        if (bestCount >= 2)
        {
            reasons.Add($"payout account changed {bestCount}× in {bestDays} days");
        }
        if (record.AppliedOn is { } applied && dates.FirstOrDefault(d => Math.Abs(d.DayNumber - applied.DayNumber) <= 30) is var near && near != default)
        {
            reasons.Add($"changed {near:yyyy-MM-dd}, {Math.Abs(near.DayNumber - applied.DayNumber)} days from start {applied:yyyy-MM-dd}");
        }
        return reasons.Count == 0 ? null : new Finding(FindingCodes.PayoutChanged, Severity.Low, string.Join("; ", reasons), "PSA-2025-07",
            Data(("changes", dates.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    /// <summary>PAYOUT_NAME_MISMATCH: the bank account holder is not the worker (or the vendor company). [ADV-2022],
    /// [DOJ-CHAPMAN] (wages to facilitator accounts). Allowlisted payroll/EOR holders do not count.</summary>
    public static Finding? PayoutNameMismatch(VetRecord record, IReadOnlySet<string> allowedHolderKeys)
    {
        var holder = record.BankAccountName;
        if (string.IsNullOrWhiteSpace(holder) || HolderMatches(record, holder) || allowedHolderKeys.Contains(NameKey.Of(holder)))
        {
            return null;
        }
        var who = record.Kind == RecordKind.Vendor ? "vendor" : "worker";
        return new Finding(FindingCodes.PayoutNameMismatch, Severity.Medium,
            $"pays to '{holder}', {who} is '{ExpectedHolder(record)}'", "ADV-2022",
            Data(("holder", holder), ("expected", ExpectedHolder(record))));
    }

    /// <summary>PAYOUT_REROUTED: a payout change moves pay to an account held by someone else, or to a bank country none of the
    /// claimed locations is in. [ADV-2022], [DOJ-KNOOT], [DOJ-2024-12]. Payroll/EOR accounts are allowlisted.</summary>
    public static Finding? PayoutRerouted(VetRecord record, IReadOnlySet<string> allowedAccountHashes, IReadOnlySet<string> allowedHolderKeys)
    {
        var claimed = Countries(record);
        var reasons = new List<string>();
        foreach (var change in record.PayoutChanges.OrderBy(c => c.Date))
        {
            if (change.Account is { } account && allowedAccountHashes.Contains(account.Hash))
            {
                continue;
            }
            if (change.HolderName is { } holder && allowedHolderKeys.Contains(NameKey.Of(holder)))
            {
                continue;
            }
            var day = record.AppliedOn is { } applied ? $"day {change.Date.DayNumber - applied.DayNumber}" : change.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            if (change.HolderName is { Length: > 0 } name && !HolderMatches(record, name))
            {
                reasons.Add($"{day}: payout moved to '{name}'" + (change.BankCountry is { } bc ? $", bank {bc.ToUpperInvariant()}" : ""));
            }
            else if (change.BankCountry is { } country && claimed.Count > 0 && !claimed.Contains(country))
            {
                reasons.Add($"{day}: payout moved to a bank in {country.ToUpperInvariant()}; claims {Upper(claimed)}");
            }
        }
        return reasons.Count == 0 ? null : new Finding(FindingCodes.PayoutRerouted, Severity.High, string.Join("; ", reasons), "ADV-2022",
            Data(("reroutes", reasons.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    /// <summary>PAYOUT_FOREIGN: the bank country is none of the claimed locations (low); medium when it is CN, HK, RU or KP.
    /// [ADV-2022] (transfers to PRC bank accounts). Never fires when the bank is where the person says they are.</summary>
    public static Finding? PayoutForeign(VetRecord record)
    {
        var claimed = Countries(record);
        if (record.BankCountry is not { } bank || claimed.Count == 0 || claimed.Contains(bank))
        {
            return null;
        }
        var severity = BuiltInReference.HighRiskBankCountries.Contains(bank) ? Severity.Medium : Severity.Low;
        return new Finding(FindingCodes.PayoutForeign, severity, $"bank in {bank.ToUpperInvariant()}; claims {Upper(claimed)}", "ADV-2022",
            Data(("bank_country", bank), ("claimed", string.Join(",", claimed.Order()))));
    }

    /// <summary>CRYPTO_WALLET_LISTED: a payout wallet is on OFAC's digital-currency list or a DPRK persona wallet list.
    /// [TAYVANO], OFAC SDN.</summary>
    public static Finding? CryptoWalletListed(VetRecord record, VettingReferenceData reference)
    {
        foreach (var wallet in record.CryptoWallets)
        {
            if (reference.ListedWallet(wallet) is { } source)
            {
                return new Finding(FindingCodes.CryptoWalletListed, Severity.Critical,
                    $"wallet {wallet.Address} listed ({source.Describe()})",
                    source.Dataset.Contains("tayvano", StringComparison.OrdinalIgnoreCase) ? "TAYVANO" : "OFAC-SDN",
                    Data(("wallet", wallet.Key), ("list", source.Dataset), ("entry", source.EntityId)),
                    [new VetLink(source.EntityId is { } id ? $"entity:{id}" : $"list:{source.Dataset}", $"wallet:{wallet.Key}")]);
            }
        }
        return null;
    }

    /// <summary>CRYPTO_PAYOUT_REQUESTED: a salaried applicant/contractor asks to be paid in crypto. [ADV-2022]. Info only.</summary>
    public static Finding? CryptoPayoutRequested(VetRecord record)
    {
        if (record.Kind == RecordKind.Vendor)
        {
            return null;
        }
        var method = record.PayoutMethod?.Trim().ToLowerInvariant();
        var byMethod = method is not null && BuiltInReference.CryptoPayoutMethods.Contains(method);
        if (!byMethod && record.CryptoWallets.Count == 0)
        {
            return null;
        }
        var what = byMethod ? $"requests payment in {record.PayoutMethod}" : $"gives {record.CryptoWallets.Count} crypto wallet(s) for pay";
        return new Finding(FindingCodes.CryptoPayoutRequested, Severity.Info, what, "ADV-2022", Data(("payout_method", record.PayoutMethod)));
    }

    /// <summary>PAYOUT_MSB: paid through a money-service business or payment platform. [ADV-2022]. Normal for freelancers: info.</summary>
    public static Finding? PayoutMsb(VetRecord record)
    {
        var method = record.PayoutMethod?.Trim().ToLowerInvariant();
        if (method is null || !BuiltInReference.MoneyServiceBusinesses.Contains(method))
        {
            return null;
        }
        return new Finding(FindingCodes.PayoutMsb, Severity.Info, $"paid via {record.PayoutMethod}", "ADV-2022", Data(("payout_method", method)));
    }
}

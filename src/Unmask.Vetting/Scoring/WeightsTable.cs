using static Unmask.Vetting.Scoring.FindingCodes;

namespace Unmask.Vetting.Scoring;

/// <summary>One row of a weights table: a code, the severity it is emitted at, and its weight 0-100.</summary>
public sealed record CodeWeight(string Code, Severity Severity, int Weight);

/// <summary>
/// A named, versioned table of finding weights (STYLE.md §2). Changing a weight means a new version; old versions stay
/// selectable so results can be reproduced. Codes with a severity-dependent weight (DOMAIN_NEW, PAYOUT_FOREIGN) have one row per severity.
/// </summary>
public sealed class WeightsTable
{
    private readonly Dictionary<(string, Severity), int> _bySeverity = [];
    private readonly Dictionary<string, CodeWeight> _default = new(StringComparer.Ordinal);

    public WeightsTable(string name, IEnumerable<CodeWeight> rows)
    {
        Name = name;
        Rows = rows.ToList();
        foreach (var row in Rows)
        {
            _bySeverity[(row.Code, row.Severity)] = row.Weight;
            _default.TryAdd(row.Code, row);
        }
    }

    public string Name { get; }
    public IReadOnlyList<CodeWeight> Rows { get; }

    /// <summary>INDICATORS.md v1 weights, verbatim.</summary>
    public static readonly WeightsTable VettingV1 = new("vetting-v1", [
        new(PhotoReused, Severity.High, 30),
        new(PhotoAiMetadata, Severity.Low, 8),
        new(ResumeTextReused, Severity.High, 30),
        new(IdentityInconsistent, Severity.Medium, 15),
        new(AccountAgeMismatch, Severity.Low, 8),
        new(EmployerKnownFront, Severity.High, 35),
        new(ReferenceIsCandidate, Severity.Medium, 20),
        new(EmailNameMismatch, Severity.Info, 3),
        new(PhoneVoip, Severity.Low, 10),
        new(PhoneShared, Severity.High, 30),
        new(EmailShared, Severity.High, 30),
        new(EmailKnownPersona, Severity.Critical, 60),
        new(ShippingAddressDiffers, Severity.Low, 10),
        new(AddressShared, Severity.Low, 8),
        new(LaptopFarmAddress, Severity.High, 35),
        new(RemoteAccessTool, Severity.High, 25),
        new(VpnAstrill, Severity.High, 30),
        new(SigninCountryMismatch, Severity.Medium, 15),
        new(SigninMultiCountry, Severity.Medium, 12),
        new(SigninSharedIp, Severity.Medium, 20),
        new(SigninCnRuIp, Severity.Medium, 15),
        new(SigninDprkIp, Severity.Critical, 60),
        new(PayoutChanged, Severity.Low, 8),
        new(PayoutNameMismatch, Severity.Medium, 20),
        new(PayoutRerouted, Severity.High, 30),
        new(PayoutForeign, Severity.Low, 8),
        new(PayoutForeign, Severity.Medium, 15),
        new(PayoutAccountShared, Severity.High, 30),
        new(CryptoWalletListed, Severity.Critical, 60),
        new(CryptoPayoutRequested, Severity.Info, 3),
        new(PayoutMsb, Severity.Info, 2),
        new(DomainNew, Severity.Medium, 15),
        new(DomainNew, Severity.High, 25),
        new(DomainLookalike, Severity.High, 25),
        new(SiteCopied, Severity.High, 30),
        new(SiteSharedFingerprint, Severity.High, 25),
        new(RegisteredAgentAddress, Severity.Low, 5),
        new(VendorKnownFront, Severity.Critical, 60),
        new(SanctionsMatch, Severity.Critical, 80),
        new(VideoRefused, Severity.Medium, 15),
        new(CameraOff, Severity.Low, 8),
        new(DifferentPerson, Severity.High, 30),
        new(InPersonDeclined, Severity.Low, 8),
        new(WorkHoursKst, Severity.Low, 10),
    ]);

    /// <summary>The default severity of a code (its first row).</summary>
    public Severity SeverityOf(string code) =>
        _default.TryGetValue(code, out var row) ? row.Severity : Severity.Info;

    /// <summary>Weight of a code at a severity; the code's default weight when no row for that severity; 0 for unknown codes
    /// (INPUT_INVALID_* findings and codes a newer table added).</summary>
    public int WeightOf(string code, Severity severity) =>
        _bySeverity.TryGetValue((code, severity), out var weight) ? weight
        : _default.TryGetValue(code, out var row) ? row.Weight
        : 0;

    /// <summary>A copy with some weights replaced (configuration); the name must change with the weights.</summary>
    public WeightsTable With(string name, IEnumerable<CodeWeight> overrides)
    {
        var replaced = overrides.ToDictionary(o => (o.Code, o.Severity));
        return new WeightsTable(name, Rows.Select(r => replaced.TryGetValue((r.Code, r.Severity), out var o) ? o : r));
    }
}

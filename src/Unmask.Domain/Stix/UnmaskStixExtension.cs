namespace Unmask.Domain.Stix;

/// <summary>
/// Unmask's STIX 2.1 extension, shared by the writer and both readers: one <c>extension-definition</c> object declares the
/// new cyber-observable types below (what STIX has no type for) and a property extension that carries Unmask's own data on
/// standard objects (the FtM entity behind an identity, the graph node behind an indicator, a case's details). See
/// docs/exports.md, section "STIX 2.1".
/// </summary>
public static class UnmaskStixExtension
{
    /// <summary>The extension definition's id: UUIDv5 of "unmask" (never change it: consumers key the extension on it).</summary>
    public const string Id = "extension-definition--54b45149-53b7-5cd9-91f1-8a9af4801d9a";

    public const string Version = "1.0.0";

    public const string Name = "Unmask identifiers and list details";

    /// <summary>Plain-text definition (STIX allows a URL or plain text for <c>schema</c>).</summary>
    public const string Schema =
        "Unmask docs/exports.md, section \"STIX 2.1\": new SCO types unmask-crypto-wallet (value = address, currency), "
        + "unmask-phone-number, unmask-tracker-id, unmask-favicon-hash, unmask-bank-account-hash, unmask-resume-hash, "
        + "unmask-photo-hash, unmask-id-number, unmask-address, unmask-building, unmask-identifier (each with value); "
        + "property extension on SDOs/SROs: node_id, kind, risk, flags, entity (FollowTheMoney entity: id, schema, dataset, "
        + "datasets, target, first_seen, last_seen, last_change, referents, properties, related), relation, source, weight, case.";

    public const string WalletType = "unmask-crypto-wallet";

    /// <summary>Every new SCO type the extension defines.</summary>
    public static readonly IReadOnlySet<string> ObservableTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        WalletType, "unmask-phone-number", "unmask-tracker-id", "unmask-favicon-hash", "unmask-bank-account-hash",
        "unmask-resume-hash", "unmask-photo-hash", "unmask-id-number", "unmask-address", "unmask-building", "unmask-identifier",
    };
}

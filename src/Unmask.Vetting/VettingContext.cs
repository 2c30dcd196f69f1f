using System.Net;
using Unmask.Domain.Identifiers;
using Unmask.Vetting.Reference;
using Unmask.Vetting.Scoring;

namespace Unmask.Vetting;

/// <summary>One sanctions-list candidate for a screened name (shape of CONTRACT.md screening results).</summary>
public sealed record SanctionsHit(
    string EntityId,
    string Caption,
    string Dataset,
    IReadOnlyList<string> Programs,
    double Score,
    IReadOnlyList<string> Explanation);

/// <summary>Name screening against the imported sanctions lists, implemented by the application with Unmask.Screening.
/// Implementations should require a second identifier (birth date, country) before scoring a common name above 0.9.</summary>
public interface ISanctionsScreen
{
    /// <param name="schema"><c>Person</c> or <c>Company</c>.</param>
    IReadOnlyList<SanctionsHit> Screen(string name, string schema, string? birthDate, string? country);
}

/// <summary>A fingerprint the saved site shares with another site (tracker id, favicon hash, contact e-mail or phone).</summary>
/// <param name="OtherSite">Graph id of the other site, e.g. <c>site:inditechlab.com</c>.</param>
/// <param name="Kind"><c>tracker</c>, <c>favicon</c>, <c>email</c> or <c>phone</c> (the graph node prefix).</param>
/// <param name="OtherIsSuspect">The other site is indexed as suspect or is a known front site (only those count).</param>
public sealed record SharedFingerprint(string OtherSite, string Kind, string Value, bool OtherIsSuspect);

/// <summary>What website analysis found for a record's <c>site_snapshot</c>.</summary>
/// <param name="Site">Graph id of the analysed site (<c>site:copycat.example</c>).</param>
/// <param name="CopiedFrom">Graph id of the site it copies (the older one), or null when it copies nothing.</param>
/// <param name="Similarity">Share of copied text, 0-1 (CONTRACT.md <c>similarity</c>).</param>
/// <param name="BrandSwaps">Brand substitutions original → replacement.</param>
/// <param name="DomainLookalikes">The analysis's DOMAIN_LOOKALIKE evidence: the site's own domain, or one its pages claim, imitates
/// an indexed reference's.</param>
public sealed record SiteCopyResult(
    string Site,
    string? CopiedFrom,
    double Similarity,
    IReadOnlyList<KeyValuePair<string, string>> BrandSwaps,
    IReadOnlyList<SharedFingerprint> SharedFingerprints,
    IReadOnlyList<string>? DomainLookalikes = null);

/// <summary>Website clone and fingerprint analysis, implemented by the application with Unmask.WebsiteAnalysis.</summary>
public interface ISiteCopyCheck
{
    /// <summary>Analyses the saved site against the site index; null when the snapshot cannot be analysed.</summary>
    SiteCopyResult? Check(string snapshotPath, string? companyDomain);
}

/// <summary>Vetting options: thresholds and the allowlists of INDICATORS.md (each documented with its default).</summary>
/// <param name="AllowedPhones">E.164 numbers never reported as shared (a staffing agency's switchboard).</param>
/// <param name="AllowedEmails">E-mail addresses never reported as shared (a recruiter mailbox).</param>
/// <param name="AllowedAddresses">Office / co-working addresses: not a different ship-to, not shared, not a laptop farm.</param>
/// <param name="AllowedRemoteTools">The company's own RMM tools (e.g. "TeamViewer" when IT uses it): not REMOTE_ACCESS_TOOL.</param>
/// <param name="CorporateEgress">Corporate egress IPs/CIDRs: excluded from SIGNIN_SHARED_IP and the geo checks' evidence.</param>
/// <param name="AllowedPayoutAccounts">Payroll / employer-of-record account ids (raw or <c>sha256:</c> hashes) and holder names
/// never reported as shared or rerouted.</param>
/// <param name="RegisteredAgentAddresses">Mass-registration (registered-agent / virtual-office) addresses.</param>
/// <param name="ReferencePhotoHashes">dHashes of known persona photos (64-bit), with a label for the evidence.</param>
/// <param name="SanctionsThreshold">SANCTIONS_MATCH needs a DPRK-programme hit at or above this score. Default 0.9.</param>
/// <param name="FrontCompanyThreshold">Token-set similarity for EMPLOYER_KNOWN_FRONT / VENDOR_KNOWN_FRONT. Default 0.9.</param>
/// <param name="PhotoMaxDistance">Hamming distance of dHashes for PHOTO_REUSED. Default 6.</param>
/// <param name="MaxLinksPerFinding">Cap on links written for one shared value (a huge group is summarised). Default 50.</param>
public sealed record VettingOptions
{
    public IReadOnlySet<string> AllowedPhones { get; init; } = new HashSet<string>();
    public IReadOnlySet<string> AllowedEmails { get; init; } = new HashSet<string>();
    public IReadOnlyList<string> AllowedAddresses { get; init; } = [];
    public IReadOnlyList<string> AllowedRemoteTools { get; init; } = [];
    public IReadOnlyList<string> CorporateEgress { get; init; } = [];
    public IReadOnlyList<string> AllowedPayoutAccounts { get; init; } = [];
    public IReadOnlyList<string> RegisteredAgentAddresses { get; init; } = [];
    public IReadOnlyList<KeyValuePair<string, ulong>> ReferencePhotoHashes { get; init; } = [];
    public double SanctionsThreshold { get; init; } = 0.9;
    public double FrontCompanyThreshold { get; init; } = 0.9;
    public int PhotoMaxDistance { get; init; } = 6;
    public int MaxLinksPerFinding { get; init; } = 50;
    public WeightsTable Weights { get; init; } = WeightsTable.VettingV1;
}

/// <summary>Everything the indicators consult besides the records: reference data, optional screening and site analysis,
/// options and the clock (for records without <c>applied_on</c>, "today").</summary>
/// <param name="ReferenceDomains">Registrable domains of the indexed reference sites (each one's own and the ones its pages
/// declare), for DOMAIN_LOOKALIKE; null or empty: records are compared with each other only.</param>
public sealed record VettingContext(
    VettingReferenceData Reference,
    VettingOptions Options,
    TimeProvider Time,
    ISanctionsScreen? Sanctions = null,
    ISiteCopyCheck? Sites = null,
    IReadOnlyList<string>? ReferenceDomains = null)
{
    public static VettingContext Default(TimeProvider time) => new(VettingReferenceData.BuiltIn, new VettingOptions(), time);

    public DateOnly Today => DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);
}

/// <summary>Options compiled once per run into lookup structures.</summary>
internal sealed class CompiledOptions
{
    public CompiledOptions(VettingOptions options)
    {
        Options = options;
        Addresses = options.AllowedAddresses.Select(Normalisation.AddressKey.Of).Where(a => a.Length > 0).ToHashSet(StringComparer.Ordinal);
        RegisteredAgents = options.RegisteredAgentAddresses.Select(Normalisation.AddressKey.Of).Where(a => a.Length > 0)
            .ToHashSet(StringComparer.Ordinal);
        Phones = options.AllowedPhones.Select(p => Normalisation.Phones.TryParse(p, null, out var phone) ? phone.E164 : p)
            .ToHashSet(StringComparer.Ordinal);
        Emails = options.AllowedEmails.Select(e => EmailAddress.TryParse(e, out var email) ? email.Canonical : e.ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);
        foreach (var value in options.CorporateEgress)
        {
            if (IpNetwork.TryParse(value, out var network))
            {
                Egress.Add(network, new ListSource("options", null, "corporate egress"));
            }
        }
        foreach (var value in options.AllowedPayoutAccounts)
        {
            if (Normalisation.BankAccounts.Parse(value) is { } account)
            {
                PayoutAccounts.Add(account.Hash);
            }
            PayoutHolders.Add(Normalisation.NameKey.Of(value));
        }
    }

    public VettingOptions Options { get; }
    public HashSet<string> Addresses { get; }
    public HashSet<string> RegisteredAgents { get; }
    public HashSet<string> Phones { get; }
    public HashSet<string> Emails { get; }
    public IpRangeSet Egress { get; } = new();
    public HashSet<string> PayoutAccounts { get; } = new(StringComparer.Ordinal);
    public HashSet<string> PayoutHolders { get; } = new(StringComparer.Ordinal);

    public bool IsEgress(IPAddress ip) => Egress.Find(ip) is not null;

    public bool IsAllowedRemoteTool(string tool) =>
        Options.AllowedRemoteTools.Any(t => tool.Contains(t, StringComparison.OrdinalIgnoreCase));
}

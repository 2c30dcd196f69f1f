using System.Globalization;
using Unmask.Vetting.Model;
using Unmask.Vetting.Normalisation;
using Unmask.Vetting.Reference;
using Unmask.Vetting.Scoring;
using static Unmask.Vetting.Indicators.Claims;

namespace Unmask.Vetting.Indicators;

/// <summary>Company and vendor indicators of INDICATORS.md §4.5.</summary>
public static class CompanyIndicators
{
    /// <summary>DOMAIN_NEW: the company domain was created less than 90 days (medium) or 30 days (high) before onboarding.
    /// [S1-2024], [DOJ-2023-10].</summary>
    public static Finding? DomainNew(VetRecord record)
    {
        if (record.CompanyRegisteredOn is not { } created || record.AppliedOn is not { } applied)
        {
            return null;
        }
        var days = applied.DayNumber - created.DayNumber;
        if (days >= 90)
        {
            return null;
        }
        var severity = days < 30 ? Severity.High : Severity.Medium;
        var domain = record.CompanyDomain?.Value ?? "company domain";
        return new Finding(FindingCodes.DomainNew, severity, $"{domain} created {days} days before onboarding", "S1-2024",
            Data(("domain", record.CompanyDomain?.Value), ("days", days.ToString(CultureInfo.InvariantCulture))),
            record.CompanyDomain is { } d ? [new VetLink($"site:{d.Value}", $"domain:{d.Value}")] : null);
    }

    /// <summary>SITE_COPIED: the saved site copies another site (similarity ≥ 0.6 or brand swaps); the older site is the original.
    /// [S1-2024], [DOJ-2023-10].</summary>
    public static Finding? SiteCopied(SiteCopyResult? site)
    {
        if (site?.CopiedFrom is not { } original || (site.Similarity < 0.6 && site.BrandSwaps.Count == 0))
        {
            return null;
        }
        var swaps = site.BrandSwaps.Count == 0 ? "" : ", " + string.Join(", ", site.BrandSwaps.Select(s => $"'{s.Key}'→'{s.Value}'"));
        return new Finding(FindingCodes.SiteCopied, Severity.High,
            $"{site.Similarity:0%} of text copied from {original}{swaps}", "S1-2024",
            Data(("site", site.Site), ("copied_from", original), ("similarity", site.Similarity.ToString("0.00", CultureInfo.InvariantCulture))),
            [new VetLink(original, site.Site)]);
    }

    /// <summary>SITE_SHARED_FINGERPRINT: the saved site shares a tracker id, favicon hash, contact e-mail or phone with another
    /// suspect or known front site. [S1-2024].</summary>
    public static Finding? SiteSharedFingerprint(SiteCopyResult? site)
    {
        var shared = site?.SharedFingerprints.Where(f => f.OtherIsSuspect).ToList();
        if (shared is null || shared.Count == 0)
        {
            return null;
        }
        var text = string.Join("; ", shared.GroupBy(f => f.OtherSite).Select(g => $"shares {string.Join(", ", g.Select(f => f.Value))} with {g.Key}"));
        return new Finding(FindingCodes.SiteSharedFingerprint, Severity.High, text, "S1-2024",
            Data(("fingerprints", string.Join(",", shared.Select(f => $"{f.Kind}:{f.Value}")))),
            shared.Select(f => new VetLink(f.OtherSite, $"{f.Kind}:{f.Value}")).Distinct().ToList());
    }

    /// <summary>REGISTERED_AGENT_ADDRESS: the company address is a configured mass-registration address. Derived from [S1-2024].</summary>
    public static Finding? RegisteredAgentAddress(VetRecord record, IReadOnlySet<string> registeredAgents)
    {
        var key = AddressKey.Of(record.CompanyAddress);
        if (key.Length == 0 || !registeredAgents.Contains(key))
        {
            return null;
        }
        return new Finding(FindingCodes.RegisteredAgentAddress, Severity.Low, $"address is a registered-agent address ({record.CompanyAddress})",
            "S1-2024", Data(("company_address", key)));
    }

    /// <summary>VENDOR_KNOWN_FRONT: the company name or domain matches a known DPRK front company or seized domain.
    /// [DOJ-2023-10], [S1-2024], [DOJ-2024-12].</summary>
    public static Finding? VendorKnownFront(VetRecord record, VettingReferenceData reference, double threshold)
    {
        if (record.CompanyDomain is { } domain && reference.FrontDomain(domain) is { } hit)
        {
            return new Finding(FindingCodes.VendorKnownFront, Severity.Critical,
                $"domain '{domain.Value}' = seized/front domain {hit.Domain} ({hit.Source.Describe()})",
                IdentityIndicators.SourceKey(hit.Source, "DOJ-2023-10"),
                Data(("domain", domain.Value), ("matched", hit.Domain), ("list", hit.Source.Dataset)),
                [new VetLink(hit.Source.EntityId is { } id ? $"entity:{id}" : $"site:{hit.Domain}", $"domain:{hit.Domain}")]);
        }
        if (!string.IsNullOrWhiteSpace(record.CompanyName) && reference.FrontCompany(record.CompanyName, threshold) is { } match)
        {
            return new Finding(FindingCodes.VendorKnownFront, Severity.Critical,
                $"company '{record.CompanyName}' = front '{match.Company.Name}' ({match.Company.Source.Describe()}), similarity {match.Score:0.00}",
                IdentityIndicators.SourceKey(match.Company.Source, "S1-2024"),
                Data(("company", record.CompanyName), ("matched", match.Company.Name), ("list", match.Company.Source.Dataset)),
                match.Company.Source.EntityId is { } id ? [new VetLink($"entity:{id}", $"name:{TextFold.Fold(record.CompanyName)}")] : null);
        }
        return null;
    }

    /// <summary>SANCTIONS_MATCH: the person, company or bank-account holder screens ≥ 0.9 against a DPRK-programme entry
    /// (OFAC DPRK*, UN 1718, EU, UK). [OFAC-2018]. The screen itself requires a second identifier for common names.</summary>
    public static Finding? SanctionsMatch(VetRecord record, ISanctionsScreen screen, double threshold)
    {
        var queries = new List<(string Field, string Name, string Schema, string? Birth)>
        {
            ("name", record.Name, "Person", record.BirthDate?.ToString()),
        };
        if (!string.IsNullOrWhiteSpace(record.CompanyName))
        {
            queries.Add(("company_name", record.CompanyName!, "Company", null));
        }
        if (!string.IsNullOrWhiteSpace(record.BankAccountName) && !NameKey.SameIdentity(record.BankAccountName, record.Name)
            && !NameKey.SameIdentity(record.BankAccountName, record.CompanyName))
        {
            var looksCompany = NameSimilarity.CompanyTokens(record.BankAccountName).Length < TextFold.Tokens(record.BankAccountName).Length;
            queries.Add(("bank_account_name", record.BankAccountName!, looksCompany ? "Company" : "Person", null));
        }
        var best = queries
            .SelectMany(q => screen.Screen(q.Name, q.Schema, q.Birth, record.Country).Select(h => (q, h)))
            .Where(x => x.h.Score >= threshold && x.h.Programs.Any(VettingReferenceData.IsDprkProgram))
            .OrderByDescending(x => x.h.Score)
            .ToList();
        if (best.Count == 0)
        {
            return null;
        }
        var (query, hit) = best[0];
        return new Finding(FindingCodes.SanctionsMatch, Severity.Critical,
            $"{query.Field} '{query.Name}' matches {hit.Dataset} entry '{hit.Caption}' ({string.Join(", ", hit.Programs)}) {hit.Score:0.00}"
            + (hit.Explanation.Count > 0 ? $": {string.Join("; ", hit.Explanation)}" : ""),
            "OFAC-2018",
            Data(("field", query.Field), ("entity", hit.EntityId), ("dataset", hit.Dataset), ("score", hit.Score.ToString("0.00", CultureInfo.InvariantCulture))),
            best.Select(x => new VetLink($"entity:{x.h.EntityId}", $"name:{TextFold.Fold(x.q.Name)}")).Distinct().ToList());
    }
}

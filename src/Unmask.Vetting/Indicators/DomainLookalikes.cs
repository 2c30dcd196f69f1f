using Unmask.Vetting.Model;
using Unmask.Vetting.Normalisation;
using Unmask.Vetting.Scoring;
using Unmask.WebsiteAnalysis.Domains;
using static Unmask.Vetting.Indicators.Claims;

namespace Unmask.Vetting.Indicators;

/// <summary>DOMAIN_LOOKALIKE: a record's <c>company_domain</c> or <c>website</c> imitates the domain of an indexed reference site
/// or of another record in the batch (homoglyph incl. Unicode confusables, typo, added words, plural, TLD swap, brand in a
/// subdomain; see <see cref="Lookalikes"/>). [S1-2024], [DOJ-2023-10]: front companies register domains that read like
/// real firms'. A domain that is itself a reference's is never flagged; between two records, the one whose domain was
/// registered first (when both dates are known) is taken as the original, and records of one company do not flag each other.
/// The firm's own other domains and resellers look alike too: the analyst checks ownership.</summary>
public static class DomainLookalikes
{
    /// <param name="referenceDomains">Registrable domains of the indexed reference sites (owned and declared).</param>
    /// <param name="sites">Site analysis of each record's <c>site_snapshot</c> (null where none), whose look-alike evidence is
    /// added: the saved site's domain, or one its pages claim, imitates a reference's.</param>
    /// <returns>One finding or null per record, in record order.</returns>
    public static Finding?[] Find(IReadOnlyList<VetRecord> records, IReadOnlyList<string> referenceDomains, IReadOnlyList<SiteCopyResult?>? sites = null)
    {
        var references = new LookalikeIndex();
        foreach (var domain in referenceDomains.Distinct(StringComparer.Ordinal))
        {
            references.Add(domain);
        }
        var referenceSet = Enumerable.Range(0, references.Count).Select(i => references[i].Registrable).ToHashSet(StringComparer.Ordinal);
        var batch = new LookalikeIndex();
        var owners = new List<int>();
        for (var i = 0; i < records.Count; i++)
        {
            foreach (var domain in DomainsOf(records[i]))
            {
                batch.Add(domain);
                owners.Add(i);
            }
        }
        var company = records.Select(r => NameKey.Of(r.CompanyName ?? r.Name)).ToArray();
        var findings = new Finding?[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            var found = new List<(LookalikeMatch Match, string Against)>();
            foreach (var domain in DomainsOf(records[i]))
            {
                if (referenceSet.Contains(Lookalikes.Prepare(domain).Registrable))
                {
                    continue;
                }
                found.AddRange(references.Matches(domain).Select(m => (m.Match, "site_index")));
                foreach (var (id, match) in batch.Matches(domain))
                {
                    var other = owners[id];
                    if (other != i && company[other] != company[i] && !IsOlder(records[i], records[other]))
                    {
                        found.Add((match, records[other].NodeId));
                    }
                }
            }
            var texts = found.Select(f => f.Against == "site_index"
                ? $"{f.Match.Explanation} (an indexed reference site)"
                : $"{f.Match.Explanation} (the domain of {f.Against})").ToList();
            var site = sites?[i];
            texts.AddRange((site?.DomainLookalikes ?? []).Select(e => $"saved site {site!.Site}: {e}"));
            if (texts.Count > 0)
            {
                var first = found.Count > 0 ? found[0].Match : null;
                findings[i] = new Finding(FindingCodes.DomainLookalike, Severity.High, string.Join("; ", texts), "S1-2024",
                    Data(("domain", first?.Domain), ("looks_like", first?.LooksLike), ("kind", first?.Kind),
                        ("against", found.Count > 0 ? found[0].Against : site?.Site)));
            }
        }
        return findings;
    }

    private static bool IsOlder(VetRecord record, VetRecord other) =>
        record.CompanyRegisteredOn is { } mine && other.CompanyRegisteredOn is { } theirs && mine < theirs;

    private static IEnumerable<string> DomainsOf(VetRecord record) =>
        new[] { record.CompanyDomain?.Value, record.Website?.Value }.OfType<string>().Distinct(StringComparer.Ordinal);
}

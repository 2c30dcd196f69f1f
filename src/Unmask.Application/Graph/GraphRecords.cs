using Unmask.Application.Sites;
using Unmask.LinkGraph;
using Unmask.LinkGraph.Model;
using Unmask.Vetting.Model;
using Unmask.Vetting.Output;
using Unmask.Vetting.Scoring;
using Unmask.WebsiteAnalysis.Domains;

namespace Unmask.Application.Graph;

/// <summary>A vetted record as the link graph sees it: its node, risk, the identifiers it gave and the list entities it matched.</summary>
public sealed record GraphRecord(string Kind, string Id, string Caption, int Risk, string Level, IReadOnlyList<GraphRecordLink> Links, IReadOnlyList<GraphRecordLink> Matches);

public sealed record GraphRecordLink(string Relation, string Target, string Evidence);

/// <summary>Turns a vetted record and its result into graph links (identifier nodes use the graph's normalisation).</summary>
public static class GraphRecords
{
    /// <param name="siteKey">The id of the record's analysed site snapshot, if any.</param>
    /// <param name="domains">The indexed sites owning or claiming domains, for the record's company domain and website.</param>
    public static GraphRecord From(VetRecord record, VetResult result, string? siteKey, SiteDomains? domains = null)
    {
        var links = new List<GraphRecordLink>();
        void Add(string relation, string? target, string evidence)
        {
            if (target is not null)
            {
                links.Add(new GraphRecordLink(relation, target, evidence));
            }
        }
        var who = $"{record.Kind.ToString().ToLowerInvariant()} {record.Id}";
        Add(Relations.HasPhone, record.Phone is null ? null : "phone:" + record.Phone.E164, $"{who} gave phone {record.Phone?.E164}");
        Add(Relations.HasEmail, NodeIds.Email(record.Email?.Value), $"{who} gave e-mail {record.Email?.Value}");
        Add(Relations.HasAddress, NodeIds.Address(record.Address), $"{who} gave home address '{record.Address}'");
        Add(Relations.ShipsTo, NodeIds.Address(record.ShippingAddress), $"{who} asked for equipment to be shipped to '{record.ShippingAddress}'");
        Add(Relations.HasAddress, NodeIds.Address(record.CompanyAddress), $"{who} gave company address '{record.CompanyAddress}'");
        Add(Relations.HasBankAccount, record.BankAccount is null ? null : "bank:" + record.BankAccount.Hash, $"{who} is paid to account {record.BankAccount?.Display}");
        foreach (var change in record.PayoutChanges.Where(c => c.Account is not null))
        {
            Add(Relations.PaidTo, "bank:" + change.Account!.Hash, $"{who} moved pay to account {change.Account.Display} ('{change.HolderName}') on {change.Date:yyyy-MM-dd}");
        }
        foreach (var wallet in record.CryptoWallets)
        {
            Add(Relations.HasWallet, $"wallet:{wallet.Key}", $"{who} asked to be paid to wallet {wallet.Address}");
        }
        if (siteKey is not null)
        {
            Add(Relations.HasWebsite, NodeIds.Site(siteKey), $"{who}'s website snapshot is {siteKey}");
        }
        foreach (var (column, given) in new[] { ("company domain", record.CompanyDomain), ("website", record.Website) })
        {
            if (given is not null)
            {
                var (relation, target, evidence) = DomainLink(who, column, given.Value, siteKey is not null, domains ?? SiteDomains.None);
                Add(relation, target, evidence);
            }
        }
        foreach (var reference in record.References)
        {
            Add(Relations.ReferredBy, NodeIds.Email(reference.Email?.Value), $"{who} gave '{reference.Name}' <{reference.Email?.Value}> as a reference");
            Add(Relations.ReferredBy, reference.Phone is null ? null : "phone:" + reference.Phone.E164, $"{who} gave '{reference.Name}' ({reference.Phone?.E164}) as a reference");
        }

        var matches = new List<GraphRecordLink>();
        foreach (var finding in result.Findings)
        {
            foreach (var link in finding.Links ?? [])
            {
                if (link.Entity.StartsWith("entity:", StringComparison.Ordinal))
                {
                    matches.Add(new GraphRecordLink(finding.Code, link.Entity, finding.Evidence));
                }
                else if (link.Via.StartsWith("resume:", StringComparison.Ordinal))
                {
                    Add(Relations.ReusesText, link.Via, finding.Evidence);
                }
                else if (link.Via.StartsWith("photo:", StringComparison.Ordinal))
                {
                    Add(Relations.ReusesPhoto, link.Via, finding.Evidence);
                }
                if (link.Via.StartsWith("ip:", StringComparison.Ordinal))
                {
                    Add(Relations.SignedInFrom, link.Via, finding.Evidence);
                }
            }
        }
        return new GraphRecord(record.Kind.ToString().ToLowerInvariant(), record.Id, record.Name, result.Risk, VetJson.Name(result.Level),
            [.. links.DistinctBy(l => (l.Relation, l.Target))], [.. matches.DistinctBy(m => m.Target)]);
    }

    /// <summary>A domain the record gave, as its registrable domain: <c>has_website</c> to the indexed site owning it (unless the
    /// record's snapshot already is its website), else <c>has_domain</c> to the domain. A site whose pages only claim the
    /// domain is named in the evidence, never linked: a clone that kept a firm's canonical link must not join the firm's
    /// vendors to its cluster.</summary>
    private static (string Relation, string? Target, string Evidence) DomainLink(string who, string column, string given, bool hasSnapshot, SiteDomains domains)
    {
        var domain = PublicSuffix.Default.RegistrableDomain(given) ?? given;
        var evidence = $"{who} gave {column} {given}";
        var owner = domains.Owners.GetValueOrDefault(domain);
        if (owner is not null)
        {
            evidence += $", the domain of the indexed site {owner}";
        }
        if (domains.Claimants.GetValueOrDefault(domain) is { Count: > 0 } claimants)
        {
            evidence += $"; {string.Join(", ", claimants.Take(5))}{(claimants.Count > 5 ? $" and {claimants.Count - 5} more" : "")} only claim{(claimants.Count == 1 ? "s" : "")} {domain} (pages declaring it, not where they were read from)";
        }
        return owner is not null && !hasSnapshot
            ? (Relations.HasWebsite, NodeIds.Site(owner), evidence)
            : (Relations.HasDomain, NodeIds.Domain(domain), evidence);
    }
}

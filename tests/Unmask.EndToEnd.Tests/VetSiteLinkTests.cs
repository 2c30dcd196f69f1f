using Microsoft.Extensions.Time.Testing;
using Unmask.Application.Graph;
using Unmask.Application.Sites;
using Unmask.Application.Vetting;
using Unmask.LinkGraph.Model;
using Unmask.Storage.Sqlite;
using Unmask.TestKit;
using Unmask.WebsiteAnalysis.Analysis;

namespace Unmask.EndToEnd.Tests;

/// <summary>How vetted records join indexed sites: a company domain or website leads by <c>has_website</c> only to the site
/// owning it, never to a site whose pages merely claim it; site snapshots that share a rare tracker or favicon with an
/// earlier snapshot of the same run are linked as fronts of one operator.</summary>
public sealed class VetSiteLinkTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    /// <summary>A one-page site in a folder of that name, with an optional tracker, favicon and canonical link.</summary>
    private string Snapshot(string name, string text, string? tracker = null, byte[]? favicon = null, string? canonical = null)
    {
        var script = tracker is null ? "" : $"<script>gtag('config', '{tracker}');</script>";
        var link = canonical is null ? "" : $"<link rel=\"canonical\" href=\"{canonical}\">";
        _folder.Write(Path.Combine("snapshots", name, "index.html"),
            $"<html><head><title>{name}</title>{link}{script}</head><body><main><h1>{name}</h1><p>{text}</p></main></body></html>");
        if (favicon is not null)
        {
            File.WriteAllBytes(_folder.File(Path.Combine("snapshots", name, "favicon.ico")), favicon);
        }
        return _folder.File(Path.Combine("snapshots", name));
    }

    private string Records(params string[] lines)
    {
        _folder.Write("records.jsonl", string.Join("\n", lines) + "\n");
        return _folder.File("records.jsonl");
    }

    [Fact]
    public async Task A_company_domain_or_website_leads_to_the_owning_site_and_a_domain_only_claimed_or_named_by_a_folder_to_a_domain_node()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        await using var store = SqliteStore.Open(_folder.File("links.db"), time);
        var sites = new SiteService(store, time);
        await sites.IndexAsync([RepoPaths.Fixture("sites", "reference", "harborpoint")], SiteRole.Reference, Cancel);
        var lookalikeFolder = Snapshot("tidewater-analytics.example", "Tidewater analytics dashboards for regional freight carriers and their brokers.");
        var front = Snapshot("quayside", "Quayside Data Works plans data platforms for port operators and ferry lines.",
            canonical: "https://harborpointconsulting.example/");
        await sites.IndexAsync([front, RepoPaths.Sample("sites", "suspect", "novalink-techlab"), lookalikeFolder],
            SiteRole.Suspect, Cancel);
        var file = Records(
            """{"id": "V-1", "kind": "vendor", "name": "Dana Reyes", "company_name": "Harbor Point Consulting", "website": "https://careers.harborpointconsulting.example/jobs"}""",
            """{"id": "V-2", "kind": "vendor", "name": "Lee Park", "company_name": "NovaLink Tech", "company_domain": "novalinktech.example"}""",
            """{"id": "V-3", "kind": "vendor", "name": "Sam Ortiz", "company_name": "Tidewater Analytics", "company_domain": "tidewater-analytics.example"}""");

        await new VettingService(store, time).VetAsync(file, null, new VetOptions(), Cancel);
        var (graph, _) = await new GraphService(store, time).BuildAsync(Cancel);

        var edges = graph.Edges.ToList();
        var v1 = edges.Single(e => e.From == "vendor:V-1" && e.Relation is Relations.HasWebsite or Relations.HasDomain);
        (v1.Relation, v1.To).ShouldBe((Relations.HasWebsite, "site:harborpointconsulting.example"), "the website's registrable domain is the reference's");
        v1.Evidence.ShouldContain("quayside only claims harborpointconsulting.example");

        var v2 = edges.Single(e => e.From == "vendor:V-2" && e.Relation is Relations.HasWebsite or Relations.HasDomain);
        (v2.Relation, v2.To).ShouldBe((Relations.HasDomain, "domain:novalinktech.example"), "the suspect's pages only claim it");
        v2.Evidence.ShouldContain("novalink-techlab only claims novalinktech.example");

        var v3 = edges.Single(e => e.From == "vendor:V-3" && e.Relation is Relations.HasWebsite or Relations.HasDomain);
        (v3.Relation, v3.To).ShouldBe((Relations.HasDomain, "domain:tidewater-analytics.example"));
        edges.ShouldNotContain(e => e.From == "site:tidewater-analytics.example" && e.Relation == Relations.HasDomain,
            "a suspect folder named like a domain is not served from it");
        foreach (var vendor in new[] { "vendor:V-1", "vendor:V-2", "vendor:V-3" })
        {
            foreach (var suspect in new[] { "site:quayside", "site:novalink-techlab", "site:tidewater-analytics.example" })
            {
                graph.Paths(vendor, suspect, maxLength: 2).Paths.ShouldBeEmpty($"{vendor} gave no domain {suspect} owns");
            }
        }
    }

    [Fact]
    public async Task Snapshots_vetted_in_one_run_link_to_fronts_analysed_earlier_in_it_by_tracker_and_by_favicon()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        await using var store = SqliteStore.Open(_folder.File("pivots.db"), time);
        byte[] favicon = [0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0, 7, 7, 7, 7, 0x55, 0x50, 0x4e, 0x47];
        var alpha = Snapshot("alpha-ledger", "Alpha Ledger keeps the books of small bakeries in the valley since last spring.", favicon: favicon);
        var bravo = Snapshot("bravo-freight", "Bravo Freight routes parcels between harbour warehouses every night.", tracker: "G-BRAV0555X");
        var charlie = Snapshot("charlie-dental", "Charlie Dental schedules cleanings and fillings for families downtown.", tracker: "G-BRAV0555X");
        var delta = Snapshot("delta-gardens", "Delta Gardens designs rooftop planters with drip irrigation for offices.", favicon: favicon);
        var file = Records(
            $$"""{"id": "V-1", "kind": "vendor", "name": "Ann Lo", "company_name": "Alpha Ledger", "site_snapshot": "{{alpha}}"}""",
            $$"""{"id": "V-2", "kind": "vendor", "name": "Bo Kim", "company_name": "Bravo Freight", "site_snapshot": "{{bravo}}"}""",
            $$"""{"id": "V-3", "kind": "vendor", "name": "Cy Ng", "company_name": "Charlie Dental", "site_snapshot": "{{charlie}}"}""",
            $$"""{"id": "V-4", "kind": "vendor", "name": "Di Roe", "company_name": "Delta Gardens", "site_snapshot": "{{delta}}"}""");

        var (run, _) = await new VettingService(store, time).VetAsync(file, null, new VetOptions(), Cancel);

        var charlieShared = run.Results.Single(r => r.Id == "V-3").Findings.Single(f => f.Code == "SITE_SHARED_FINGERPRINT");
        charlieShared.LinksOrEmpty.ShouldContain(l => l.Entity == "site:bravo-freight" && l.Via == "tracker:G-BRAV0555X",
            "bravo was analysed after the first snapshot of the run, and is a suspect all the same");
        var deltaShared = run.Results.Single(r => r.Id == "V-4").Findings.Single(f => f.Code == "SITE_SHARED_FINGERPRINT");
        deltaShared.LinksOrEmpty.ShouldContain(l => l.Entity == "site:alpha-ledger" && l.Via.StartsWith("favicon:", StringComparison.Ordinal));
    }
}

using Microsoft.Extensions.Time.Testing;
using Unmask.Application.Sites;
using Unmask.Storage.Sqlite;
using Unmask.TestKit;
using Unmask.WebsiteAnalysis.Analysis;
using Unmask.WebsiteAnalysis.Reports;

namespace Unmask.EndToEnd.Tests;

/// <summary>Site ids come from where a site was read and its role: indexing suspects before, after or between the references
/// gives the same ids and the same <c>site analyze</c> JSON, and a suspect that kept a reference's canonical link leaves the
/// reference whole.</summary>
public sealed class SiteIdentityOrderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    private static readonly string[] References =
    [
        RepoPaths.Sample("sites", "reference", "brightpath-consulting"),
        RepoPaths.Fixture("sites", "reference", "harborpoint"),
    ];

    /// <summary>A copy of harborpoint with its brand swapped that kept the original's canonical link.</summary>
    private string FrontThatKeptTheCanonicalLink()
    {
        var source = RepoPaths.Fixture("sites", "reference", "harborpoint");
        foreach (var file in Directory.GetFiles(source))
        {
            var html = File.ReadAllText(file).Replace("Harbor Point Consulting", "Quayside Data Works LLC", StringComparison.Ordinal)
                .Replace("hello@harborpointconsulting.example", "team@quaysidedata.example", StringComparison.Ordinal)
                .Replace("+1 218-555-0142", "+1 302-555-0177", StringComparison.Ordinal);
            _folder.Write(Path.Combine("fronts", "quayside", Path.GetFileName(file)), html);
        }
        return _folder.File(Path.Combine("fronts", "quayside"));
    }

    private string[] Suspects() =>
    [
        RepoPaths.Sample("sites", "suspect", "novalink-techlab"),
        RepoPaths.Sample("sites", "suspect", "kwangsoft-solutions"),
        RepoPaths.Fixture("sites", "suspect", "quillfeatherlab"),
        RepoPaths.Fixture("sites", "suspect", "harborpoint-2019"),
        FrontThatKeptTheCanonicalLink(),
    ];

    /// <summary>Indexes the sites one call each in the given order on a new store, then analyses every suspect (in one fixed
    /// order) and returns each report's JSON and the stored sites by id.</summary>
    private async Task<(List<string> Reports, Dictionary<string, (string Role, string Source, int Pages)> Sites)> RunAsync(string name,
        IEnumerable<(string Path, SiteRole Role)> order, string[] suspects)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        await using var store = SqliteStore.Open(_folder.File(name + ".db"), time);
        var service = new SiteService(store, time);
        foreach (var (path, role) in order)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await service.IndexAsync([path], role, Cancel);
        }
        var reports = new List<string>();
        foreach (var suspect in suspects)
        {
            var (report, _) = await service.AnalyzeAsync(suspect, null, Cancel);
            reports.Add(SiteReportJson.ToJson(report, indented: true));
        }
        var sites = new Dictionary<string, (string, string, int)>(StringComparer.Ordinal);
        await foreach (var site in store.Sites.ListAsync(Cancel))
        {
            sites[site.Id] = (site.Role, site.Source, site.Pages.Count);
        }
        return (reports, sites);
    }

    [Fact]
    public async Task Indexing_suspects_before_after_or_between_references_gives_the_same_analysis()
    {
        var suspects = Suspects();
        var references = References.Select(r => (r, SiteRole.Reference)).ToList();
        var suspectSites = suspects.Select(s => (s, SiteRole.Suspect)).ToList();

        var after = await RunAsync("after", [.. references, .. suspectSites], suspects);
        var before = await RunAsync("before", [.. suspectSites, .. references], suspects);
        var between = await RunAsync("between", [suspectSites[4], suspectSites[0], references[0], suspectSites[1], suspectSites[3], references[1], suspectSites[2]], suspects);

        before.Reports.ShouldBe(after.Reports);
        between.Reports.ShouldBe(after.Reports);
        before.Sites.ShouldBe(after.Sites, ignoreOrder: true);
        between.Sites.ShouldBe(after.Sites, ignoreOrder: true);

        after.Sites.Count.ShouldBe(7, "two sources that declare the same domain are two sites");
        after.Sites["harborpointconsulting.example"].ShouldBe(("reference", Path.GetFullPath(References[1]), 2));
        after.Sites["brightpath-consulting.example"].Role.ShouldBe("reference");
        after.Sites["quayside"].Role.ShouldBe("suspect");
        after.Sites["harborpoint-2019"].Role.ShouldBe("suspect");
    }

    [Fact]
    public async Task A_domain_leads_to_the_site_owning_it_and_sites_that_only_claim_it_are_kept_apart()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        await using var store = SqliteStore.Open(_folder.File("domains.db"), time);
        var service = new SiteService(store, time);
        await service.IndexAsync([References[1]], SiteRole.Reference, Cancel);
        await service.IndexAsync([FrontThatKeptTheCanonicalLink(), RepoPaths.Sample("sites", "suspect", "novalink-techlab")], SiteRole.Suspect, Cancel);

        var sites = await service.SitesByDomainAsync(Cancel);

        sites.Owners["harborpointconsulting.example"].ShouldBe("harborpointconsulting.example", "the reference owns it; the suspect only claims it");
        sites.Claimants["harborpointconsulting.example"].ShouldBe(["quayside"]);
        sites.Owners.ShouldNotContainKey("novalinktech.example");
        sites.Claimants["novalinktech.example"].ShouldBe(["novalink-techlab"]);
    }

    [Fact]
    public async Task A_suspect_that_kept_a_references_canonical_link_leaves_the_reference_intact_and_is_reported_as_claiming_it()
    {
        var front = FrontThatKeptTheCanonicalLink();
        var (reports, sites) = await RunAsync("claim", [(References[1], SiteRole.Reference), (front, SiteRole.Suspect)], [front]);

        sites["harborpointconsulting.example"].ShouldBe(("reference", Path.GetFullPath(References[1]), 2));
        sites["quayside"].Role.ShouldBe("suspect");
        var json = System.Text.Json.JsonDocument.Parse(reports[0]).RootElement;
        json.GetProperty("target").GetString().ShouldBe("quayside");
        json.GetProperty("role").GetString().ShouldBe("suspect");
        json.GetProperty("declared")[0].GetString().ShouldBe("harborpointconsulting.example");
        var clone = json.GetProperty("clones")[0];
        clone.GetProperty("reference").GetString().ShouldBe("harborpointconsulting.example");
        clone.GetProperty("relation").GetString().ShouldBe("clone");
        var claim = json.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "SITE_CLAIMS_OTHER_IDENTITY");
        claim.GetProperty("severity").GetString().ShouldBe("high");
        claim.GetProperty("evidence").GetString()!.ShouldContain("canonical link on index.html");
        json.GetProperty("pivots").EnumerateArray().ShouldContain(p => p.GetProperty("site").GetString() == "harborpointconsulting.example"
            && p.GetProperty("shared").EnumerateArray().Any(v => v.GetString() == "claims:harborpointconsulting.example"));
    }
}

using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Unmask.Storage;
using Unmask.TestKit.Databases;

namespace Unmask.Storage.Tests;

/// <summary>What every backend's site store must do: a site comes back as it was put (source, role, claims, pages with their
/// bodies as blobs, fingerprints, features), one site per source and role, reports with their clones and findings as rows.</summary>
public abstract class SiteStoreContract(StoreBackend backend)
{
    private static readonly DateTimeOffset Indexed = new(2026, 11, 25, 9, 30, 15, TimeSpan.FromHours(2));

    private Task<IUnmaskStore> NewStoreAsync() => backend.NewStoreAsync();

    [Fact]
    public async Task A_site_comes_back_with_its_source_role_claims_pages_fingerprints_and_features()
    {
        await using var store = await NewStoreAsync();
        var site = Site("novalinktech.example", "/cases/novalink-techlab") with
        {
            IndexedAt = Indexed.AddTicks(1234567),
            Claims = [new SiteClaim("novalinktech.example", "canonical", "index.html"), new SiteClaim("brightpath-consulting.example", "json-ld", null)],
            Pages = [Page("index.html", "<html>NovaLink</html>", "NovaLink TechLab"), new SitePage("about.html", null, null, null)],
            Fingerprints = [new("tracker", "G-NVL1NK2026"), new("favicon_mmh3", "-1234567"), new("email", "hr@novalinktech.example")],
        };

        await store.Sites.PutAsync([site]);

        var back = (await store.Sites.GetAsync("novalinktech.example")).ShouldNotBeNull();
        (back.Id, back.Source, back.SourceKind, back.Role, back.Name, back.ContentHash)
            .ShouldBe(("novalinktech.example", "/cases/novalink-techlab", SiteSourceKind.Folder, "suspect", "novalink-techlab", "hash-novalinktech.example"));
        back.IndexedAt.ShouldBe(Indexed.AddTicks(1234560), "UTC to the microsecond on every backend");
        back.IndexedAt.Offset.ShouldBe(TimeSpan.Zero);
        back.Claims.ShouldBe(site.Claims);
        back.Fingerprints.ShouldBe([new("email", "hr@novalinktech.example"), new("favicon_mmh3", "-1234567"), new("tracker", "G-NVL1NK2026")],
            "by kind, then value");
        back.Features.ShouldBe(site.Features);
        back.Pages.Select(p => (p.Url, p.Title, p.MediaType, p.Body)).ShouldBe([
            ("index.html", "NovaLink TechLab", "text/html", (byte[]?)null), ("about.html", null, null, null)], "bodies are not loaded with the site");
        var body = Encoding.UTF8.GetBytes("<html>NovaLink</html>");
        back.Pages[0].BodySha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(body)));
        back.Pages[1].BodySha256.ShouldBeNull();
        var blob = (await store.Blobs.GetAsync(back.Pages[0].BodySha256!)).ShouldNotBeNull();
        blob.MediaType.ShouldBe("text/html");
        blob.Content.ShouldBe(body);
    }

    [Fact]
    public async Task Putting_a_site_under_an_id_another_source_holds_fails_and_leaves_that_site_whole()
    {
        await using var store = await NewStoreAsync();
        var reference = Site("acme.example", "/refs/acme", role: "reference") with { Claims = [new SiteClaim("acme.example", "canonical", "index.html")] };
        await store.Sites.PutAsync([reference]);

        await Should.ThrowAsync<StoreException>(() => store.Sites.PutAsync([Site("acme.example", "/suspects/acme")]));
        await Should.ThrowAsync<StoreException>(() => store.Sites.PutAsync([Site("acme.example", "/refs/acme")]));

        var back = (await store.Sites.GetAsync("acme.example")).ShouldNotBeNull();
        (back.Source, back.Role).ShouldBe(("/refs/acme", "reference"));
        back.Claims.ShouldBe(reference.Claims);
        (await ToListAsync(store.Sites.ListAsync())).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Every_kind_of_source_is_kept()
    {
        await using var store = await NewStoreAsync();
        var sites = new[]
        {
            Site("a.example", "https://www.a.example/", SiteSourceKind.Url),
            Site("b.example", "/saved/b", SiteSourceKind.Folder),
            Site("c.example", "/saved/c.html", SiteSourceKind.File),
            Site("d.example", "/saved/d.warc.gz", SiteSourceKind.Warc),
        };

        await store.Sites.PutAsync(sites);

        (await ToListAsync(store.Sites.ListAsync())).Select(s => (s.Source, s.SourceKind)).ShouldBe(sites.Select(s => (s.Source, s.SourceKind)));
    }

    [Fact]
    public async Task Sites_are_listed_by_id_in_ordinal_order_whatever_the_database_collation()
    {
        await using var store = await NewStoreAsync();
        await store.Sites.PutAsync([Site("b.example", "/b"), Site("Z.example", "/z"), Site("a.example", "/a")]);

        (await ToListAsync(store.Sites.ListAsync())).Select(s => s.Id).ShouldBe(["Z.example", "a.example", "b.example"]);
        (await store.Sites.GetAsync("c.example")).ShouldBeNull();
    }

    [Fact]
    public async Task Putting_a_site_again_replaces_its_claims_pages_and_fingerprints_and_keeps_its_report()
    {
        await using var store = await NewStoreAsync();
        await store.Sites.PutAsync([Site("a.example", "/a") with
        {
            Claims = [new SiteClaim("a.example", "canonical", "index.html")],
            Pages = [Page("index.html", "old"), Page("old.html", "older")],
            Fingerprints = [new("tracker", "UA-1-1")],
        }]);
        await store.Sites.PutReportAsync(Report("a.example"));

        await store.Sites.PutAsync([Site("a.example", "/a") with
        {
            Name = "a-again",
            Claims = [new SiteClaim("a.example", "og:url", "home.html")],
            Pages = [Page("home.html", "new")],
            Fingerprints = [new("tracker", "G-NEW")],
        }]);

        var back = (await store.Sites.GetAsync("a.example")).ShouldNotBeNull();
        back.Name.ShouldBe("a-again");
        back.Claims.ShouldBe([new SiteClaim("a.example", "og:url", "home.html")]);
        back.Pages.Select(p => p.Url).ShouldBe(["home.html"]);
        back.Fingerprints.ShouldBe([new SiteFingerprint("tracker", "G-NEW")]);
        (await store.Sites.FindByFingerprintAsync("tracker", "UA-1-1")).ShouldBeEmpty();
        (await store.Sites.GetReportAsync("a.example")).ShouldNotBeNull();
    }

    [Fact]
    public async Task A_source_read_again_in_the_same_role_under_another_key_replaces_the_earlier_site_and_its_report()
    {
        await using var store = await NewStoreAsync();
        await store.Sites.PutAsync([Site("saved-site", "/cases/site"), Site("kept-as-reference", "/cases/site", role: "reference")]);
        await store.Sites.PutReportAsync(Report("saved-site"));

        await store.Sites.PutAsync([Site("site.example", "/cases/site")]);

        (await ToListAsync(store.Sites.ListAsync())).Select(s => (s.Id, s.Role)).ShouldBe([("kept-as-reference", "reference"), ("site.example", "suspect")]);
        (await store.Sites.GetReportAsync("saved-site")).ShouldBeNull();
    }

    [Fact]
    public async Task Fingerprints_pivot_to_every_site_sharing_them()
    {
        await using var store = await NewStoreAsync();
        await store.Sites.PutAsync([
            Site("b.example", "/b") with { Fingerprints = [new("tracker", "G-SHARED"), new("email", "info@b.example")] },
            Site("a.example", "/a") with { Fingerprints = [new("tracker", "G-SHARED"), new("tracker", "G-SHARED")] },
            Site("c.example", "/c") with { Fingerprints = [new("email", "G-SHARED")] },
        ]);

        (await store.Sites.FindByFingerprintAsync("tracker", "G-SHARED")).ShouldBe(["a.example", "b.example"]);
        (await store.Sites.FindByFingerprintAsync("email", "info@b.example")).ShouldBe(["b.example"]);
        (await store.Sites.FindByFingerprintAsync("phone", "+13125550123")).ShouldBeEmpty();
        (await store.Sites.GetAsync("a.example")).ShouldNotBeNull().Fingerprints.ShouldHaveSingleItem("a fingerprint given twice is one");
    }

    [Fact]
    public async Task The_same_page_body_on_two_sites_is_one_blob_and_pruning_keeps_what_sites_refer_to()
    {
        await using var store = await NewStoreAsync();
        await store.Sites.PutAsync([
            Site("a.example", "/a") with { Pages = [Page("index.html", "<p>shared template</p>"), Page("about.html", "<p>only a</p>")] },
            Site("b.example", "/b") with { Pages = [Page("index.html", "<p>shared template</p>")] },
        ]);
        var a = (await store.Sites.GetAsync("a.example")).ShouldNotBeNull();
        var b = (await store.Sites.GetAsync("b.example")).ShouldNotBeNull();
        b.Pages[0].BodySha256.ShouldBe(a.Pages[0].BodySha256);
        var unreferenced = await store.Blobs.PutAsync("nobody refers to this"u8.ToArray(), "text/plain");

        (await store.Blobs.PruneAsync()).ShouldBe(1);

        (await store.Blobs.GetAsync(unreferenced)).ShouldBeNull();
        foreach (var sha256 in a.Pages.Select(p => p.BodySha256!))
        {
            (await store.Blobs.GetAsync(sha256)).ShouldNotBeNull();
        }

        await store.Sites.PutAsync([Site("a.example", "/a") with { Pages = [Page("index.html", "<p>shared template</p>")] }]);
        (await store.Blobs.PruneAsync()).ShouldBe(1, "the body only a's old about page had");
        (await store.Blobs.GetAsync(a.Pages[1].BodySha256!)).ShouldBeNull();
        (await store.Blobs.GetAsync(a.Pages[0].BodySha256!)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Sites_that_break_a_rule_are_refused_and_nothing_of_their_batch_is_written()
    {
        await using var store = await NewStoreAsync();
        var good = Site("good.example", "/good");

        await Should.ThrowAsync<DbException>(() => store.Sites.PutAsync([good, Site("twice.example", "/twice") with
        {
            Pages = [Page("index.html", "one"), Page("index.html", "two")],
        }]));
        await Should.ThrowAsync<DbException>(() => store.Sites.PutAsync([good, Site("odd.example", "/odd", role: "bystander")]));

        (await ToListAsync(store.Sites.ListAsync())).ShouldBeEmpty();
        (await store.Blobs.PruneAsync()).ShouldBe(0, "no blob of the failed batches was kept");
    }

    [Fact]
    public async Task A_report_comes_back_with_its_clones_and_findings()
    {
        await using var store = await NewStoreAsync();
        await store.Sites.PutAsync([Site("novalinktech.example", "/n")]);
        var report = Report("novalinktech.example");

        await store.Sites.PutReportAsync(report);

        var back = (await store.Sites.GetReportAsync("novalinktech.example")).ShouldNotBeNull();
        back.SiteId.ShouldBe("novalinktech.example");
        back.AnalyzedAt.ShouldBe(new DateTimeOffset(2026, 11, 25, 7, 45, 0, TimeSpan.Zero));
        JsonNode.DeepEquals(JsonNode.Parse(back.ReportJson), JsonNode.Parse(report.ReportJson)).ShouldBeTrue(back.ReportJson);
        back.Clones.ShouldBe(report.Clones);
        back.Findings.Select(f => (f.Code, f.Severity, f.Evidence, f.Source)).ShouldBe(report.Findings.Select(f => (f.Code, f.Severity, f.Evidence, f.Source)));
        back.Findings[0].DataJson.ShouldBeNull();
        JsonNode.DeepEquals(JsonNode.Parse(back.Findings[1].DataJson!), JsonNode.Parse(report.Findings[1].DataJson!)).ShouldBeTrue();
        (await store.Sites.GetReportAsync("other.example")).ShouldBeNull();
    }

    [Fact]
    public async Task A_report_again_replaces_its_clones_and_findings_and_reports_are_listed_by_site()
    {
        await using var store = await NewStoreAsync();
        await store.Sites.PutAsync([Site("b.example", "/b"), Site("a.example", "/a")]);
        await store.Sites.PutReportAsync(Report("b.example"));
        await store.Sites.PutReportAsync(Report("a.example"));

        await store.Sites.PutReportAsync(Report("b.example") with
        {
            Clones = [new SiteCloneRow("c.example", "same_site", 0.9, 0.95)],
            Findings = [],
        });

        var reports = await ToListAsync(store.Sites.ListReportsAsync());
        reports.Select(r => r.SiteId).ShouldBe(["a.example", "b.example"]);
        reports[0].Clones.Count.ShouldBe(2);
        reports[1].Clones.ShouldBe([new SiteCloneRow("c.example", "same_site", 0.9, 0.95)]);
        reports[1].Findings.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_report_of_a_site_not_stored_is_refused()
    {
        await using var store = await NewStoreAsync();

        (await Should.ThrowAsync<InvalidOperationException>(() => store.Sites.PutReportAsync(Report("missing.example")))).Message.ShouldContain("missing.example");

        (await ToListAsync(store.Sites.ListReportsAsync())).ShouldBeEmpty();
    }

    [Fact]
    public async Task Renaming_sites_moves_their_rows_and_report_repoints_clones_even_along_a_chain_and_records_why()
    {
        await using var store = await NewStoreAsync();
        (await store.Sites.IdentityRepairPendingAsync()).ShouldBeFalse("a new store has no site to repair");
        var front = Site("brightpath-consulting.example", "/cases/front") with
        {
            Claims = [new SiteClaim("brightpath-consulting.example", "canonical", "index.html")],
            Pages = [Page("index.html", "<html>Front</html>")],
            Fingerprints = [new("tracker", "G-FRONT")],
        };
        await store.Sites.PutAsync([front, Site("front", "/cases/other-front"), Site("kwangsoft-solutions.example", "/cases/kwangsoft")]);
        await store.Sites.PutReportAsync(Report("brightpath-consulting.example"));
        await store.Sites.PutReportAsync(Report("kwangsoft-solutions.example"));

        await store.Sites.RenameAsync([
            new SiteRename("brightpath-consulting.example", "front", "declared, not owned"),
            new SiteRename("front", "front-1a2b3c4d", "name held by a stronger site"),
            new SiteRename("kwangsoft-solutions.example", "kwangsoft", "declared, not owned"),
        ]);

        (await ToListAsync(store.Sites.ListAsync())).Select(s => (s.Id, s.Source)).ShouldBe([
            ("front", "/cases/front"), ("front-1a2b3c4d", "/cases/other-front"), ("kwangsoft", "/cases/kwangsoft")]);
        var moved = (await store.Sites.GetAsync("front")).ShouldNotBeNull();
        moved.Claims.ShouldBe(front.Claims);
        moved.Pages.Select(p => p.Url).ShouldBe(["index.html"]);
        moved.Fingerprints.ShouldBe([new SiteFingerprint("tracker", "G-FRONT")]);
        (await store.Sites.FindByFingerprintAsync("tracker", "G-FRONT")).ShouldBe(["front"]);
        var report = (await store.Sites.GetReportAsync("front")).ShouldNotBeNull();
        report.Findings.Count.ShouldBe(2);
        (await store.Sites.GetReportAsync("brightpath-consulting.example")).ShouldBeNull();
        (await store.Sites.GetReportAsync("kwangsoft")).ShouldNotBeNull().Clones.Select(c => c.ReferenceId)
            .ShouldBe(["front", "kwangsoft"], "a clone naming a renamed site names its new id");
        var json = JsonNode.Parse((await store.Sites.GetReportAsync("kwangsoft")).ShouldNotBeNull().ReportJson).ShouldNotBeNull();
        (json["target"]!.GetValue<string>(), json["clones"]![0]!["reference"]!.GetValue<string>(), json["pivots"]![0]!["site"]!.GetValue<string>())
            .ShouldBe(("kwangsoft", "front", "kwangsoft"), "the report's JSON names the new ids too");
        JsonNode.Parse(report.ReportJson)!["pivots"]![0]!["site"]!.GetValue<string>().ShouldBe("kwangsoft");
        (await ToListAsync(store.Sites.ListRenamesAsync())).Select(r => (r.From, r.To, r.Reason)).ShouldBe([
            ("brightpath-consulting.example", "front", "declared, not owned"), ("front", "front-1a2b3c4d", "name held by a stronger site"),
            ("kwangsoft-solutions.example", "kwangsoft", "declared, not owned")]);
        (await store.Sites.IdentityRepairPendingAsync()).ShouldBeFalse();
    }

    private static StoredSite Site(string id, string source, SiteSourceKind kind = SiteSourceKind.Folder, string role = "suspect") =>
        new(id, source, kind, role, source.TrimEnd('/').Split('/')[^1] is { Length: > 0 } name ? name : id, Indexed, $"hash-{id}", [], [], [],
            Encoding.UTF8.GetBytes($$"""{"Key":"{{id}}","Pages":[]}"""));

    private static SitePage Page(string url, string html, string? title = null) => new(url, title, Encoding.UTF8.GetBytes(html), "text/html");

    private static StoredSiteReport Report(string siteId) => new(siteId, new DateTimeOffset(2026, 11, 25, 8, 45, 0, TimeSpan.FromHours(1)),
        $$"""{"target":"{{siteId}}","pages":3,"clones":[{"reference":"brightpath-consulting.example","relation":"clone","similarity":0.74}],"pivots":[{"site":"kwangsoft-solutions.example","shared":["G-1"]}],"findings":[]}""",
        [new SiteCloneRow("brightpath-consulting.example", "clone", 0.74, 0.81), new SiteCloneRow("kwangsoft-solutions.example", "clone", 0.31, 0.4)],
        [
            new StoredFinding("SITE_COPIED_CONTENT", "high", "74% of the text is copied from brightpath-consulting.example", "", null),
            new StoredFinding("SITE_SHARED_FINGERPRINT", "high", "shares G-NVL1NK2026 with kwangsoft-solutions.example", "S1-2024",
                """{"shared":["trackers:G-NVL1NK2026"],"count":1}"""),
        ]);

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }
        return list;
    }
}

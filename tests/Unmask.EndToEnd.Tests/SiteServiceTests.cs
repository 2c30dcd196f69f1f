using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Unmask.Application.Sites;
using Unmask.Storage;
using Unmask.Storage.Sqlite;
using Unmask.TestKit;
using Unmask.WebsiteAnalysis.Analysis;
using Unmask.WebsiteAnalysis.Reports;

namespace Unmask.EndToEnd.Tests;

/// <summary><see cref="SiteService"/> in process on a SQLite store: what an indexed or analysed site becomes in the typed
/// tables (source, kind, role, claims, pages, fingerprints, report rows) and what the index and the graph read back.</summary>
public sealed class SiteServiceTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private SqliteStore _store = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _store = SqliteStore.Open(_folder.File("sites.db"), _time);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task An_indexed_folder_is_kept_with_its_full_path_role_declared_domains_pages_and_fingerprints()
    {
        var folder = RepoPaths.Sample("sites", "reference", "brightpath-consulting");

        var summary = (await new SiteService(_store, _time).IndexAsync([folder], SiteRole.Reference, Cancel)).ShouldHaveSingleItem();

        summary.Key.ShouldBe("brightpath-consulting.example");
        var site = (await _store.Sites.GetAsync(summary.Key, Cancel)).ShouldNotBeNull();
        site.Source.ShouldBe(Path.GetFullPath(folder));
        site.SourceKind.ShouldBe(SiteSourceKind.Folder);
        site.Role.ShouldBe("reference");
        site.Name.ShouldBe("brightpath-consulting");
        site.IndexedAt.ShouldBe(_time.GetUtcNow());
        site.Claims.ShouldContain(new SiteClaim("brightpath-consulting.example", "canonical", "index.html"));
        site.Claims.Select(c => c.How).Distinct().ShouldBe(["canonical", "og:url"], ignoreOrder: true);
        site.Claims.Select(c => c.Domain).ShouldAllBe(d => d == "brightpath-consulting.example");
        site.Pages.Count.ShouldBe(summary.Pages);
        site.Pages.Select(p => p.Url).ShouldContain("index.html");
        site.Fingerprints.ShouldContain(new SiteFingerprint("tracker", "G-BPC0NSULT1"));
        site.Fingerprints.ShouldContain(f => f.Kind == "template");
        (await _store.Sites.FindByFingerprintAsync("tracker", "G-BPC0NSULT1", Cancel)).ShouldBe([summary.Key]);

        var index = site.Pages.Single(p => p.Url == "index.html");
        var body = (await _store.Blobs.GetAsync(index.BodySha256!, Cancel)).ShouldNotBeNull();
        Encoding.UTF8.GetString(body.Content).ShouldBe(await File.ReadAllTextAsync(Path.Combine(folder, "index.html"), Cancel));
        body.MediaType.ShouldStartWith("text/html");
    }

    [Fact]
    public async Task An_analysed_site_joins_the_index_as_a_suspect_and_its_report_is_kept_with_clone_and_finding_rows()
    {
        var sites = new SiteService(_store, _time);
        await sites.IndexAsync([RepoPaths.Sample("sites", "reference", "brightpath-consulting")], SiteRole.Reference, Cancel);

        var (report, analysed) = await sites.AnalyzeAsync(RepoPaths.Sample("sites", "suspect", "novalink-techlab"), null, Cancel);

        var site = (await _store.Sites.GetAsync(analysed.Key, Cancel)).ShouldNotBeNull();
        site.Role.ShouldBe("suspect");
        site.Claims.ShouldContain(c => c.Domain == "novalinktech.example" && c.How == "og:url");
        var stored = (await _store.Sites.GetReportAsync(report.Target, Cancel)).ShouldNotBeNull();
        stored.ReportJson.ShouldBe(SiteReportJson.ToJson(report));
        stored.Clones.ShouldBe([.. report.Clones.Select(c => new SiteCloneRow(c.Reference, c.Relation, c.Similarity, c.CopiedFraction))]);
        stored.Clones.ShouldContain(c => c.ReferenceId == "brightpath-consulting.example" && c.Relation == "clone");
        stored.Findings.Select(f => (f.Code, f.Severity, f.Evidence)).ShouldBe(report.Findings.Select(f => (f.Code, f.Severity, f.Evidence)));
        stored.Findings.ShouldContain(f => f.Code == "SITE_COPIED_CONTENT");

        var index = await sites.LoadIndexAsync(null, Cancel);
        // The suspect is known by its folder, not by the domain its pages declare (novalinktech.example, a claim).
        index.Sites.Select(s => s.Key).ShouldBe(["brightpath-consulting.example", "novalink-techlab"], ignoreOrder: true);
        index.Sites.Single(s => s.Key == analysed.Key).ContentHash.ShouldBe(analysed.ContentHash, "the features come back whole");
        (await sites.RolesAsync(Cancel)).ShouldBe(new Dictionary<string, SiteRole>
        {
            ["brightpath-consulting.example"] = SiteRole.Reference,
            ["novalink-techlab"] = SiteRole.Suspect,
        }, ignoreOrder: true);
    }

    [Fact]
    public async Task The_graph_takes_each_site_with_its_brand_and_the_references_its_report_says_it_copied()
    {
        var sites = new SiteService(_store, _time);
        await sites.IndexAsync([RepoPaths.Sample("sites", "reference", "brightpath-consulting")], SiteRole.Reference, Cancel);
        var (report, _) = await sites.AnalyzeAsync(RepoPaths.Sample("sites", "suspect", "novalink-techlab"), null, Cancel);
        var clone = report.Clones.Single(c => c.Relation == "clone");

        var inputs = (await sites.GraphInputsAsync(Cancel)).ToDictionary(i => i.Key);

        inputs.Keys.ShouldBe(["brightpath-consulting.example", "novalink-techlab"], ignoreOrder: true);
        inputs["brightpath-consulting.example"].Role.ShouldBe(LinkGraph.SiteRole.Reference);
        inputs["brightpath-consulting.example"].Trackers.ShouldNotBeNull().ShouldContain("G-BPC0NSULT1");
        var copy = inputs["novalink-techlab"].Copies.ShouldNotBeNull().ShouldHaveSingleItem();
        copy.ReferenceKey.ShouldBe("brightpath-consulting.example");
        copy.Similarity.ShouldBe(clone.Similarity);
        copy.Evidence.ShouldBe($"{Math.Round(clone.CopiedFraction * 100)}% of novalink-techlab's text is copied from brightpath-consulting.example");
    }

    [Fact]
    public async Task A_warc_a_single_page_and_a_crawled_url_are_kept_as_such()
    {
        var warc = _folder.File("capture.warc");
        await File.WriteAllBytesAsync(warc, Warc("https://www.harborpoint.example/",
            """<html><head><link rel="canonical" href="https://www.harborpoint.example/"></head><body><p>Harbor Point Consulting</p></body></html>"""), Cancel);
        var page = _folder.Write("single/landing.html", "<html><head><title>Landing</title></head><body><p>Nothing declared here</p></body></html>");
        using var server = new LoopbackFileServer(RepoPaths.Sample("sites", "suspect", "kwangsoft-solutions"));
        // The crawler pauses between requests on the clock it is given: a fake one would never let it go on.
        var sites = new SiteService(_store, TimeProvider.System, new CrawlSettings(AllowPrivate: true, MaxPages: 10));

        var indexed = await sites.IndexAsync([warc, page, server.Prefix], SiteRole.Suspect, Cancel);

        var stored = new List<StoredSite>();
        foreach (var summary in indexed)
        {
            stored.Add((await _store.Sites.GetAsync(summary.Key, Cancel)).ShouldNotBeNull());
        }
        stored.Select(s => (s.SourceKind, s.Source)).ShouldBe([
            (SiteSourceKind.Warc, Path.GetFullPath(warc)), (SiteSourceKind.File, Path.GetFullPath(page)), (SiteSourceKind.Url, server.Prefix)]);
        stored[0].Pages.Select(p => p.Url).ShouldBe(["https://www.harborpoint.example/"]);
        stored[0].Claims.ShouldBe([new SiteClaim("harborpoint.example", "canonical", "https://www.harborpoint.example/")]);
        stored[1].Id.ShouldBe("landing");
        stored[1].Claims.ShouldBeEmpty("a page that declares no domain makes no claim");
        stored[0].Id.ShouldBe("capture", "a WARC is known by its file name; the host it recorded and the domain it declares are claims");
        stored[2].Id.ShouldBe("127.0.0.1", "a site fetched from an address that has no registrable domain is known by its host, not by the domain it declares");
        stored[2].Pages.ShouldAllBe(p => p.Url.StartsWith(server.Prefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Indexing_the_same_folder_again_replaces_its_site_and_keeps_one_row_per_source()
    {
        var folder = _folder.Path + "/firm";
        _folder.Write("firm/index.html", "<html><body><p>Harbor Point Consulting, established 2019</p></body></html>");
        var sites = new SiteService(_store, _time);
        (await sites.IndexAsync([folder], SiteRole.Suspect, Cancel)).ShouldHaveSingleItem().Key.ShouldBe("firm");

        // The site now declares a domain: a suspect's id stays where it came from, and the earlier reading is replaced, not kept beside it.
        _folder.Write("firm/index.html", """<html><head><link rel="canonical" href="https://harborpoint.example/"></head><body><p>Harbor Point</p></body></html>""");
        (await sites.IndexAsync([folder], SiteRole.Suspect, Cancel)).ShouldHaveSingleItem().Key.ShouldBe("firm");

        var all = new List<string>();
        await foreach (var site in _store.Sites.ListAsync(Cancel))
        {
            all.Add(site.Id);
        }
        all.ShouldBe(["firm"]);
    }

    private static byte[] Warc(string uri, string html)
    {
        var body = Encoding.UTF8.GetBytes(html);
        var http = Encoding.UTF8.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n").Concat(body).ToArray();
        var header = Encoding.UTF8.GetBytes(
            $"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http;msgtype=response\r\nContent-Length: {http.Length}\r\n\r\n");
        return [.. header, .. http, .. "\r\n\r\n"u8.ToArray()];
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}

using Unmask.TestKit;
using Unmask.WebsiteAnalysis.Analysis;
using Unmask.WebsiteAnalysis.Sources;

namespace Unmask.WebsiteAnalysis.Tests.Analysis;

public sealed class SiteIdentityTests
{
    private static SiteOrigin Folder(string path, SiteRole role, params string[] declared) => new("folder", path, role, null, declared);

    private static SortedDictionary<string, string> IdsBySource(IEnumerable<SiteOrigin> origins) =>
        new(SiteIdentity.Assign(origins).ToDictionary(s => $"{s.Origin.Role}:{s.Origin.Source}", s => s.Id), StringComparer.Ordinal);

    [Fact]
    public void A_suspect_declaring_a_references_domain_never_takes_its_id_in_any_order()
    {
        var reference = Folder("/sites/legit", SiteRole.Reference, "legit.example");
        var suspect = Folder("/sites/front", SiteRole.Suspect, "legit.example");

        var before = IdsBySource([suspect, reference]);
        var after = IdsBySource([reference, suspect]);

        after.ShouldBe(before);
        after["Reference:/sites/legit"].ShouldBe("legit.example");
        after["Suspect:/sites/front"].ShouldBe("front");
    }

    [Fact]
    public void Only_the_first_reference_declaring_a_domain_is_known_by_it_and_a_fetched_site_owns_it_before_both()
    {
        var first = Folder("/a/legit", SiteRole.Reference, "legit.example");
        var second = Folder("/b/legit-copy", SiteRole.Reference, "legit.example");
        var fetched = new SiteOrigin("url", "https://www.legit.example/", SiteRole.Reference, "legit.example", ["legit.example"]);

        var two = SiteIdentity.Assign([first, second]);
        two.Select(s => s.Id).ShouldBe(["legit.example", "legit-copy"]);
        two[0].Domain.ShouldBe("legit.example");
        two[1].Domain.ShouldBeNull();

        var three = SiteIdentity.Assign([first, second, fetched]);
        three.Single(s => s.Origin == fetched).Id.ShouldBe("legit.example");
        three.Single(s => s.Origin == first).Id.ShouldBe("legit");
        three.Single(s => s.Origin == first).Domain.ShouldBeNull();
    }

    [Fact]
    public void A_suspect_fetched_from_a_references_domain_never_takes_it_in_any_order_and_an_archive_capture_owns_no_firms_domain()
    {
        var careers = new SiteOrigin("url", "https://www.acme.example/careers", SiteRole.Suspect, SiteIdentity.FetchedDomain("https://www.acme.example/careers"), []);
        careers.Fetched.ShouldBe("acme.example");
        var reference = new SiteOrigin("url", "https://acme.example/", SiteRole.Reference, SiteIdentity.FetchedDomain("https://acme.example/"), []);
        var declaring = Folder("/refs/acme", SiteRole.Reference, "acme.example");

        foreach (var owner in new[] { reference, declaring })
        {
            var one = SiteIdentity.Assign([careers, owner]);
            var other = SiteIdentity.Assign([owner, careers]);
            one.Single(s => s.Origin == owner).Id.ShouldBe("acme.example");
            one.Single(s => s.Origin == owner).Domain.ShouldBe("acme.example");
            other.Single(s => s.Origin == careers).Id.ShouldBe(one.Single(s => s.Origin == careers).Id);
            one.Single(s => s.Origin == careers).Id.ShouldBe("www.acme.example");
            one.Single(s => s.Origin == careers).Domain.ShouldBeNull();
        }

        SiteIdentity.FetchedDomain("https://web.archive.org/web/2020/https://acme.example/").ShouldBe("archive.org");
    }

    [Fact]
    public void Adding_many_sites_at_once_gives_the_ids_adding_them_one_by_one_gives()
    {
        var origins = new List<SiteOrigin>();
        for (var i = 0; i < 40; i++)
        {
            var role = i % 3 == 0 ? SiteRole.Reference : SiteRole.Suspect;
            origins.Add(i % 4 == 0
                ? new SiteOrigin("url", $"https://www.firm{i % 7}.example/", role, $"firm{i % 7}.example", [])
                : Folder($"/sites/{i % 5}/firm{i % 6}", role, $"firm{i % 7}.example"));
        }
        origins.Add(origins[3]);

        IReadOnlyList<IdentifiedSite> oneByOne = [];
        foreach (var origin in origins)
        {
            oneByOne = SiteIdentity.Add(oneByOne, origin);
        }
        var atOnce = SiteIdentity.AddAll([], origins);

        atOnce.Select(s => (s.Origin, s.Id, s.Domain)).ShouldBe(oneByOne.Select(s => (s.Origin, s.Id, s.Domain)));
        atOnce.Select(s => s.Id).Distinct().Count().ShouldBe(atOnce.Count);
    }

    [Fact]
    public void A_name_held_twice_gets_a_hash_of_the_source_whatever_the_order_and_the_reference_keeps_the_bare_name()
    {
        var reference = Folder("/refs/acme", SiteRole.Reference);
        var suspect = Folder("/suspects/acme", SiteRole.Suspect);
        var folderNamedLikeTheDomain = Folder("/suspects/legit.example", SiteRole.Suspect);
        var owner = Folder("/refs/legit", SiteRole.Reference, "legit.example");

        var one = IdsBySource([suspect, folderNamedLikeTheDomain, reference, owner]);
        var other = IdsBySource([reference, owner, suspect, folderNamedLikeTheDomain]);

        one.ShouldBe(other);
        one["Reference:/refs/acme"].ShouldBe("acme");
        one["Suspect:/suspects/acme"].ShouldBe(SiteIdentity.UniqueName(suspect));
        one["Suspect:/suspects/acme"].ShouldStartWith("acme-");
        one["Reference:/refs/legit"].ShouldBe("legit.example");
        one["Suspect:/suspects/legit.example"].ShouldStartWith("legit.example-");
    }

    [Fact]
    public void Reindexing_a_source_in_the_same_role_keeps_its_id_and_replaces_only_itself()
    {
        var reference = Folder("/refs/legit", SiteRole.Reference, "legit.example");
        var suspect = Folder("/s/front", SiteRole.Suspect, "legit.example");
        var sites = SiteIdentity.Assign([reference, suspect]);

        var again = SiteIdentity.Add(sites, reference with { Declared = ["legit.example", "other.example"] });

        again.Count.ShouldBe(2);
        again.Single(s => s.Origin.Role == SiteRole.Reference).Id.ShouldBe("legit.example");
        again.Single(s => s.Origin.Role == SiteRole.Suspect).Id.ShouldBe("front");
    }

    [Fact]
    public void Source_names_drop_file_extensions_and_take_the_host_of_a_url()
    {
        SiteIdentity.SourceName("warc", "/x/capture.warc.gz").ShouldBe("capture");
        SiteIdentity.SourceName("file", "/x/page.html").ShouldBe("page");
        SiteIdentity.SourceName("folder", "/x/acme/").ShouldBe("acme");
        SiteIdentity.SourceName("url", "https://WWW.Acme.example/about").ShouldBe("www.acme.example");
    }
}

public sealed class SiteBadInputTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private const string Body = "<p>Harbor Point Consulting helps mid-sized manufacturers plan their move to cloud accounting and payroll.</p>";

    private IndexedSite Site(string name, SiteRole role, params (string File, string Head)[] pages)
    {
        foreach (var (file, head) in pages)
        {
            _folder.Write($"{name}/{file}", $"<html><head><title>Page</title>{head}</head><body>{Body}</body></html>");
        }
        return SiteFeatures.Extract(SiteLoader.Load(_folder.File(name)), role);
    }

    [Fact]
    public void A_page_declaring_ten_domains_lists_them_as_claims_and_warns()
    {
        var head = string.Concat(Enumerable.Range(0, 10).Select(i => $"<script type=\"application/ld+json\">{{\"@type\":\"Organization\",\"name\":\"N{i}\",\"url\":\"https://brand{i}.example/\"}}</script>"));
        var site = Site("many", SiteRole.Suspect, ("index.html", head));

        site.Key.ShouldBe("many");
        site.Domain.ShouldBeNull();
        site.Declared.Count.ShouldBe(10);
        site.Warnings.ShouldContain(w => w.StartsWith("pages declare 10 different domains", StringComparison.Ordinal));
    }

    [Fact]
    public void A_canonical_link_to_an_ip_or_javascript_claims_nothing_and_says_so()
    {
        var site = Site("odd", SiteRole.Reference,
            ("index.html", "<link rel=\"canonical\" href=\"http://192.0.2.7/\">"),
            ("about.html", "<link rel=\"canonical\" href=\"javascript:alert(1)\">"));

        site.Declared.ShouldBeEmpty();
        site.Key.ShouldBe("odd");
        site.Warnings.ShouldContain(w => w.Contains("192.0.2.7", StringComparison.Ordinal) && w.EndsWith("names no domain", StringComparison.Ordinal));
        site.Warnings.ShouldContain(w => w.Contains("javascript:", StringComparison.Ordinal));
    }

    [Fact]
    public void Conflicting_og_url_and_canonical_are_both_claims_and_the_conflict_is_a_warning()
    {
        var site = Site("conflict", SiteRole.Suspect,
            ("index.html", "<link rel=\"canonical\" href=\"https://one.example/\"><meta property=\"og:url\" content=\"https://two.example/\">"));

        site.Declared.ShouldBe(["one.example", "two.example"]);
        site.Warnings.ShouldContain("index.html: canonical link names one.example but og:url names two.example");
    }

    [Fact]
    public void A_warc_holding_two_hosts_is_known_by_its_file_and_warns()
    {
        var warc = _folder.File("two-hosts.warc");
        File.WriteAllBytes(warc, [.. Record("https://one.example/", "<html><head><title>One</title></head><body>" + Body + "</body></html>"),
            .. Record("https://two.example/about.html", "<html><head><title>Two</title></head><body>" + Body + "</body></html>")]);

        var site = SiteFeatures.Extract(SiteLoader.Load(warc), SiteRole.Suspect);

        site.Key.ShouldBe("two-hosts");
        site.Domain.ShouldBeNull();
        site.Pages.Count.ShouldBe(2);
        site.Warnings.ShouldContain(w => w.StartsWith("the archive holds pages of 2 hosts (one.example, two.example)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_suspect_claiming_an_indexed_references_domain_gets_a_finding_and_a_claim_pivot()
    {
        var reference = Site("legit", SiteRole.Reference, ("index.html", "<link rel=\"canonical\" href=\"https://www.legit.example/\">"));
        var suspect = Site("front", SiteRole.Suspect, ("index.html", "<link rel=\"canonical\" href=\"https://legit.example/\"><meta property=\"og:url\" content=\"https://legit.example/\">"));

        var report = new SiteAnalyzer().Analyze(suspect, SiteIndex.Build(SiteIdentity.Identify([reference, suspect])));

        report.Target.ShouldBe("front");
        report.Declared.ShouldBe(["legit.example"]);
        var finding = report.Findings.Where(f => f.Code == "SITE_CLAIMS_OTHER_IDENTITY").ShouldHaveSingleItem();
        finding.Evidence.ShouldContain("canonical link on index.html");
        finding.Evidence.ShouldContain("og:url on index.html");
        finding.Evidence.ShouldContain("reference site legit.example");
        report.Pivots.ShouldContain(p => p.Site == "legit.example" && p.Shared.Contains("claims:legit.example"));
    }

    [Fact]
    public void A_redesign_under_the_firms_name_and_contacts_is_the_same_site_and_a_renamed_copy_keeping_its_email_is_a_clone()
    {
        static string Page(string name, string layout) =>
            $"<meta property=\"og:site_name\" content=\"{name}\"></head><body><div class=\"{layout}\">"
            + $"<p>{name} has helped regional credit unions move their member records to modern cloud ledgers since 2011, working beside the operations teams who know where every exception hides.</p>"
            + $"<p>Every engagement at {name} starts with two weeks of listening to tellers, auditors and branch managers before a single migration script is written or a single table is moved.</p>"
            + $"<p>Write to hello@acmeworks.example or call the {name} office and a partner answers within one working day, whatever the size of the question.</p></div>";
        var reference = Site("acme", SiteRole.Reference, ("index.html", "<link rel=\"canonical\" href=\"https://acmeworks.example/\">" + Page("Acme Works", "classic")));
        var redesign = Site("acme-2027", SiteRole.Suspect, ("index.html", Page("Acme Works", "grid-hero") + "<p>New: our offices moved upstairs.</p>"));
        var copy = Site("zenith", SiteRole.Suspect, ("index.html", Page("Zenith Ledger Partners", "classic")));
        var index = SiteIndex.Build(SiteIdentity.Identify([reference, redesign, copy]));

        var same = new SiteAnalyzer().Analyze(redesign, index).Clones.ShouldHaveSingleItem();
        same.Relation.ShouldBe("same_site");
        same.SameSiteEvidence.ShouldContain(e => e.Contains("hello@acmeworks.example", StringComparison.Ordinal));
        new SiteAnalyzer().Analyze(copy, index).Clones.ShouldHaveSingleItem().Relation.ShouldBe("clone");
    }

    private static byte[] Record(string url, string html)
    {
        var http = $"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {System.Text.Encoding.UTF8.GetByteCount(html)}\r\n\r\n{html}";
        var block = System.Text.Encoding.UTF8.GetBytes(http);
        var header = $"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\nWARC-Record-ID: <urn:uuid:{Guid.NewGuid()}>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {block.Length}\r\n\r\n";
        return [.. System.Text.Encoding.UTF8.GetBytes(header), .. block, .. "\r\n\r\n"u8.ToArray()];
    }
}

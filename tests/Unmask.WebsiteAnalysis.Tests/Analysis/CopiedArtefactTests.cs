using System.Text;
using Unmask.WebsiteAnalysis.Analysis;
using Unmask.WebsiteAnalysis.Reports;
using Unmask.WebsiteAnalysis.Sources;

namespace Unmask.WebsiteAnalysis.Tests.Analysis;

public sealed class CopiedArtefactTests
{
    internal const string Welcome =
        "Northwind Fieldworks builds rugged inventory software for orchards, vineyards and small dairies across the valley. Our crews "
        + "visit every farm before writing a single line of code, so the tablets in the packing shed speak the language of the people who use them.";

    internal const string Method =
        "We start with a two week field survey, map each harvest step on paper with the foremen, then ship a working pilot before the first frost. "
        + "Nothing is locked in a contract until the pilot has counted a full season of crates without a missed pallet.";

    internal const string History =
        "Founded in a converted cider barn in 2009, Northwind Fieldworks has grown from two stubborn engineers into a cooperative of "
        + "forty people who still answer the support line themselves during harvest and who still drive out when a scanner stops working.";

    private const string Values =
        "We publish our prices, we keep our code escrowed with the growers association, and we never sell the data a farm collects. "
        + "Every customer can walk away with a full export of their records at any time, in plain files that any spreadsheet can open.";

    private static readonly byte[] Logo = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Enumerable.Range(0, 200).Select(i => (byte)(i * 7))];
    private static readonly byte[] Stylesheet = Encoding.UTF8.GetBytes(".orchard-hero { background: #2f4f2f; color: #fafaf0; padding: 4rem 2rem; font-family: Georgia, serif; }");
    private static readonly byte[] Library = Encoding.UTF8.GetBytes("/*! tiny-dom v1.0 | MIT */ (function(){ window.tinyDom = function(s){ return document.querySelectorAll(s); }; })();");
    private static readonly byte[] Spacer = [0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0];

    private static IndexedSite Site(string name, SiteRole role, IReadOnlyList<(string Path, string Html)> pages, IReadOnlyDictionary<string, byte[]> files) =>
        SiteFeatures.Extract(new SiteSnapshot(name, name, pages.Select(p => new SitePage(p.Path, p.Html)).ToList(), new Dictionary<string, byte[]>(), [],
            files.ToDictionary(f => f.Key, f => AssetFile.Of(f.Value))), role);

    private static string Page(string head, string body) => $"<html><head>{head}</head><body>{body}</body></html>";

    private static IndexedSite Reference() => Site("northwind-fieldworks", SiteRole.Reference,
        [
            ("index.html", Page("<link rel=\"stylesheet\" href=\"css/site.css\"><script src=\"js/tiny-dom.js\"></script>",
                $"<img src=\"img/logo.png\" alt=\"Northwind\"><img src=\"img/spacer.gif\"><p>{Welcome}</p><p>{Method}</p>")),
            ("about.html", Page("<link rel=\"stylesheet\" href=\"css/site.css\">", $"<img src=\"img/logo.png\"><p>{History}</p><p>{Values}</p>")),
        ],
        new Dictionary<string, byte[]> { ["css/site.css"] = Stylesheet, ["js/tiny-dom.js"] = Library, ["img/logo.png"] = Logo, ["img/spacer.gif"] = Spacer });

    /// <summary>Another legitimate firm that loads the same small library.</summary>
    private static IndexedSite OtherReference() => Site("bramble-ledger", SiteRole.Reference,
        [("index.html", Page("<script src=\"/static/tiny-dom.js\"></script>",
            "<p>Bramble Ledger keeps the books of community bakeries and reconciles their flour orders with the mill every Friday afternoon.</p>"))],
        new Dictionary<string, byte[]> { ["static/tiny-dom.js"] = Library });

    private static IndexedSite Clone() => Site("quarrytech-labs", SiteRole.Suspect,
        [
            ("index.html", Page("<link rel=\"stylesheet\" href=\"/assets/main.css\"><script src=\"/assets/tiny-dom.js\"></script>",
                "<img src=\"assets/brand.png\"><img src=\"assets/spacer.gif\">"
                + $"<p>{Welcome.Replace("Northwind Fieldworks", "Quarrytech Labs", StringComparison.Ordinal)}</p><p>{Method}</p>")),
            ("company/about-us.html", Page("", $"<img src=\"../assets/brand.png\"><p>{History.Replace("Northwind Fieldworks", "Quarrytech Labs", StringComparison.Ordinal)}</p><p>{Values}</p><p>Contact our new team today.</p>")),
        ],
        new Dictionary<string, byte[]> { ["assets/main.css"] = Stylesheet, ["assets/tiny-dom.js"] = Library, ["assets/brand.png"] = Logo, ["assets/spacer.gif"] = Spacer });

    [Fact]
    public void A_clone_carries_the_references_files_by_content_hash_and_a_shared_library_is_marked_common()
    {
        var report = new SiteAnalyzer().Analyze(Clone(), SiteIndex.Build([Reference(), OtherReference()]));

        var clone = report.Clones.ShouldHaveSingleItem();
        clone.Reference.ShouldBe("northwind-fieldworks");
        clone.CopiedArtefacts.Select(a => (a.Kind, a.TargetPath, a.ReferencePath, a.Common)).ShouldBe([
            ("image", "assets/brand.png", "img/logo.png", false),
            ("stylesheet", "assets/main.css", "css/site.css", false),
            ("script", "assets/tiny-dom.js", "js/tiny-dom.js", true),
        ]);
        clone.CopiedArtefacts[0].Sha256.ShouldBe(AssetFile.Of(Logo).Sha256);
        clone.CopiedArtefacts[0].SharedBySites.ShouldBe(1);
        clone.CopiedArtefacts[2].SharedBySites.ShouldBe(2);
        report.Findings.ShouldContain(f => f.Code == "SITE_COPIED_ASSETS" && f.Severity == "medium"
            && f.Evidence.Contains("assets/brand.png = img/logo.png", StringComparison.Ordinal) && !f.Evidence.Contains("tiny-dom", StringComparison.Ordinal));
    }

    [Fact]
    public void The_page_map_names_the_reference_page_each_copied_page_came_from()
    {
        var report = new SiteAnalyzer().Analyze(Clone(), SiteIndex.Build([Reference(), OtherReference()]));

        var map = report.Clones.ShouldHaveSingleItem().PageMap;
        map.Select(m => (m.TargetPage, m.ReferencePage)).ShouldBe([("company/about-us.html", "about.html"), ("index.html", "index.html")]);
        map.ShouldAllBe(m => m.CopiedWords >= 40 && m.Share > 0.8 && m.Share <= 1);
    }

    [Fact]
    public void Only_common_files_make_no_artefact_finding()
    {
        var reference = Reference();
        var clone = Clone() with { Assets = Clone().Assets.Where(a => a.Path.EndsWith(".js", StringComparison.Ordinal)).ToList() };

        var report = new SiteAnalyzer().Analyze(clone, SiteIndex.Build([reference, OtherReference()]));

        report.Clones.ShouldHaveSingleItem().CopiedArtefacts.ShouldHaveSingleItem().Common.ShouldBeTrue();
        report.Findings.ShouldNotContain(f => f.Code == "SITE_COPIED_ASSETS");
    }

    [Fact]
    public void Identical_files_alone_do_not_make_a_clone()
    {
        var lookalike = Site("orchard-theme-demo", SiteRole.Suspect,
            [("index.html", Page("<link rel=\"stylesheet\" href=\"css/site.css\">",
                "<img src=\"img/logo.png\"><p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore.</p>"))],
            new Dictionary<string, byte[]> { ["css/site.css"] = Stylesheet, ["img/logo.png"] = Logo });

        var report = new SiteAnalyzer().Analyze(lookalike, SiteIndex.Build([Reference()]));

        report.Clones.ShouldBeEmpty();
        report.Findings.ShouldNotContain(f => f.Code.StartsWith("SITE_COPIED", StringComparison.Ordinal));
    }

    [Fact]
    public void The_json_and_html_reports_show_copied_artefacts_and_the_page_map()
    {
        var report = new SiteAnalyzer().Analyze(Clone(), SiteIndex.Build([Reference(), OtherReference()]));

        var json = System.Text.Json.JsonDocument.Parse(SiteReportJson.ToJson(report)).RootElement.GetProperty("clones")[0];
        var artefact = json.GetProperty("copied_artefacts")[0];
        artefact.GetProperty("kind").GetString().ShouldBe("image");
        artefact.GetProperty("target_path").GetString().ShouldBe("assets/brand.png");
        artefact.GetProperty("reference_path").GetString().ShouldBe("img/logo.png");
        artefact.GetProperty("sha256").GetString().ShouldBe(AssetFile.Of(Logo).Sha256);
        artefact.GetProperty("shared_by_sites").GetInt32().ShouldBe(1);
        artefact.GetProperty("common").GetBoolean().ShouldBeFalse();
        var page = json.GetProperty("page_map")[0];
        page.GetProperty("target_page").GetString().ShouldBe("company/about-us.html");
        page.GetProperty("reference_page").GetString().ShouldBe("about.html");
        page.GetProperty("copied_words").GetInt32().ShouldBeGreaterThan(40);
        page.GetProperty("share").GetDouble().ShouldBeGreaterThan(0.8);

        var html = SiteReportHtml.Render(report);
        html.ShouldContain("assets/brand.png");
        html.ShouldContain("(common)");
        html.ShouldContain("<td>company/about-us.html</td><td>about.html</td>");
    }
}

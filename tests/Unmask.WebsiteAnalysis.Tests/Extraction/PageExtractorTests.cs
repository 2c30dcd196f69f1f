using System.Text;
using Unmask.WebsiteAnalysis.Extraction;
using Unmask.WebsiteAnalysis.Sources;

namespace Unmask.WebsiteAnalysis.Tests.Extraction;

public sealed class PageExtractorTests
{
    // Hang guards, not speed checks: before the limits these inputs took 10–43 s, so a timeout far above that catches a
    // regression without asserting how fast a loaded machine is (speed is measured in bench/).
    private const int HangGuard = 120_000;

    [Fact(Timeout = HangGuard)]
    public async Task A_page_nested_a_hundred_thousand_deep_is_parsed_only_up_to_the_depth_limit()
    {
        // Crawled pages reach the extractor without the loader's check.
        var html = "<html><body><p>Harbor Point Consulting</p>" + new StringBuilder().Insert(0, "<div>", 100_000) + "hidden"
            + new StringBuilder().Insert(0, "</div>", 100_000) + "</body></html>";

        var features = await Task.Run(() => PageExtractor.Extract(new SitePage("deep.html", html)), TestContext.Current.CancellationToken);

        features.Blocks.Select(b => b.Text).ShouldContain("Harbor Point Consulting");
        features.Blocks.ShouldNotContain(b => b.Text.Contains("hidden", StringComparison.Ordinal));
    }

    [Fact]
    public void Visible_text_is_capped_per_page()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<p>" + new string('w', 1_000) + "</p>", 100)) + "</body></html>";
        var options = new ExtractionOptions { Limits = new SiteInputLimits(MaxTextChars: 10_000) };

        var features = PageExtractor.Extract(new SitePage("long.html", html), options);

        features.Blocks.Sum(b => b.Text.Length).ShouldBe(10_000);
        features.Blocks.Count.ShouldBe(10);
    }

    [Fact(Timeout = HangGuard)]
    public async Task A_megabyte_of_digits_and_forty_thousand_tel_links_are_read_within_the_contact_limits()
    {
        var digits = "<html><body><p>Call +1 312 555 0123</p><p>" + string.Concat(Enumerable.Repeat("1 ", 512 * 1024)) + "</p></body></html>";
        var links = "<html><body>" + string.Concat(Enumerable.Repeat("<a href=\"tel:+13125550123\">call</a>", 40_000)) + "</body></html>";

        var fromText = await Task.Run(() => PageExtractor.Extract(new SitePage("digits.html", digits)), TestContext.Current.CancellationToken);
        var fromLinks = await Task.Run(() => PageExtractor.Extract(new SitePage("links.html", links)), TestContext.Current.CancellationToken);

        fromText.Phones.ShouldContain("+13125550123");
        fromLinks.Phones.ShouldBe(["+13125550123"]);
    }
}

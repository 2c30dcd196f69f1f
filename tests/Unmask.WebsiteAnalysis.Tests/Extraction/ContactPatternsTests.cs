using Unmask.WebsiteAnalysis.Extraction;
using Unmask.WebsiteAnalysis.Sources;

namespace Unmask.WebsiteAnalysis.Tests.Extraction;

public sealed class ContactPatternsTests
{
    [Theory]
    [InlineData("+1 (312) 555-0101", "312.555.0101")]
    [InlineData("tel-less 312-555-0101", "+13125550101")]
    [InlineData("(312) 555 0101", "1-312-555-0101")]
    public void The_same_phone_written_differently_is_the_same_phone(string a, string b) =>
        ContactPatterns.SamePhone(a.Replace("tel-less ", "", StringComparison.Ordinal), b).ShouldBeTrue();

    [Fact]
    public void Another_number_is_another_phone() => ContactPatterns.SamePhone("+1 (312) 555-0101", "312.555.0102").ShouldBeFalse();

    [Theory]
    [InlineData("https://www.linkedin.com/company/harrowvale/", "linkedin.com/company/harrowvale")]
    [InlineData("https://x.com/HarrowVale", "twitter.com/harrowvale")]
    [InlineData("https://twitter.com/harrowvale?lang=en", "twitter.com/harrowvale")]
    [InlineData("//github.com/harrowvale/booking", "github.com/harrowvale")]
    [InlineData("https://t.me/harrowvale", "t.me/harrowvale")]
    [InlineData("https://www.facebook.com/sharer/sharer.php?u=x", null)]
    [InlineData("https://harrowvale.example/about", null)]
    public void Social_profile_links_are_read_as_platform_and_handle(string href, string? profile) =>
        ContactPatterns.SocialProfile(href).ShouldBe(profile);

    [Fact]
    public void Trackers_come_in_document_order_whatever_their_family()
    {
        var html = "<div data-gtm=\"GTM-AB12CD\"></div><script>gtag('config','G-QL7LOFT2X9'); fbq('init', '1234567890123');</script><script src=\"x?id=UA-31255501-1\"></script>";

        ContactPatterns.TrackersInOrder(html).ShouldBe(["GTM-AB12CD", "G-QL7LOFT2X9", "fbpixel:1234567890123", "UA-31255501-1"]);
    }

    [Fact]
    public void Page_markup_keeps_meta_tags_trackers_and_data_attributes_in_order()
    {
        var page = PageExtractor.Extract(new SitePage("index.html", """
            <html><head><meta name="twitter:site" content="@harrowvale"><meta property="og:title" content="Harrow Vale Studio">
            <script>gtag('config', 'UA-31255501-1');</script></head>
            <body><div data-phone="+13125550101" data-id="x1"></div><a href="tel:+13125550101">call</a></body></html>
            """));

        page.Markup.ShouldContain(new MarkupValue("meta:twitter:site", "@harrowvale"));
        page.Markup.ShouldContain(new MarkupValue("meta:og:title", "Harrow Vale Studio"));
        page.Markup.ShouldContain(new MarkupValue("tracker", "UA-31255501-1"));
        page.Markup.ShouldContain(new MarkupValue("data:data-phone", "+13125550101"));
        page.Markup.ShouldNotContain(m => m.Slot == "data:data-id");
    }
}

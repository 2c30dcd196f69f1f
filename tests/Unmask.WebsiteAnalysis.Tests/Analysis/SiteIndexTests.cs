using Unmask.WebsiteAnalysis.Analysis;
using Unmask.WebsiteAnalysis.Extraction;
using Unmask.WebsiteAnalysis.Sources;

namespace Unmask.WebsiteAnalysis.Tests.Analysis;

public sealed class SiteIndexTests
{
    private static IndexedSite Site(string name, string text) =>
        SiteFeatures.FromPages(new SiteSnapshot(name, name, [new SitePage("index.html", "")], new Dictionary<string, byte[]>(), []), SiteRole.Reference,
            [new PageFeatures { Path = "index.html", Title = name, Canonical = $"https://{name}/", Blocks = [new TextBlock(text, BlockRole.Content)], Phones = ["+13125550188"] }]);

    [Fact]
    public void Stored_sites_decode_to_what_was_added()
    {
        var site = Site("quillpoint.example", "Quillpoint builds ledgers for small harbours — naïve café ✓ since 1999.");
        var index = SiteIndex.Build([site]);

        var decoded = index[0];

        decoded.Key.ShouldBe(site.Key);
        decoded.Pages[0].Blocks.ShouldBe(site.Pages[0].Blocks);
        decoded.Pages[0].MinHash.ShouldBe(site.Pages[0].MinHash);
        decoded.Fingerprints.Phones.ShouldBe(site.Fingerprints.Phones);
        index.KeyOf(0).ShouldBe("quillpoint.example");
        index.FirstWithKey("quillpoint.example")!.ContentHash.ShouldBe(site.ContentHash);
        index.SitesWithContentHash(site.ContentHash).ShouldBe([0]);
        index.SitesWithIdentifier("phone:+13125550188").ShouldBe([0]);
    }

    [Fact]
    public void A_lone_surrogate_in_page_text_does_not_break_indexing_or_reading()
    {
        var index = SiteIndex.Build([Site("brokenglyph.example", "Text with a stray \uD800 half character in it.")]);

        index[0].Pages[0].Blocks[0].Text.ShouldStartWith("Text with a stray ");
    }
}

using Unmask.WebsiteAnalysis.Domains;

namespace Unmask.WebsiteAnalysis.Tests.Domains;

public sealed class LookalikesTests
{
    [Theory]
    [InlineData("harborpointconsulting.net", "harborpointconsulting.com", "tld_swap")]
    [InlineData("harborpointconsultnig.com", "harborpointconsulting.com", "typo")]
    [InlineData("harb0rpointconsulting.com", "harborpointconsulting.com", "homoglyph")]
    [InlineData("harborpointconsulting-llc.com", "harborpointconsulting.com", "added_words")]
    public void Recognises_lookalikes(string candidate, string original, string kind) =>
        Lookalikes.Compare(candidate, original)!.Kind.ShouldBe(kind);

    [Fact]
    public void Recognises_cyrillic_homoglyphs_in_punycode()
    {
        var punycode = new System.Globalization.IdnMapping().GetAscii("h\u0430rborpoint") + ".com"; // Cyrillic a
        Lookalikes.Compare(punycode, "harborpoint.com")!.Kind.ShouldBe("homoglyph");
    }

    [Theory]
    [InlineData("maplecrestadvisors.com", "harborpointconsulting.com")]
    [InlineData("harborpointconsulting.com", "harborpointconsulting.com")]
    public void Leaves_unrelated_and_equal_domains_alone(string candidate, string original) =>
        Lookalikes.Compare(candidate, original).ShouldBeNull();

    [Theory]
    [InlineData("www.shop.acme.co.uk", "acme.co.uk")]
    [InlineData("talent-consulting.github.io", "talent-consulting.github.io")]
    [InlineData("inditechlab.com", "inditechlab.com")]
    [InlineData("com", null)]
    public void Registrable_domain_follows_the_public_suffix_list(string host, string? expected) =>
        PublicSuffix.Default.RegistrableDomain(host).ShouldBe(expected);
}

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

public sealed class OneEditTests
{
    [Fact]
    public void One_edit_check_agrees_with_the_full_distance_on_random_labels()
    {
        var random = new Random(7);
        string Label(int length) => new(Enumerable.Range(0, length).Select(_ => "abcd"[random.Next(4)]).ToArray());
        for (var i = 0; i < 20_000; i++)
        {
            var a = Label(random.Next(0, 7));
            var b = random.Next(3) == 0 ? Label(random.Next(0, 7)) : Mutate(a, random);
            Lookalikes.IsOneEditApart(a, b).ShouldBe(Lookalikes.DamerauLevenshtein(a, b) == 1, $"{a} / {b}");
        }
    }

    private static string Mutate(string text, Random random)
    {
        var chars = text.ToList();
        switch (random.Next(4))
        {
            case 0:
                chars.Insert(random.Next(chars.Count + 1), "abcd"[random.Next(4)]);
                break;
            case 1 when chars.Count > 0:
                chars.RemoveAt(random.Next(chars.Count));
                break;
            case 2 when chars.Count > 0:
                chars[random.Next(chars.Count)] = "abcd"[random.Next(4)];
                break;
            case 3 when chars.Count > 1:
                var at = random.Next(chars.Count - 1);
                (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]);
                break;
        }
        return new string(chars.ToArray());
    }
}

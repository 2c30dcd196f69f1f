using Unmask.WebsiteAnalysis.Domains;

namespace Unmask.WebsiteAnalysis.Tests.Domains;

public sealed class ConfusablesTests
{
    [Fact]
    public void Skeleton_follows_the_vendored_tr39_data()
    {
        Confusables.Skeleton("m").ShouldBe("rn");
        Confusables.Skeleton("0").ShouldBe("O");
        Confusables.Skeleton("\u0430").ShouldBe("a"); // Cyrillic а
        Confusables.Skeleton("\u0131").ShouldBe("i"); // dotless ı
    }

    [Fact]
    public void Parse_reads_source_prototype_pairs_and_skips_comments()
    {
        var table = Confusables.Parse(new StringReader("# confusables.txt\n# Version: 17.0.0\n006D ;\t0072 006E ;\tMA\t# ( m → rn )\n\n0430 ;\t0061 ;\tMA\t# ( а → a )\n"));
        table[0x6D].ShouldBe("rn");
        table[0x430].ShouldBe("a");
        table.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("acme", "\u0430cme")] // Cyrillic а
    [InlineData("acme", "acrne")]
    [InlineData("acme", "acnne")] // nn: the project's pair table
    [InlineData("deskwork", "cleskwork")] // cl for d
    [InlineData("kite", "lcite")]
    [InlineData("wave", "vvave")]
    [InlineData("kite", "\u043Aite")] // Cyrillic к (TR39 gives ĸ)
    [InlineData("mint", "\u043Cint")] // Cyrillic м (TR39 gives ʍ)
    [InlineData("tint", "\u0442int")] // Cyrillic т (TR39 gives ᴛ)
    [InlineData("cafe", "café")]
    public void Look_alike_labels_share_a_skeleton(string plain, string lookalike) =>
        Confusables.LabelSkeleton(lookalike).ShouldBe(Confusables.LabelSkeleton(plain));

    [Theory]
    [InlineData("blank", "dlank")]
    [InlineData("acme", "acne")]
    [InlineData("kite", "kit")]
    public void Different_letters_keep_different_skeletons(string a, string b) =>
        Confusables.LabelSkeleton(a).ShouldNotBe(Confusables.LabelSkeleton(b));

    [Fact]
    public void Without_pairs_a_typo_that_makes_a_pair_stays_a_typo()
    {
        Confusables.LabelSkeleton("maplcrest").ShouldContain("k");
        Confusables.LabelSkeleton("maplcrest", pairs: false).ShouldBe("rnaplcrest");
    }
}

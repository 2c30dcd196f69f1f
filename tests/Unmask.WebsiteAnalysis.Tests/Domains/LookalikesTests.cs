using System.Globalization;
using Unmask.WebsiteAnalysis.Domains;

namespace Unmask.WebsiteAnalysis.Tests.Domains;

public sealed class LookalikesTests
{
    private static string Puny(string unicodeHost) => new IdnMapping().GetAscii(unicodeHost);

    [Theory]
    [InlineData("harborpointconsulting.net", "tld_swap")]
    [InlineData("harborpointconsultnig.com", "typo")] // transposition
    [InlineData("harborpointconsultin.com", "typo")] // omission
    [InlineData("harborpointconsultingg.com", "typo")] // repetition
    [InlineData("harborpointconsulting1.com", "typo")] // addition
    [InlineData("harborpointconsulying.com", "typo")] // replacement (keyboard neighbour)
    [InlineData("harborpointconsultimg.com", "typo")] // bitsquatting n (0x6e) → m (0x6d)
    [InlineData("harborpaintconsulting.com", "typo")] // vowel swap
    [InlineData("harb0rpointconsulting.com", "homoglyph")]
    [InlineData("harborpoint-consulting.com", "hyphenation")]
    [InlineData("harborpointconsultings.com", "plural")]
    [InlineData("harborpointconsesulting.com", "plural")] // dnstwist inserts -es after an s inside the name too
    [InlineData("harborpointconsulting-careers.com", "added_words")]
    [InlineData("secure-harborpointconsulting.com", "added_words")]
    [InlineData("harborpointconsultingcom.com", "added_words")]
    [InlineData("harborpointconsulting.other-host.net", "subdomain")]
    [InlineData("harborpointconsulting-com.other-host.net", "subdomain")]
    [InlineData("harborpoint.consulting.com", "subdomain")] // split by a dot
    public void Recognises_each_kind_of_lookalike(string candidate, string kind) =>
        Lookalikes.Compare(candidate, "harborpointconsulting.com")!.Kind.ShouldBe(kind);

    [Theory]
    [InlineData("quillrnark.com")] // rn for m
    [InlineData("quillnnark.com")] // nn for m (not in TR39: the project's pair table)
    [InlineData("quiiimark.com")] // i for l, twice: not a skeleton match but one loose step
    public void Recognises_ascii_homoglyphs(string candidate) =>
        Lookalikes.Compare(candidate, "quillmark.com")!.Kind.ShouldBe("homoglyph");

    [Theory]
    [InlineData("ѕtaffwise.com", "staffwise.com")] // Cyrillic dze
    [InlineData("staffwıse.com", "staffwise.com")] // dotless i
    [InlineData("ꜱtaffwiꜱe.com", "staffwise.com")] // small capital s
    [InlineData("sтaffwise.com", "staffwise.com")] // Cyrillic te (TR39 maps it to small capital T)
    [InlineData("staffwiseмedia.com", "staffwisemedia.com")] // Cyrillic em
    [InlineData("ԁeskforge.com", "deskforge.com")] // Cyrillic komi de
    [InlineData("deskforgė.com", "deskforge.com")] // a dot above: marks are stripped
    [InlineData("ԁеѕкforgе.com", "deskforge.com")] // several Cyrillic letters at once
    public void Unicode_swaps_are_one_look_alike_character_each_whatever_their_punycode(string unicodeCandidate, string original)
    {
        var match = Lookalikes.Compare(Puny(unicodeCandidate), original)!;
        match.Kind.ShouldBe("homoglyph");
        match.Explanation.ShouldContain("punycode xn--");
        match.Explanation.ShouldContain("U+");
    }

    [Fact]
    public void The_explanation_names_both_domains_the_kind_and_the_characters()
    {
        var match = Lookalikes.Compare("quillrnark.com", "quillmark.com")!;
        match.Explanation.ShouldBe("quillrnark.com is a look-alike of quillmark.com: homoglyph 'rn' for 'm'");
        Lookalikes.Compare(Puny("quillmаrk.com"), "quillmark.com")!.Explanation
            .ShouldBe($"quillmаrk.com is a look-alike of quillmark.com: homoglyph 'а' (U+0430) for 'a' (punycode {Puny("quillmаrk.com")})");
    }

    [Theory]
    [InlineData("blank.com", "dlank.com")] // b/d look alike, but blank is a word: someone's real name for something
    [InlineData("dlank.com", "blank.com")] // and the other way round
    [InlineData("blanks.com", "blank.com")] // plural of a word reference
    [InlineData("blank.net", "blank.com")] // TLD swap of a word
    [InlineData("blank-careers.com", "blank.com")] // a word plus words
    [InlineData("acne.com", "acme.com")] // short reference: one letter is not enough
    [InlineData("acmes.com", "acme.com")]
    public void Short_or_word_names_need_exact_evidence(string candidate, string original) =>
        Lookalikes.Compare(candidate, original).ShouldBeNull();

    [Theory]
    [InlineData("b1ank.com", "blank.com")] // digit 1 for l: the same skeleton
    [InlineData("acrne.com", "acme.com")]
    [InlineData("blank.other-host.net", "blank.com")] // the whole brand as a subdomain
    [InlineData("acme-com.other-host.net", "acme.com")]
    public void Exact_evidence_still_counts_for_short_or_word_names(string candidate, string original) =>
        Lookalikes.Compare(Puny(candidate), original).ShouldNotBeNull();

    [Theory]
    [InlineData("maplecrestadvisors.com", "harborpointconsulting.com")]
    [InlineData("harborpointconsulting.com", "harborpointconsulting.com")]
    [InlineData("mail.harborpointconsulting.com", "harborpointconsulting.com")] // the firm's own subdomain
    [InlineData("login-labs.com", "copperleaf-labs.com")] // only a generic part of the name left
    [InlineData("quillmark.example", "penmark.example")]
    public void Leaves_unrelated_own_and_generic_domains_alone(string candidate, string original) =>
        Lookalikes.Compare(candidate, original).ShouldBeNull();

    [Theory]
    [InlineData("copperleaf-login.com", "copperleaf-labs.com")]
    [InlineData("northwind-careers.com", "northwind-analytics.com")]
    [InlineData("login-analytics.com", "northwind-analytics.com")] // a lure word for the brand part
    public void One_part_of_a_hyphenated_name_replaced_by_a_word_is_added_words(string candidate, string original) =>
        Lookalikes.Compare(candidate, original)!.Kind.ShouldBe("added_words");

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

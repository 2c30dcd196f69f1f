using Unmask.WebsiteAnalysis.Analysis;
using Unmask.WebsiteAnalysis.Reports;
using Unmask.WebsiteAnalysis.Sources;

namespace Unmask.WebsiteAnalysis.Tests.Analysis;

/// <summary>Swaps of every kind, in the visible text and inside attributes, between a fictional firm's site (Harrow Vale Studio)
/// and copies of it by a fictional front company (Quenby Loft LLC).</summary>
public sealed class BrandSubstitutionsTests
{
    private sealed record Firm(string Name, string Domain, string Handle, string PhoneText, string Tel, string Email, string Tracker,
        string Street, string Person, string DataPhone);

    private static readonly Firm Original = new("Harrow Vale Studio", "harrowvale.example", "harrowvale", "+1 (312) 555-0101", "+13125550101",
        "hello@harrowvale.example", "UA-31255501-1", "1200 Harbor Street", "Jane Doe", "+13125550101");

    private static readonly Firm Front = new("Quenby Loft LLC", "quenbyloft.example", "quenbyloft", "415.555.0177", "+14155550177",
        "team@quenbyloft.example", "G-QL7LOFT2X9", "88 Orchard Lane", "John Smith", "+14155550177");

    /// <summary>One page of the firm's site: a long copied story, then the firm's details in text and in every attribute form.
    /// <paramref name="text"/> gives the details shown in the visible text, <paramref name="markup"/> those in the attributes.</summary>
    private static string Page(Firm text, Firm markup) => $$"""
        <html><head><title>Booking software | {{text.Name}}</title>
        <link rel="canonical" href="https://www.{{markup.Domain}}/">
        <meta property="og:site_name" content="{{markup.Name}}">
        <meta name="twitter:site" content="@{{markup.Handle}}">
        <script async src="https://www.googletagmanager.com/gtag/js?id={{markup.Tracker}}"></script>
        <script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} gtag('config', '{{markup.Tracker}}');</script>
        <script type="application/ld+json">{"@context":"https://schema.org","@type":"Organization","name":"{{markup.Name}}","url":"https://www.{{markup.Domain}}/","telephone":"{{markup.Tel}}","email":"{{markup.Email}}","sameAs":["https://www.linkedin.com/company/{{markup.Handle}}"]}</script>
        </head><body>
        <h1>{{text.Name}}</h1>
        <p>{{text.Name}} builds careful booking software for small clinics and independent dental practices across the region. Our
        engineers have shipped scheduling, reminders and billing integrations since 2014, and every project starts with a week of
        listening to the front desk staff who will use the system every single day of the week.</p>
        <p>We keep projects small on purpose: one team, one product owner, weekly releases and a plain written report at the end of
        each sprint, so clinics always know what they paid for, what works today and what comes next in the plan.</p>
        <section class="team"><h2>Our team</h2><p>{{text.Person}}, CEO</p></section>
        <footer class="site-footer"><p>{{text.Name}} · {{text.Street}}, Springfield, IL 62701</p>
        <p>Call us on <a href="tel:{{markup.Tel}}">{{text.PhoneText}}</a> or write to <a href="mailto:{{markup.Email}}">{{text.Email}}</a>. Visit www.{{text.Domain}} any time.</p>
        <p><a href="https://www.linkedin.com/company/{{markup.Handle}}">LinkedIn</a> <a href="https://github.com/{{markup.Handle}}">GitHub</a> <a href="https://t.me/{{markup.Handle}}">Telegram</a></p>
        <div class="cta" data-phone="{{markup.DataPhone}}" data-email="{{markup.Email}}"></div></footer>
        </body></html>
        """;

    private static IndexedSite Site(string name, string html, SiteRole role) =>
        SiteFeatures.Extract(new SiteSnapshot(name, name, [new SitePage("index.html", html)], new Dictionary<string, byte[]>(), []), role);

    private static CloneMatch CloneOf(string cloneHtml, string? referenceHtml = null)
    {
        var reference = Site("harrowvale", referenceHtml ?? Page(Original, Original), SiteRole.Reference);
        var report = new SiteAnalyzer().Analyze(Site("quenbyloft", cloneHtml, SiteRole.Suspect), SiteIndex.Build([reference]));
        var clone = report.Clones.ShouldHaveSingleItem();
        clone.Relation.ShouldBe(CloneMatch.CloneRelation);
        return clone;
    }

    private static BrandSubstitution Swap(CloneMatch clone, string type, string original, string replacement) =>
        clone.BrandSubstitutions.FirstOrDefault(s => s.Type == type
            && BrandSubstitutions.Normalise(s.Original).Contains(BrandSubstitutions.Normalise(original), StringComparison.Ordinal)
            && BrandSubstitutions.Normalise(s.Replacement).Contains(BrandSubstitutions.Normalise(replacement), StringComparison.Ordinal))
        ?? throw new ShouldAssertException($"no {type} swap {original} -> {replacement} in: " + string.Join("; ", clone.BrandSubstitutions.Select(s => $"{s.Type}: {s.Original} -> {s.Replacement} ({s.Where})")));

    [Fact]
    public void A_clone_that_swaps_everything_shows_every_kind_with_both_sides_and_where_it_was_seen()
    {
        var clone = CloneOf(Page(Front, Front));

        Swap(clone, "name", "Harrow Vale Studio", "Quenby Loft").TargetPage.ShouldBe("index.html");
        var phone = Swap(clone, "phone", "312", "415");
        phone.ReferencePage.ShouldBe("index.html");
        Swap(clone, "email", "hello@harrowvale.example", "team@quenbyloft.example");
        Swap(clone, "domain", "harrowvale.example", "quenbyloft.example");
        Swap(clone, "tracker", "UA-31255501-1", "G-QL7LOFT2X9");
        Swap(clone, "social", "linkedin.com/company/harrowvale", "linkedin.com/company/quenbyloft");
        Swap(clone, "social", "t.me/harrowvale", "t.me/quenbyloft");
        var person = Swap(clone, "person", "Jane Doe", "John Smith");
        person.Where.ShouldBe("text");
        person.Context.ShouldBe("John Smith, CEO");
        person.ReferenceContext.ShouldBe("Jane Doe, CEO");
        Swap(clone, "address", "1200 Harbor", "88 Orchard");
    }

    [Theory]
    [InlineData("tel")]
    [InlineData("mailto")]
    [InlineData("href")]
    [InlineData("meta")]
    [InlineData("script")]
    [InlineData("data")]
    [InlineData("jsonld")]
    public void A_swap_made_only_inside_an_attribute_is_found_there(string where)
    {
        // The visible text keeps the firm's details (only its name changes, so the copy is a clone); the markup is the front's.
        var text = Original with { Name = Front.Name };
        var markup = where switch
        {
            "tel" => Original with { Tel = Front.Tel },
            "mailto" => Original with { Email = Front.Email },
            "href" => Original with { Handle = Front.Handle },
            "meta" => Original with { Handle = Front.Handle },
            "script" => Original with { Tracker = Front.Tracker },
            "data" => Original with { DataPhone = Front.DataPhone },
            _ => Original with { Tel = Front.Tel },
        };
        var html = Page(text, markup);
        if (where == "tel" || where == "jsonld")
        {
            // Each form alone: the tel: link or the JSON-LD telephone.
            html = where == "tel" ? html.Replace($"\"telephone\":\"{Front.Tel}\"", $"\"telephone\":\"{Original.Tel}\"", StringComparison.Ordinal)
                : html.Replace($"tel:{Front.Tel}", $"tel:{Original.Tel}", StringComparison.Ordinal);
        }
        if (where == "mailto")
        {
            html = html.Replace($"\"email\":\"{Front.Email}\"", $"\"email\":\"{Original.Email}\"", StringComparison.Ordinal)
                .Replace($"data-email=\"{Front.Email}\"", $"data-email=\"{Original.Email}\"", StringComparison.Ordinal);
        }
        if (where == "meta")
        {
            html = html.Replace($"company/{Front.Handle}", $"company/{Original.Handle}", StringComparison.Ordinal)
                .Replace($"github.com/{Front.Handle}", $"github.com/{Original.Handle}", StringComparison.Ordinal)
                .Replace($"t.me/{Front.Handle}", $"t.me/{Original.Handle}", StringComparison.Ordinal);
        }

        var clone = CloneOf(html);

        var swap = where switch
        {
            "tel" or "jsonld" or "data" => Swap(clone, "phone", "3125550101", "4155550177"),
            "mailto" => Swap(clone, "email", Original.Email, Front.Email),
            "href" => Swap(clone, "social", "github.com/harrowvale", "github.com/quenbyloft"),
            "meta" => Swap(clone, "social", "twitter.com/harrowvale", "twitter.com/quenbyloft"),
            _ => Swap(clone, "tracker", Original.Tracker, Front.Tracker),
        };
        swap.Where.ShouldBe(where);
        swap.Context.ShouldNotBeNull().ShouldContain(where == "meta" ? "@quenbyloft" : where == "script" ? Front.Tracker : where == "href" ? "quenbyloft" : "");
    }

    [Fact]
    public void A_phone_written_in_another_format_and_a_kept_tracker_are_not_swaps()
    {
        // Same number: +1 (312) 555-0101 in the reference, 312.555.0101 in the copy; tel: link as 312-555-0101.
        var copy = Page(Original with { Name = Front.Name, PhoneText = "312.555.0101" }, Original with { Name = Front.Name })
            .Replace("tel:+13125550101", "tel:312-555-0101", StringComparison.Ordinal);

        var clone = CloneOf(copy);

        clone.BrandSubstitutions.ShouldNotContain(s => s.Type == "phone");
        clone.BrandSubstitutions.ShouldNotContain(s => s.Type == "tracker");
        Swap(clone, "name", "Harrow Vale Studio", "Quenby Loft");
    }

    [Fact]
    public void A_reworded_sentence_is_not_a_name_swap_and_a_kept_phone_is_not_a_phone_swap()
    {
        var copy = Page(Original with { Name = Front.Name }, Original with { Name = Front.Name })
            .Replace("Our team", "Meet the Team", StringComparison.Ordinal)
            .Replace("weekly releases", "Weekly Releases", StringComparison.Ordinal);

        var clone = CloneOf(copy);

        clone.BrandSubstitutions.ShouldAllBe(s => s.Type == "name" || s.Type == "domain");
        clone.BrandSubstitutions.ShouldNotContain(s => s.Original.Contains("team", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_tracker_of_another_family_in_the_same_place_is_a_tracker_swap()
    {
        var clone = CloneOf(Page(Original with { Name = Front.Name }, Original with { Name = Front.Name, Tracker = "G-NEWTAG77Q1" }));

        Swap(clone, "tracker", "UA-31255501-1", "G-NEWTAG77Q1").Where.ShouldBe("script");
    }

    [Fact]
    public void Json_carries_where_each_swap_was_seen()
    {
        var clone = CloneOf(Page(Front, Front));
        var report = new SiteReport("quenbyloft", 1, [clone], new SiteFingerprints([], [], [], [], [], [], ""), [], [], []);

        var json = SiteReportJson.ToJson(report);

        json.ShouldContain("\"type\":\"person\"");
        json.ShouldContain("\"target_page\":\"index.html\"");
        json.ShouldContain("\"reference_page\":\"index.html\"");
        json.ShouldContain("\"where\":\"script\"");
        json.ShouldContain("\"reference_context\":\"Jane Doe, CEO\"");
    }
}

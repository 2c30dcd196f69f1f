using Unmask.Domain;

namespace Unmask.Screening.Tests;

public sealed class ScreenerTests
{
    private static readonly Screener Screener = new(ScreeningIndex.Build(
    [
        new Entity("t-1", Schemas.Person, "test_list").Add("name", "KIM, Jong Un").Add("birthDate", "1984-01-08").Add("nationality", "kp").Add("program", "DPRK3"),
        new Entity("t-2", Schemas.Person, "test_list").Add("name", "PAK, Hwa Song").Add("passportNumber", "PS-836410115").Add("email", "hwa.song@fictional-front.example"),
        new Entity("t-3", Schemas.Company, "test_list").Add("name", "Yanbian Silverstar Network Technology Co., Ltd.").Add("website", "https://www.silverstar-fictional.example/"),
        new Entity("t-4", Schemas.Person, "test_list").Add("name", "RI, Song Hyok").Add("cryptoWallet", "0xAbCdEf0123456789abcdef0123456789ABCDEF01"),
        new Entity("t-5", Schemas.Company, "test_list").Add("name", "Kim Jong Un Trading Company"),
        new Entity("t-6", Schemas.Person, "other_list").Add("name", "Kim Min Chol"),
    ]));

    private static ScreeningQuery Query(string schema, params (string Property, string Value)[] properties) =>
        new("q", schema, properties.GroupBy(p => p.Property).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(p => p.Value).ToList()));

    [Fact]
    public void Finds_a_person_by_a_variant_name_with_features_and_explanation()
    {
        var response = Screener.Screen(Query("Person", ("name", "Gim Jeong-eun"), ("birthDate", "1984-01-08")), new ScreeningOptions());
        var top = response.Results[0];
        top.Id.ShouldBe("t-1");
        top.Match.ShouldBeTrue();
        top.Programs.ShouldBe(["DPRK3"]);
        top.Datasets.ShouldBe(["test_list"]);
        top.Features.Keys.ShouldContain("name_similarity");
        top.Features.Keys.ShouldContain("birth_date_match");
        top.Explanation.ShouldNotBeEmpty();
    }

    [Fact]
    public void Person_never_matches_company() =>
        Screener.Screen(Query("Person", ("name", "Kim Jong Un Trading Company")), new ScreeningOptions()).Results.ShouldNotContain(r => r.Id == "t-5");

    [Theory]
    [InlineData("Person", "Gim Jeong-eun", "1984-01-08", "kp")]
    [InlineData("Person", "Kim Jong Un", "1990", "us")]
    [InlineData("Any", "Pak Hwa-song", "", "")]
    [InlineData("Company", "Yanbian Silver Star Network Technology", "", "")]
    public void Explanation_parts_add_up_to_the_score(string schema, string name, string birthDate, string country)
    {
        var properties = new List<(string, string)> { ("name", name) };
        if (birthDate.Length > 0)
        {
            properties.Add(("birthDate", birthDate));
        }
        if (country.Length > 0)
        {
            properties.Add(("country", country));
        }
        var results = Screener.Screen(Query(schema, [.. properties]), new ScreeningOptions(Threshold: 0.5)).Results;
        results.ShouldNotBeEmpty();
        foreach (var result in results)
        {
            result.Contributions.Sum(c => c.Contribution).ShouldBe(result.Score, 1e-9);
            result.Explanation.Count.ShouldBe(result.Contributions.Count);
        }
    }

    [Fact]
    public void Birth_date_mismatch_lowers_the_score()
    {
        var same = Screener.Screen(Query("Person", ("name", "Kim Jong Un"), ("birthDate", "1984")), new ScreeningOptions()).Results[0].Score;
        var other = Screener.Screen(Query("Person", ("name", "Kim Jong Un"), ("birthDate", "1950-03-02")), new ScreeningOptions()).Results[0].Score;
        other.ShouldBeLessThan(same);
    }

    [Fact]
    public void An_identifier_match_is_conclusive()
    {
        var result = Screener.Screen(Query("Person", ("name", "Somebody Else"), ("passportNumber", "ps836410115")), new ScreeningOptions()).Results[0];
        result.Id.ShouldBe("t-2");
        result.Score.ShouldBe(1.0);
        result.Features["identifier_match"].ShouldBe(1.0);
    }

    [Fact]
    public void Wallet_queries_match_evm_addresses_case_insensitively()
    {
        var results = Screener.Screen(Query("CryptoWallet", ("publicKey", "0xabcdef0123456789ABCDEF0123456789abcdef01")), new ScreeningOptions()).Results;
        results.Single().Id.ShouldBe("t-4");
        results[0].Score.ShouldBe(1.0);
    }

    [Fact]
    public void Domain_queries_match_website_and_email_domains()
    {
        Screener.Screen(Query("Domain", ("name", "silverstar-fictional.example")), new ScreeningOptions()).Results.Single().Id.ShouldBe("t-3");
        Screener.Screen(Query("Domain", ("domain", "http://fictional-front.example/about")), new ScreeningOptions()).Results.Single().Id.ShouldBe("t-2");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u0000\u0007")]
    [InlineData("---")]
    public void Names_without_letters_are_refused(string name) =>
        Should.Throw<ArgumentException>(() => Screener.Screen(ScreeningQuery.ForName(name), new ScreeningOptions()));

    [Fact]
    public void Control_and_zero_width_characters_between_name_parts_do_not_hide_a_listed_name()
    {
        foreach (var hidden in new[] { "Kim\u0001Jong\u0001Un", "Kim\u200BJong Un", "Kim\0Jong\0Un", "KIM\u202E,\u202CJong Un" })
        {
            var results = Screener.Screen(ScreeningQuery.ForName(hidden, "Person"), new ScreeningOptions()).Results;
            results.ShouldNotBeEmpty(hidden);
            var best = results[0];
            best.Id.ShouldBe("t-1", hidden);
            best.Match.ShouldBeTrue(hidden);
        }
    }

    [Fact]
    public void List_names_are_cleaned_the_same_way_when_indexed()
    {
        var screener = new Screener(ScreeningIndex.Build([new Entity("h-1", Schemas.Person, "test_list").Add("name", "RI\u0000Song\u200BHyok\u0301")]));
        var best = screener.Screen(ScreeningQuery.ForName("Ri Song Hyok", "Person"), new ScreeningOptions()).Results.ShouldHaveSingleItem();
        best.Id.ShouldBe("h-1");
        best.Score.ShouldBeGreaterThan(0.95);
    }

    [Fact]
    public void A_name_of_only_combining_marks_or_punctuation_has_nothing_to_match()
    {
        foreach (var empty in new[] { "!!!", "\u0301\u0302\u0303", "\u0001\u0002", "\u200B\u202E" })
        {
            Screener.HasNameToMatch(empty).ShouldBeFalse(empty);
            Should.Throw<ArgumentException>(() => Screener.Screen(ScreeningQuery.ForName(empty), new ScreeningOptions()));
        }
        Screener.HasNameToMatch("Kim\u0001Jong").ShouldBeTrue();
        Screener.HasNameToMatch("김정은").ShouldBeTrue();
    }

    [Fact]
    public void Ten_thousand_character_names_and_mixed_scripts_are_screened()
    {
        Screener.Screen(ScreeningQuery.ForName(new string('x', 10_000)), new ScreeningOptions()).Results.ShouldBeEmpty();
        Screener.Screen(ScreeningQuery.ForName("Kim 정은 \u0001 Ким"), new ScreeningOptions()).ShouldNotBeNull();
    }

    [Fact]
    public void Dataset_filter_and_limit_apply()
    {
        var results = Screener.Screen(ScreeningQuery.ForName("Kim Min Chol"), new ScreeningOptions(Datasets: ["test_list"], Limit: 1)).Results;
        results.Count.ShouldBeLessThanOrEqualTo(1);
        results.ShouldNotContain(r => r.Id == "t-6");
    }

    [Fact]
    public void A_context_entity_is_never_a_result()
    {
        var applicant = new Entity("ctx-1", Schemas.Person, "graph_export").Add("name", "Jason Lee");
        applicant.Target = false;
        var screener = new Screener(ScreeningIndex.Build([applicant, new Entity("t-1", Schemas.Person, "test_list").Add("name", "Jason Leigh")]));

        var results = screener.Screen(ScreeningQuery.ForName("Jason Lee", "Person"), new ScreeningOptions(MinimumScore: 0)).Results;

        results.ShouldNotContain(r => r.Id == "ctx-1");
        results.ShouldAllBe(r => r.Target);
        screener.Compare(ScreeningQuery.ForName("Jason Lee", "Person"), "ctx-1", new ScreeningOptions()).ShouldBeNull();
    }

    [Fact]
    public void A_result_carries_the_entity_as_stored()
    {
        var entity = new Entity("t-9", Schemas.Person, "test_list")
            .Add("name", "RYANG, Chol Min").Add("alias", "Chol-min Ryang").Add("birthDate", "1979-03").Add("nationality", "kp").Add("program", "DPRK2")
            .AddReferents(["ofac-9", "un-9"]).AddDatasets(["other_list"]);
        entity.FirstSeen = new DateTimeOffset(2024, 2, 26, 16, 57, 25, TimeSpan.Zero);
        entity.LastChange = new DateTimeOffset(2024, 3, 28, 18, 57, 1, TimeSpan.Zero);
        var screener = new Screener(ScreeningIndex.Build([entity]));

        var result = screener.Screen(ScreeningQuery.ForName("Ryang Chol Min", "Person"), new ScreeningOptions()).Results.ShouldHaveSingleItem();

        result.Properties.Keys.ShouldBe(["name", "alias", "birthDate", "nationality", "program"]);
        result.Properties["alias"].ShouldBe(["Chol-min Ryang"]);
        result.Properties["program"].ShouldBe(["DPRK2"]);
        result.Datasets.ShouldBe(["test_list", "other_list"]);
        result.Referents.ShouldBe(["ofac-9", "un-9"]);
        result.Target.ShouldBeTrue();
        result.FirstSeen.ShouldBe(entity.FirstSeen);
        result.LastSeen.ShouldBeNull();
        result.LastChange.ShouldBe(entity.LastChange);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void Total_counts_every_match_before_the_limit(int limit)
    {
        // the exact name scores 1.0; the others match too, though their bounds are below the best score found first
        var screener = new Screener(ScreeningIndex.Build(
        [
            new Entity("m-1", Schemas.Person, "test_list").Add("name", "Kim Min Chol"),
            new Entity("m-2", Schemas.Person, "test_list").Add("name", "Gim Min Cheol"),
            new Entity("m-3", Schemas.Person, "test_list").Add("name", "Kim Min Choll"),
            new Entity("m-4", Schemas.Person, "test_list").Add("name", "Kim Chol"),
            new Entity("m-5", Schemas.Person, "test_list").Add("name", "Kim Min Chol Ho"),
            new Entity("m-6", Schemas.Person, "test_list").Add("name", "Pak Min Chol"),
        ]));
        var query = ScreeningQuery.ForName("Kim Min Chol", "Person");
        // every entity scored, whatever blocking finds: what a search may return and count
        var everything = screener.Compare(query, screener.Index.Entities.Select(e => e.Id), new ScreeningOptions())
            .Where(r => r.Score >= new ScreeningOptions().MinimumScore).ToList();
        var matches = everything.Count(r => r.Match);
        matches.ShouldBeGreaterThan(2, "the fixture needs more matches than the smallest limits");

        var limited = screener.Screen(query, new ScreeningOptions(Limit: limit));

        limited.Results.Count.ShouldBe(Math.Min(limit, everything.Count));
        limited.Total.ShouldBe(new ScreeningTotal(matches));
        limited.Total.Relation.ShouldBe("eq");
        screener.Screen(query, new ScreeningOptions(Limit: 50)).Total.ShouldBe(new ScreeningTotal(matches));
    }

    [Fact]
    public void Compare_scores_each_named_entity_in_the_order_asked_and_leaves_out_unknown_ids_and_other_schemas()
    {
        var screener = new Screener(ScreeningIndex.Build(
        [
            new Entity("p-1", Schemas.Person, "test_list").Add("name", "Kim Min Chol"),
            new Entity("p-2", Schemas.Person, "test_list").Add("name", "Emily Carter"),
            new Entity("c-1", Schemas.Company, "test_list").Add("name", "Kim Min Chol Trading"),
        ]));
        var query = ScreeningQuery.ForName("Kim Min Chol", "Person");

        var results = screener.Compare(query, ["p-2", "nobody", "c-1", "p-1"], new ScreeningOptions());

        results.Select(r => r.Id).ShouldBe(["p-2", "p-1"]);
        results[0].Match.ShouldBeFalse("a result is given whatever its score");
        results[1].Score.ShouldBe(1.0, 1e-9);
        results[1].Contributions.Sum(c => c.Contribution).ShouldBe(results[1].Score, 1e-9);
        screener.Compare(query, "p-1", new ScreeningOptions())!.Score.ShouldBe(results[1].Score);
    }

    [Fact]
    public void Total_counts_an_identifier_match_and_no_result_below_the_threshold()
    {
        var response = Screener.Screen(Query("Person", ("name", "Somebody Else"), ("passportNumber", "ps836410115")), new ScreeningOptions());
        response.Total.ShouldBe(new ScreeningTotal(1));

        var weak = Screener.Screen(Query("Person", ("name", "Kim Jong Un")), new ScreeningOptions(Threshold: 1.0, MinimumScore: 0.1));
        weak.Total.Value.ShouldBe(weak.Results.Count(r => r.Score >= 1.0));
        Screener.Screen(Query("Person", ("name", "Emily Carter")), new ScreeningOptions()).Total.ShouldBe(new ScreeningTotal(0));
    }

    [Fact]
    public void Unknown_algorithm_or_schema_is_refused()
    {
        Should.Throw<ArgumentException>(() => Screener.Screen(ScreeningQuery.ForName("Kim"), new ScreeningOptions(Algorithm: "nope")));
        Should.Throw<ArgumentException>(() => Screener.Screen(ScreeningQuery.ForName("Kim", "Planet"), new ScreeningOptions()));
        Screener.Algorithms.ShouldContain("unmask-v1");
    }
}

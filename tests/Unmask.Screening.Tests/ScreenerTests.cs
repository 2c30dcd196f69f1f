using System.Text.Json;
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
    public void Unknown_algorithm_or_schema_is_refused()
    {
        Should.Throw<ArgumentException>(() => Screener.Screen(ScreeningQuery.ForName("Kim"), new ScreeningOptions(Algorithm: "nope")));
        Should.Throw<ArgumentException>(() => Screener.Screen(ScreeningQuery.ForName("Kim", "Planet"), new ScreeningOptions()));
        Screener.Algorithms.ShouldContain("unmask-v1");
    }

    [Fact]
    public void Json_has_the_contract_shape()
    {
        var response = Screener.Screen(Query("Person", ("name", "Kim Jong Un")), new ScreeningOptions());
        using var document = JsonDocument.Parse(ScreeningJson.Serialize(response));
        var root = document.RootElement;
        root.GetProperty("id").GetString().ShouldBe("q");
        root.GetProperty("query").GetProperty("schema").GetString().ShouldBe("Person");
        root.GetProperty("query").GetProperty("properties").GetProperty("name")[0].GetString().ShouldBe("Kim Jong Un");
        var result = root.GetProperty("results")[0];
        foreach (var field in new[] { "id", "caption", "schema", "datasets", "programs", "score", "match", "matched_name", "features", "explanation" })
        {
            result.TryGetProperty(field, out _).ShouldBeTrue(field);
        }
        result.GetProperty("match").GetBoolean().ShouldBeTrue();
    }
}

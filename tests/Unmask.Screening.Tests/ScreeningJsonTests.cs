using System.Text;
using System.Text.Json;
using Unmask.Domain;
using Unmask.TestKit;

namespace Unmask.Screening.Tests;

public sealed class ScreeningJsonTests
{
    private static readonly Screener Screener = new(ScreeningIndex.Build(
    [
        Listed(),
        new Entity("t-2", Schemas.Person, "test_list").Add("name", "KIM, Jong Un").Add("birthDate", "1984-01-08").Add("program", "DPRK3"),
        new Entity("t-3", Schemas.Person, "test_list").Add("name", "Kim Jong-un"),
    ]));

    private static Entity Listed()
    {
        var entity = new Entity("t-1", Schemas.Person, "test_list")
            .Add("name", "RYANG, Chol Min").Add("alias", "Chol-min Ryang").Add("birthDate", "1979-03").Add("nationality", "kp").Add("program", "DPRK2")
            .AddReferents(["ofac-9"]).AddDatasets(["other_list"]);
        entity.FirstSeen = new DateTimeOffset(2024, 2, 26, 16, 57, 25, TimeSpan.Zero);
        entity.LastSeen = new DateTimeOffset(2024, 6, 1, 12, 57, 3, TimeSpan.FromHours(2));
        return entity;
    }

    private static JsonElement Json(ScreeningResponse response) => JsonDocument.Parse(ScreeningJson.Serialize(response)).RootElement;

    [Fact]
    public void A_response_has_the_yente_shape_with_the_contract_fields()
    {
        var root = Json(Screener.Screen(new ScreeningQuery("q", "Person", new Dictionary<string, IReadOnlyList<string>>
        {
            ["name"] = ["Ryang Chol Min"],
            ["birthDate"] = ["1979"],
        }), new ScreeningOptions()));

        YenteShape.Problems(root).ShouldBeEmpty();
        root.GetProperty("id").GetString().ShouldBe("q");
        root.GetProperty("status").GetInt32().ShouldBe(200);
        root.GetProperty("query").GetProperty("id").GetString().ShouldBe("q");
        root.GetProperty("query").GetProperty("schema").GetString().ShouldBe("Person");
        root.GetProperty("query").GetProperty("properties").GetProperty("birthDate")[0].GetString().ShouldBe("1979");
        var result = root.GetProperty("results")[0];
        result.GetProperty("id").GetString().ShouldBe("t-1");
        result.GetProperty("properties").GetProperty("alias")[0].GetString().ShouldBe("Chol-min Ryang");
        result.GetProperty("properties").GetProperty("nationality")[0].GetString().ShouldBe("kp");
        result.GetProperty("datasets").EnumerateArray().Select(d => d.GetString()).ShouldBe(["test_list", "other_list"]);
        result.GetProperty("referents")[0].GetString().ShouldBe("ofac-9");
        result.GetProperty("programs")[0].GetString().ShouldBe("DPRK2");
        result.GetProperty("target").GetBoolean().ShouldBeTrue();
        result.GetProperty("match").GetBoolean().ShouldBeTrue();
        result.GetProperty("matched_name").GetString().ShouldBe("RYANG, Chol Min");
    }

    [Fact]
    public void Times_are_utc_seconds_without_a_zone_and_null_when_unknown()
    {
        var result = Json(Screener.Screen(ScreeningQuery.ForName("Ryang Chol Min", "Person"), new ScreeningOptions())).GetProperty("results")[0];

        result.GetProperty("first_seen").GetString().ShouldBe("2024-02-26T16:57:25");
        result.GetProperty("last_seen").GetString().ShouldBe("2024-06-01T10:57:03");
        result.GetProperty("last_change").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public void Total_is_written_with_its_relation_and_counts_matches_past_the_limit()
    {
        var response = Screener.Screen(ScreeningQuery.ForName("Kim Jong Un", "Person"), new ScreeningOptions(Limit: 1));
        var root = Json(response);

        YenteShape.Problems(root).ShouldBeEmpty();
        root.GetProperty("results").GetArrayLength().ShouldBe(1);
        root.GetProperty("total").GetProperty("value").GetInt32().ShouldBe(2);
        root.GetProperty("total").GetProperty("relation").GetString().ShouldBe("eq");
        Json(response with { Total = new ScreeningTotal(600, Exact: false) }).GetProperty("total").GetProperty("relation").GetString().ShouldBe("gte");
    }

    [Fact]
    public void Explanations_give_each_feature_its_score_and_the_reason_behind_it()
    {
        var response = Screener.Screen(new ScreeningQuery("q", "Person", new Dictionary<string, IReadOnlyList<string>>
        {
            ["name"] = ["Kim Jong Un"],
            ["birthDate"] = ["1984-01-08"],
        }), new ScreeningOptions());
        var result = response.Results.First(r => r.Id == "t-2");
        var written = Json(response).GetProperty("results").EnumerateArray().First(r => r.GetProperty("id").GetString() == "t-2");

        var explanations = written.GetProperty("explanations").EnumerateObject().ToList();
        explanations.Select(e => e.Name).ShouldBe(result.Features.Keys);
        foreach (var explanation in explanations)
        {
            explanation.Value.GetProperty("score").GetDouble().ShouldBe(result.Features[explanation.Name], 1e-4);
            explanation.Value.GetProperty("detail").GetString().ShouldNotBeNullOrWhiteSpace();
        }
        written.GetProperty("explanations").GetProperty("birth_date_match").GetProperty("detail").GetString()!.ShouldContain("1984");
    }

    [Fact]
    public void A_refused_query_answers_400_with_the_reason_and_no_results()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            ScreeningJson.WriteRefused(writer, "R2", new Dictionary<string, IReadOnlyList<string>> { ["name"] = ["!!!"] }, "line 3: name has no letters");
        }
        var root = JsonDocument.Parse(Encoding.UTF8.GetString(stream.ToArray())).RootElement;

        YenteShape.Problems(root).ShouldBeEmpty();
        root.GetProperty("id").GetString().ShouldBe("R2");
        root.GetProperty("status").GetInt32().ShouldBe(400);
        root.GetProperty("error").GetString().ShouldBe("line 3: name has no letters");
        root.GetProperty("results").GetArrayLength().ShouldBe(0);
        root.GetProperty("total").GetProperty("value").GetInt32().ShouldBe(0);
        root.GetProperty("query").GetProperty("properties").GetProperty("name")[0].GetString().ShouldBe("!!!");
    }

    [Fact]
    public void The_shape_check_finds_what_yente_clients_would_trip_on()
    {
        var good = Json(Screener.Screen(ScreeningQuery.ForName("Ryang Chol Min", "Person"), new ScreeningOptions()));
        var text = good.GetRawText();

        Problems(text.Replace("\"status\":200", "\"status\":\"ok\"", StringComparison.Ordinal)).ShouldContain(p => p.Contains("status"));
        Problems(text.Replace("\"2024-02-26T16:57:25\"", "\"2024-02-26T16:57:25Z\"", StringComparison.Ordinal)).ShouldContain(p => p.Contains("first_seen"));
        Problems(text.Replace("\"referents\":[\"ofac-9\"],", "", StringComparison.Ordinal)).ShouldContain(p => p.Contains("referents is missing"));
        Problems(text.Replace("\"target\":true", "\"target\":\"true\"", StringComparison.Ordinal)).ShouldContain(p => p.Contains("target"));
        Problems(text.Replace("\"value\":1", "\"value\":0", StringComparison.Ordinal)).ShouldContain(p => p.Contains("less than"));
    }

    private static IReadOnlyList<string> Problems(string json) => YenteShape.Problems(JsonDocument.Parse(json).RootElement);
}

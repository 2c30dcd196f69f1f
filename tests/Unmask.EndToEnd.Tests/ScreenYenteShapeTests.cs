using System.Text.Json;
using Unmask.Domain;
using Unmask.Storage;
using Unmask.Storage.Sqlite;
using Unmask.TestKit;

namespace Unmask.EndToEnd.Tests;

/// <summary><c>unmask screen</c> answers in the yente shape (CONTRACT.md "Screening results") from what the store holds:
/// a list with entity metadata and a context entity (<c>target: false</c>), as an FtM round trip leaves them.</summary>
public sealed class ScreenYenteShapeTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    private string Db => _folder.File("yente.db");

    public async ValueTask InitializeAsync()
    {
        var designated = new Entity("test_list-1", Schemas.Person, "test_list")
            .Add("name", "Kim Min Chol").Add("alias", "Kim Min-chol").Add("birthDate", "1979-03-02").Add("nationality", "kp").Add("program", "DPRK2")
            .AddReferents(["ofac-77"]).AddDatasets(["other_list"]);
        designated.FirstSeen = new DateTimeOffset(2023, 4, 20, 18, 0, 25, TimeSpan.Zero);
        designated.LastSeen = new DateTimeOffset(2024, 6, 1, 10, 57, 3, TimeSpan.Zero);
        designated.LastChange = new DateTimeOffset(2023, 7, 26, 20, 1, 14, TimeSpan.Zero);
        var applicant = new Entity("test_list-ctx-1", Schemas.Person, "test_list").Add("name", "Jason Lee").Add("email", "jason.lee@fictional-mail.example");
        applicant.Target = false;
        Entity[] entities =
        [
            designated,
            new Entity("test_list-2", Schemas.Person, "test_list").Add("name", "Gim Min Cheol"),
            new Entity("test_list-3", Schemas.Person, "test_list").Add("name", "Kim Min Choll"),
            new Entity("test_list-4", Schemas.Person, "test_list").Add("name", "Pak Min Chol"),
            applicant,
        ];
        await using var store = SqliteStore.Open(Db, TimeProvider.System);
        await store.Lists.ImportAsync([new PendingImport(entities.ToAsyncEnumerable(), () => new DatasetImport(
            new Dataset("test_list", "Test list", "Fictional publisher", new DateOnly(2026, 1, 1), DatasetKind.Sanctions), "test.ftm.json", "list", "h1", null, []))]);
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<JsonElement> ScreenJson(params string[] args)
    {
        var run = await CliProcess.RunAsync(_folder.Path, ["screen", .. args, "--db", Db, "--format", "json"]);
        run.ExitCode.ShouldBe(0, run.Stderr);
        return JsonDocument.Parse(run.Stdout).RootElement;
    }

    [Fact]
    public async Task A_single_query_carries_every_yente_field_with_its_type()
    {
        var root = await ScreenJson("Kim Min Chol", "--schema", "Person", "--birth-date", "1979");

        YenteShape.Problems(root).ShouldBeEmpty();
        root.GetProperty("status").GetInt32().ShouldBe(200);
        var best = root.GetProperty("results")[0];
        best.GetProperty("id").GetString().ShouldBe("test_list-1");
        best.GetProperty("properties").GetProperty("alias")[0].GetString().ShouldBe("Kim Min-chol");
        best.GetProperty("properties").GetProperty("birthDate")[0].GetString().ShouldBe("1979-03-02");
        best.GetProperty("properties").GetProperty("program")[0].GetString().ShouldBe("DPRK2");
        best.GetProperty("datasets").EnumerateArray().Select(d => d.GetString()).ShouldBe(["test_list", "other_list"]);
        best.GetProperty("referents").EnumerateArray().Select(d => d.GetString()).ShouldBe(["ofac-77"]);
        best.GetProperty("target").GetBoolean().ShouldBeTrue();
        best.GetProperty("first_seen").GetString().ShouldBe("2023-04-20T18:00:25");
        best.GetProperty("last_seen").GetString().ShouldBe("2024-06-01T10:57:03");
        best.GetProperty("last_change").GetString().ShouldBe("2023-07-26T20:01:14");
        best.GetProperty("programs")[0].GetString().ShouldBe("DPRK2");
        var other = root.GetProperty("results").EnumerateArray().First(r => r.GetProperty("id").GetString() == "test_list-2");
        other.GetProperty("first_seen").ValueKind.ShouldBe(JsonValueKind.Null);
        other.GetProperty("referents").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Total_counts_all_matches_when_the_limit_returns_one()
    {
        var all = await ScreenJson("Kim Min Chol", "--schema", "Person", "--limit", "10");
        var matches = all.GetProperty("results").EnumerateArray().Count(r => r.GetProperty("match").GetBoolean());
        matches.ShouldBe(3);

        var one = await ScreenJson("Kim Min Chol", "--schema", "Person", "--limit", "1");

        YenteShape.Problems(one).ShouldBeEmpty();
        one.GetProperty("results").GetArrayLength().ShouldBe(1);
        one.GetProperty("total").GetProperty("value").GetInt32().ShouldBe(3);
        one.GetProperty("total").GetProperty("relation").GetString().ShouldBe("eq");
        all.GetProperty("total").GetProperty("value").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task A_context_entity_is_never_a_result_in_a_single_query_or_a_batch()
    {
        var single = await ScreenJson("Jason Lee", "--schema", "Person");
        single.GetProperty("results").EnumerateArray().ShouldNotContain(r => r.GetProperty("id").GetString() == "test_list-ctx-1");
        single.GetProperty("total").GetProperty("value").GetInt32().ShouldBe(0);

        var input = _folder.Write("people.csv", "id,name\nP1,Jason Lee\nP2,Kim Min Chol\n");
        var batch = await CliProcess.RunAsync(_folder.Path, "screen", "--input", input, "--format", "jsonl", "--limit", "1", "--db", Db);
        batch.ExitCode.ShouldBe(0, batch.Stderr);
        var rows = batch.Stdout.Trim().Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        rows.ForEach(row => YenteShape.Problems(row).ShouldBeEmpty());
        rows[0].GetProperty("results").GetArrayLength().ShouldBe(0);
        rows[1].GetProperty("results").GetArrayLength().ShouldBe(1);
        rows[1].GetProperty("total").GetProperty("value").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task The_table_says_how_many_more_match_than_it_shows()
    {
        var run = await CliProcess.RunAsync(_folder.Path, "screen", "Kim Min Chol", "--schema", "Person", "--limit", "1", "--format", "table", "--db", Db);
        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stdout.ShouldContain("3 entities match in all; 1 shown");
    }
}

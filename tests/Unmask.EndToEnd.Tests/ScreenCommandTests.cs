using System.Text.Json;
using Unmask.TestKit;

namespace Unmask.EndToEnd.Tests;

public sealed class ScreenCommandTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    private string Db => _folder.File("screen.db");

    public async ValueTask InitializeAsync() =>
        (await CliProcess.RunAsync(_folder.Path, "lists", "import", RepoPaths.Sample("lists"), "--db", Db)).ExitCode.ShouldBe(0);

    [Fact]
    public async Task A_single_query_answers_in_the_yente_shape_with_explanations()
    {
        var run = await CliProcess.RunAsync(_folder.Path, "screen", "Choi Myung-soo", "--schema", "Person", "--db", Db, "--format", "json");
        run.ExitCode.ShouldBe(0, run.Stderr);
        var root = JsonDocument.Parse(run.Stdout).RootElement;
        root.GetProperty("query").GetProperty("schema").GetString().ShouldBe("Person");
        var best = root.GetProperty("results")[0];
        best.GetProperty("id").GetString().ShouldBe("un_sc_sanctions-9990001");
        best.GetProperty("match").GetBoolean().ShouldBeTrue();
        best.GetProperty("score").GetDouble().ShouldBeInRange(0.7, 1.0);
        best.GetProperty("explanation").GetArrayLength().ShouldBeGreaterThan(0);
        best.GetProperty("features").EnumerateObject().ShouldNotBeEmpty();
        best.GetProperty("datasets")[0].GetString().ShouldBe("un_sc_sanctions");
    }

    [Fact]
    public async Task Fail_on_match_exits_1_only_when_something_matches()
    {
        (await CliProcess.RunAsync(_folder.Path, "screen", "Hwanggum Soft", "--schema", "Company", "--fail-on", "match", "--db", Db, "--format", "json")).ExitCode.ShouldBe(1);
        (await CliProcess.RunAsync(_folder.Path, "screen", "Emily Carter", "--schema", "Person", "--fail-on", "match", "--db", Db, "--format", "json")).ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task A_batch_keeps_input_order_and_writes_one_record_per_row()
    {
        var output = _folder.File("out.jsonl");
        var run = await CliProcess.RunAsync(_folder.Path, "screen", "--input", RepoPaths.Sample("screening", "queries.csv"), "--output", output, "--db", Db);
        run.ExitCode.ShouldBe(0, run.Stderr);
        var lines = await File.ReadAllLinesAsync(output);
        lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).ShouldBe(Enumerable.Range(1, 10).Select(i => $"Q-{i}"));
    }

    [Fact]
    public async Task A_batch_as_csv_gives_the_best_result_per_row()
    {
        var run = await CliProcess.RunAsync(_folder.Path, "screen", "--input", RepoPaths.Sample("screening", "queries.csv"), "--format", "csv", "--db", Db);
        run.ExitCode.ShouldBe(0, run.Stderr);
        var lines = run.Stdout.Trim().Split('\n');
        lines[0].Trim().ShouldBe("id,name,match,score,entity_id,caption,datasets");
        lines.Length.ShouldBe(11);
        lines.Single(l => l.StartsWith("Q-9,", StringComparison.Ordinal)).ShouldContain("us_ofac_sdn-90001");
    }

    [Fact]
    public async Task Bad_rows_stop_the_batch_with_their_line_unless_skipped()
    {
        var input = _folder.Write("bad.csv", "id,name,birth_date\nR1,Kim Il Sung,1912\nR2,,1950\nR3,Pak Ho,31 Feb 1980\nR4,Ryang Chol Min,\n");
        var stopped = await CliProcess.RunAsync(_folder.Path, "screen", "--input", input, "--db", Db);
        stopped.ExitCode.ShouldBe(2);
        stopped.Stderr.ShouldContain("bad.csv:3");

        var skipped = await CliProcess.RunAsync(_folder.Path, "screen", "--input", input, "--skip-bad-rows", "--format", "jsonl", "--db", Db);
        skipped.ExitCode.ShouldBe(0, skipped.Stderr);
        var rows = skipped.Stdout.Trim().Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        rows.Count.ShouldBe(4);
        rows[1].GetProperty("error").GetString()!.ShouldContain("name is empty");
        rows[2].GetProperty("error").GetString()!.ShouldContain("not a date");
        rows[3].GetProperty("id").GetString().ShouldBe("R4");
    }

    [Fact]
    public async Task Rows_read_before_an_unclosed_quote_are_still_written()
    {
        var input = _folder.Write("quote.csv", "id,name\nR1,Kim Il Sung\nR2,\"Pak Ho\nR3,Ryang Chol Min\n");
        var stopped = await CliProcess.RunAsync(_folder.Path, "screen", "--input", input, "--format", "jsonl", "--db", Db);
        stopped.ExitCode.ShouldBe(2);
        stopped.Stderr.ShouldContain("quote.csv:3");
        stopped.Stderr.ShouldContain("never closed");
        JsonDocument.Parse(stopped.Stdout.Trim().Split('\n').Single()).RootElement.GetProperty("id").GetString().ShouldBe("R1");

        var skipped = await CliProcess.RunAsync(_folder.Path, "screen", "--input", input, "--skip-bad-rows", "--format", "jsonl", "--db", Db);
        skipped.ExitCode.ShouldBe(0, skipped.Stderr);
        var rows = skipped.Stdout.Trim().Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        rows.Count.ShouldBe(2);
        rows[1].GetProperty("error").GetString()!.ShouldContain("never closed");
    }

    [Fact]
    public async Task Wallets_and_domains_are_screened_directly()
    {
        var wallet = await CliProcess.RunAsync(_folder.Path, "screen", "0x5a1e0000000000000000000000000000000d00d1", "--schema", "CryptoWallet", "--db", Db, "--format", "json");
        JsonDocument.Parse(wallet.Stdout).RootElement.GetProperty("results")[0].GetProperty("score").GetDouble().ShouldBe(1.0);
        var domain = await CliProcess.RunAsync(_folder.Path, "screen", "https://www.novalinktech.example/about", "--schema", "Domain", "--db", Db, "--format", "json");
        domain.ExitCode.ShouldBe(0, domain.Stderr);
        JsonDocument.Parse(domain.Stdout).RootElement.GetProperty("results").GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Empty_names_and_unknown_schemas_are_usage_errors()
    {
        (await CliProcess.RunAsync(_folder.Path, "screen", "   ", "--db", Db)).ExitCode.ShouldBe(2);
        (await CliProcess.RunAsync(_folder.Path, "screen", "Kim", "--schema", "Spaceship", "--db", Db)).ExitCode.ShouldBe(2);
        var longName = await CliProcess.RunAsync(_folder.Path, "screen", new string('a', 10_000), "--db", Db, "--format", "json");
        longName.ExitCode.ShouldBe(0, longName.Stderr);
    }

    public ValueTask DisposeAsync()
    {
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}

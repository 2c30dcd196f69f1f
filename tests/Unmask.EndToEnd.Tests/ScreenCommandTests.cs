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
        foreach (var line in lines)
        {
            YenteShape.Problems(JsonDocument.Parse(line).RootElement).ShouldBeEmpty(line);
        }
    }

    [Fact]
    public async Task A_batch_as_csv_gives_the_best_result_per_row()
    {
        var run = await CliProcess.RunAsync(_folder.Path, "screen", "--input", RepoPaths.Sample("screening", "queries.csv"), "--format", "csv", "--db", Db);
        run.ExitCode.ShouldBe(0, run.Stderr);
        var lines = run.Stdout.Trim().Split('\n');
        lines[0].Trim().ShouldBe("id,name,match,score,entity_id,caption,datasets,status,error");
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

    [Fact]
    public async Task A_failed_batch_leaves_no_output_file_behind()
    {
        var input = _folder.Write("fails.csv", "id,name,birth_date\nR1,Kim Il Sung,1912\nR2,Ryang Chol Min,\nR3,Pak Ho,31 Feb 1980\nR4,Choi Myung-soo,\n");
        foreach (var output in new[] { "out.csv", "out.jsonl", "out.html" })
        {
            var run = await CliProcess.RunAsync(_folder.Path, "screen", "--input", input, "--output", _folder.File(output), "--db", Db);
            run.ExitCode.ShouldBe(2, run.Stderr);
            run.Stderr.ShouldContain("fails.csv:4");
            File.Exists(_folder.File(output)).ShouldBeFalse(output);
        }
        Directory.GetFiles(_folder.Path).Select(Path.GetFileName).ShouldNotContain(f => f!.Contains("out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unreadable_rows_are_marked_with_status_and_error_in_csv_and_json_lines()
    {
        var input = _folder.Write("mixed.csv", "id,name,birth_date\nR1,Choi Myung-soo,\nR2,,1950\nR3,Emily Carter,\n");
        var csv = await CliProcess.RunAsync(_folder.Path, "screen", "--input", input, "--skip-bad-rows", "--output", _folder.File("out.csv"), "--db", Db);
        csv.ExitCode.ShouldBe(0, csv.Stderr);
        var lines = await File.ReadAllLinesAsync(_folder.File("out.csv"));
        lines[0].ShouldBe("id,name,match,score,entity_id,caption,datasets,status,error");
        lines[1].ShouldStartWith("R1,Choi Myung-soo,true,");
        lines[1].ShouldEndWith(",ok,");
        lines[2].ShouldBe("R2,,,,,,,error,line 3: name is empty");
        lines[3].ShouldStartWith("R3,Emily Carter,false,");
        lines[3].ShouldEndWith(",ok,");
        csv.Stderr.ShouldContain("2 screened, 1 with a match, 1 bad rows");

        var jsonl = await CliProcess.RunAsync(_folder.Path, "screen", "--input", input, "--skip-bad-rows", "--format", "jsonl", "--db", Db);
        jsonl.ExitCode.ShouldBe(0, jsonl.Stderr);
        var rows = jsonl.Stdout.Trim().Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        rows.Select(r => r.GetProperty("status").GetInt32()).ShouldBe([200, 400, 200]);
        rows[1].GetProperty("error").GetString().ShouldBe("line 3: name is empty");
        rows[0].TryGetProperty("error", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Control_characters_and_nul_bytes_inside_a_name_do_not_hide_a_listed_person()
    {
        var input = _folder.Write("hidden.csv", "id,name\nR1,Choi\u0001Myung\u0001soo\nR2,Choi\0Myung\0soo\nR3,Choi\u200BMyung\u200Bsoo\nR4,CHOE\u202EMYONG\u202CSU\n");
        var run = await CliProcess.RunAsync(_folder.Path, "screen", "--input", input, "--format", "jsonl", "--db", Db);
        run.ExitCode.ShouldBe(0, run.Stderr);
        var rows = run.Stdout.Trim().Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        rows.Count.ShouldBe(4);
        foreach (var row in rows)
        {
            var best = row.GetProperty("results")[0];
            best.GetProperty("id").GetString().ShouldBe("un_sc_sanctions-9990001", row.GetProperty("id").GetString());
            best.GetProperty("match").GetBoolean().ShouldBeTrue(row.GetProperty("id").GetString());
        }
        var single = await CliProcess.RunAsync(_folder.Path, "screen", "Choi\u0001Myung\u0001soo", "--db", Db, "--format", "json");
        JsonDocument.Parse(single.Stdout).RootElement.GetProperty("results")[0].GetProperty("id").GetString().ShouldBe("un_sc_sanctions-9990001");
    }

    [Theory]
    [InlineData("!!!")]
    [InlineData("\u0301\u0302\u0303")]
    public async Task A_name_that_cleans_to_nothing_is_bad_input_on_one_line(string name)
    {
        var run = await CliProcess.RunAsync(_folder.Path, "screen", name, "--db", Db, "--format", "json");
        run.ExitCode.ShouldBe(2);
        run.Stderr.Trim().Split('\n').ShouldHaveSingleItem().ShouldContain("has no letters or digits to match on");
        run.Stderr.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task A_row_of_only_combining_marks_is_reported_in_place_and_the_batch_goes_on()
    {
        var input = _folder.Write("marks.csv", "id,name\nR1,Kim Il Sung\nR2,\u0301\u0302\u0303\u0304\nR3,!!!\nR4,Choi Myung-soo\n");
        var skipped = await CliProcess.RunAsync(_folder.Path, "screen", "--input", input, "--skip-bad-rows", "--format", "jsonl", "--db", Db);
        skipped.ExitCode.ShouldBe(0, skipped.Stderr);
        var rows = skipped.Stdout.Trim().Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        rows.Select(r => r.GetProperty("status").GetInt32()).ShouldBe([200, 400, 400, 200]);
        rows[2].GetProperty("error").GetString()!.ShouldContain("has no letters or digits");

        var stopped = await CliProcess.RunAsync(_folder.Path, "screen", "--input", input, "--output", _folder.File("marks.jsonl"), "--db", Db);
        stopped.ExitCode.ShouldBe(2);
        stopped.Stderr.ShouldContain("marks.csv:3");
        stopped.Stderr.ShouldNotContain("   at ");
        File.Exists(_folder.File("marks.jsonl")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_row_with_a_broken_quote_is_not_accepted_silently()
    {
        var input = _folder.Write("broken.csv", "id,name\nR1,\"Choi Myung\" soo\nR2,Kim Il Sung\n");
        var stopped = await CliProcess.RunAsync(_folder.Path, "screen", "--input", input, "--db", Db);
        stopped.ExitCode.ShouldBe(2);
        stopped.Stderr.ShouldContain("broken.csv:2");
        stopped.Stderr.ShouldContain("closing quote");

        var skipped = await CliProcess.RunAsync(_folder.Path, "screen", "--input", input, "--skip-bad-rows", "--format", "csv", "--db", Db);
        skipped.ExitCode.ShouldBe(0, skipped.Stderr);
        var lines = skipped.Stdout.Trim().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        lines[1].ShouldStartWith("R1,");
        lines[1].ShouldContain(",error,");
        lines[2].ShouldStartWith("R2,Kim Il Sung,");
    }

    [Fact]
    public async Task Html_output_is_a_page_of_escaped_results()
    {
        var run = await CliProcess.RunAsync(_folder.Path, "screen", "<script>alert(1)</script> Choi Myung-soo", "--schema", "Person", "--db", Db, "--format", "html");
        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stdout.ShouldStartWith("<!DOCTYPE html>");
        run.Stdout.ShouldContain("CHOE MYONG SU");
        run.Stdout.ShouldContain("&lt;script&gt;");
        run.Stdout.ShouldNotContain("<script>");
        run.Stdout.TrimEnd().ShouldEndWith("</html>");

        var batch = await CliProcess.RunAsync(_folder.Path, "screen", "--input", RepoPaths.Sample("screening", "queries.csv"), "--output", _folder.File("report.html"), "--db", Db);
        batch.ExitCode.ShouldBe(0, batch.Stderr);
        var page = await File.ReadAllTextAsync(_folder.File("report.html"));
        page.ShouldContain("us_ofac_sdn-90001");
        page.TrimEnd().ShouldEndWith("</html>");
    }

    [Fact]
    public async Task A_bad_schema_or_birth_date_is_reported_under_its_option_with_the_accepted_values()
    {
        var schema = await CliProcess.RunAsync(_folder.Path, "screen", "Kim", "--schema", "Spaceship", "--db", Db);
        schema.ExitCode.ShouldBe(2);
        schema.Stderr.ShouldContain("--schema: 'Spaceship' is not one of Person, Company");
        schema.Stderr.ShouldNotContain("NAME:");
        var birthDate = await CliProcess.RunAsync(_folder.Path, "screen", "Kim", "--birth-date", "31-02-1980", "--db", Db);
        birthDate.ExitCode.ShouldBe(2);
        birthDate.Stderr.ShouldContain("--birth-date: '31-02-1980' is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)");
        birthDate.Stderr.ShouldNotContain("NAME:");
    }

    public ValueTask DisposeAsync()
    {
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}

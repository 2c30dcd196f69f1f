using System.Text.Json;
using Microsoft.Data.Sqlite;
using Unmask.TestKit;

namespace Unmask.EndToEnd.Tests;

/// <summary>The investigator's path through the demo's planted network: graph, paths, clusters, a case, a decision, the audit log, exports.</summary>
public sealed class GraphAndCaseCommandTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    private string Db => _folder.File("graph.db");

    public async ValueTask InitializeAsync()
    {
        (await CliProcess.RunAsync(_folder.Path, "demo", "--db", Db)).ExitCode.ShouldBe(0);
        (await CliProcess.RunAsync(_folder.Path, "graph", "build", "--db", Db)).ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task A_path_joins_an_applicant_to_a_copied_front_site_with_its_evidence()
    {
        var run = await CliProcess.RunAsync(_folder.Path, "graph", "path", "applicant:A-3", "site:novalink-techlab", "--db", Db);
        run.ExitCode.ShouldBe(0, run.Stderr);
        var result = JsonDocument.Parse(run.Stdout).RootElement;
        result.GetProperty("from").GetString().ShouldBe("applicant:A-3");
        var path = result.GetProperty("paths")[0];
        path.GetProperty("length").GetInt32().ShouldBeLessThanOrEqualTo(3);
        path.GetProperty("explanation").GetString().ShouldNotBeNullOrWhiteSpace();
        foreach (var hop in path.GetProperty("hops").EnumerateArray())
        {
            hop.GetProperty("evidence").GetString().ShouldNotBeNullOrWhiteSpace();
        }
    }

    [Fact]
    public async Task A_path_can_start_from_an_identifier_value_and_unknown_nodes_are_bad_input()
    {
        var run = await CliProcess.RunAsync(_folder.Path, "graph", "path", "+1 302 555 0187", "vendor:V-2", "--db", Db);
        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stderr.ShouldContain("resolved to phone:+13025550187");
        var unknown = await CliProcess.RunAsync(_folder.Path, "graph", "show", "applicant:NOPE-1", "--db", Db);
        unknown.ExitCode.ShouldBe(2);
        unknown.Stderr.ShouldContain("NOPE-1");
    }

    [Fact]
    public async Task The_riskiest_cluster_holds_the_planted_network_and_reaches_a_designated_entry()
    {
        var run = await CliProcess.RunAsync(_folder.Path, "graph", "clusters", "--db", Db);
        run.ExitCode.ShouldBe(0, run.Stderr);
        var first = JsonDocument.Parse(run.Stdout).RootElement[0];
        first.GetProperty("reaches_designated").GetBoolean().ShouldBeTrue();
        var members = first.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("node").GetString()).ToList();
        members.ShouldContain("applicant:A-3");
        members.ShouldContain("vendor:V-2");
        members.ShouldContain("site:novalink-techlab");
        members.ShouldNotContain("applicant:A-8");
        foreach (var member in first.GetProperty("members").EnumerateArray())
        {
            member.GetProperty("reason").GetString().ShouldNotBeNullOrWhiteSpace();
        }
    }

    [Fact]
    public async Task Show_path_and_clusters_honour_format_table()
    {
        var show = await CliProcess.RunAsync(_folder.Path, "graph", "show", "vendor:V-2", "--format", "table", "--db", Db);
        show.ExitCode.ShouldBe(0, show.Stderr);
        show.Stdout.TrimStart().ShouldNotStartWith("{");
        show.Stdout.ShouldContain("vendor:V-2");
        show.Stdout.ShouldContain("relation");

        var path = await CliProcess.RunAsync(_folder.Path, "graph", "path", "applicant:A-3", "site:novalink-techlab", "--format", "table", "--db", Db);
        path.ExitCode.ShouldBe(0, path.Stderr);
        path.Stdout.ShouldContain("path 1:");
        path.Stdout.ShouldContain("applicant:A-3");

        var clusters = await CliProcess.RunAsync(_folder.Path, "graph", "clusters", "--format", "table", "--db", Db);
        clusters.ExitCode.ShouldBe(0, clusters.Stderr);
        clusters.Stdout.TrimStart().ShouldNotStartWith("[");
        clusters.Stdout.ShouldContain("cluster-1");
        clusters.Stdout.ShouldContain("vendor:V-2");
    }

    [Fact]
    public async Task A_case_is_opened_decided_audited_and_exported()
    {
        var open = await CliProcess.RunAsync(_folder.Path, "case", "open", "vendor:V-2", "--by", "analyst-1", "--db", Db, "--format", "json");
        open.ExitCode.ShouldBe(0, open.Stderr);
        var opened = JsonDocument.Parse(open.Stdout).RootElement;
        var id = opened.GetProperty("id").GetString()!;
        opened.GetProperty("members").EnumerateArray().Select(m => m.GetString()).ShouldContain("applicant:A-3");
        opened.GetProperty("findings").GetArrayLength().ShouldBeGreaterThan(0);

        (await CliProcess.RunAsync(_folder.Path, "case", "decide", id, "--decision", "escalated", "--reason", "shares a phone with a copied front site", "--by", "analyst-1", "--db", Db)).ExitCode.ShouldBe(0);
        (await CliProcess.RunAsync(_folder.Path, "case", "decide", id, "--decision", "banished", "--reason", "x", "--db", Db)).ExitCode.ShouldBe(2);
        var shown = JsonDocument.Parse((await CliProcess.RunAsync(_folder.Path, "case", "show", id, "--db", Db, "--format", "json")).Stdout).RootElement;
        shown.GetProperty("status").GetString().ShouldBe("escalated");
        shown.GetProperty("decisions")[0].GetProperty("by").GetString().ShouldBe("analyst-1");

        var stix = _folder.File("case.json");
        (await CliProcess.RunAsync(_folder.Path, "export", "--format", "stix", "--case", id, "--output", stix, "--db", Db)).ExitCode.ShouldBe(0);
        var bundle = JsonDocument.Parse(await File.ReadAllTextAsync(stix)).RootElement;
        bundle.GetProperty("type").GetString().ShouldBe("bundle");
        bundle.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("type").GetString()).ShouldContain("relationship");
        foreach (var format in new[] { "ftm", "graphml", "csv", "html" })
        {
            var file = _folder.File($"case.{format}");
            (await CliProcess.RunAsync(_folder.Path, "export", "--format", format, "--case", id, "--output", file, "--db", Db)).ExitCode.ShouldBe(0, format);
            new FileInfo(file).Length.ShouldBeGreaterThan(100, format);
        }

        (await CliProcess.RunAsync(_folder.Path, "audit", "verify", "--db", Db)).ExitCode.ShouldBe(0);
        await using (var connection = new SqliteConnection($"Data Source={Db};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET details = 'cleared quietly' WHERE seq = 2;";
            await command.ExecuteNonQueryAsync();
        }
        var verify = await CliProcess.RunAsync(_folder.Path, "audit", "verify", "--db", Db);
        verify.ExitCode.ShouldBe(1);
        verify.Stdout.ShouldContain("entry 2");
    }

    [Fact]
    public async Task A_decision_on_a_version_someone_else_decided_exits_1_naming_the_winner_and_is_audited()
    {
        var open = await CliProcess.RunAsync(_folder.Path, "case", "open", "vendor:V-2", "--by", "analyst-1", "--db", Db, "--format", "json");
        open.ExitCode.ShouldBe(0, open.Stderr);
        var opened = JsonDocument.Parse(open.Stdout).RootElement;
        var id = opened.GetProperty("id").GetString()!;
        opened.GetProperty("version").GetInt32().ShouldBe(1);

        var first = await CliProcess.RunAsync(_folder.Path, "case", "decide", id, "--decision", "escalated", "--reason", "shared phone", "--by", "alice",
            "--expect-version", "1", "--db", Db, "--format", "json");
        first.ExitCode.ShouldBe(0, first.Stderr);
        JsonDocument.Parse(first.Stdout).RootElement.GetProperty("version").GetInt32().ShouldBe(2);
        var late = await CliProcess.RunAsync(_folder.Path, "case", "decide", id, "--decision", "cleared", "--reason", "a namesake", "--by", "bob",
            "--expect-version", "1", "--db", Db);
        late.ExitCode.ShouldBe(1);
        late.Stderr.Trim().Split('\n').ShouldHaveSingleItem();
        late.Stderr.ShouldContain($"case {id} changed while you decided: your decision was made on version 1, it is now at version 2 after 'escalated' by alice");
        (await CliProcess.RunAsync(_folder.Path, "case", "decide", id, "--decision", "cleared", "--reason", "x", "--expect-version", "0", "--db", Db)).ExitCode.ShouldBe(2);

        var shown = JsonDocument.Parse((await CliProcess.RunAsync(_folder.Path, "case", "show", id, "--db", Db, "--format", "json")).Stdout).RootElement;
        (shown.GetProperty("status").GetString(), shown.GetProperty("version").GetInt32()).ShouldBe(("escalated", 2));
        var log = (await CliProcess.RunAsync(_folder.Path, "audit", "show", "--db", Db)).Stdout;
        log.ShouldContain("\tbob\tcase.decide.conflict\t" + id + "\tcleared: a namesake; refused: made on version 1, the case is at version 2 after 'escalated' by alice");
        (await CliProcess.RunAsync(_folder.Path, "audit", "verify", "--db", Db)).ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task Audit_verify_reports_a_case_changed_in_the_store_a_cut_tail_and_a_lost_key()
    {
        var open = await CliProcess.RunAsync(_folder.Path, "case", "open", "vendor:V-2", "--by", "analyst-1", "--db", Db, "--format", "json");
        open.ExitCode.ShouldBe(0, open.Stderr);
        var id = JsonDocument.Parse(open.Stdout).RootElement.GetProperty("id").GetString()!;
        (await CliProcess.RunAsync(_folder.Path, "case", "decide", id, "--decision", "escalated", "--reason", "shared phone", "--by", "analyst-1", "--db", Db)).ExitCode.ShouldBe(0);
        (await CliProcess.RunAsync(_folder.Path, "case", "decide", id, "--decision", "reported", "--reason", "filed with the FBI", "--by", "analyst-1", "--db", Db)).ExitCode.ShouldBe(0);
        var intact = await CliProcess.RunAsync(_folder.Path, "audit", "verify", "--db", Db);
        intact.ExitCode.ShouldBe(0, intact.Stdout + intact.Stderr);
        intact.Stdout.ShouldContain("intact: 3 entries");

        await ExecuteScalarAsync($"UPDATE cases SET status = 'cleared' WHERE id = '{id}'");
        var changed = await CliProcess.RunAsync(_folder.Path, "audit", "verify", "--db", Db);
        changed.ExitCode.ShouldBe(1);
        changed.Stdout.ShouldContain($"tampered: cases/{id}: it differs from what entry 3 (case.decide {id}");
        changed.Stdout.ShouldContain("the store now says status 'cleared' at version 3");
        await ExecuteScalarAsync($"UPDATE cases SET status = 'reported' WHERE id = '{id}'");
        (await CliProcess.RunAsync(_folder.Path, "audit", "verify", "--db", Db)).ExitCode.ShouldBe(0);

        await ExecuteScalarAsync("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 3");
        var cut = await CliProcess.RunAsync(_folder.Path, "audit", "verify", "--db", Db);
        cut.ExitCode.ShouldBe(1);
        cut.Stdout.ShouldContain("tampered: the end of the log: the log ends at entry 2 but the checkpoint");
        cut.Stdout.ShouldContain("entry 3 was removed");

        File.Delete(Db + ".audit-key");
        var lost = await CliProcess.RunAsync(_folder.Path, "audit", "verify", "--db", Db);
        lost.ExitCode.ShouldBe(1);
        lost.Stdout.ShouldContain("tampered: the audit key: no audit key");
        var refused = await CliProcess.RunAsync(_folder.Path, "case", "decide", id, "--decision", "cleared", "--reason", "x", "--db", Db);
        refused.ExitCode.ShouldBe(2);
        refused.Stderr.ShouldContain("no audit key");
    }

    private async Task<object?> ExecuteScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Db};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}

using System.Diagnostics;
using System.Text.Json;
using Unmask.TestKit;

namespace Unmask.EndToEnd.Tests;

public sealed class ListsCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string Db => _folder.File("store.db");

    [Fact]
    public async Task Importing_the_bundled_samples_then_showing_them_as_json()
    {
        var import = await CliProcess.RunAsync(_folder.Path, "lists", "import", RepoPaths.Sample("lists"), "--db", Db, "--format", "json");
        import.ExitCode.ShouldBe(0, import.Stderr);

        var show = await CliProcess.RunAsync(_folder.Path, "--db", Db, "lists", "show", "--format", "json");
        show.ExitCode.ShouldBe(0, show.Stderr);
        var rows = JsonDocument.Parse(show.Stdout).RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("dataset").GetString()!);
        rows["us_ofac_sdn"].GetProperty("entities").GetInt64().ShouldBe(6);
        rows["un_sc_sanctions"].GetProperty("entities").GetInt64().ShouldBe(3);
        rows["un_sc_sanctions"].GetProperty("published").GetString().ShouldBe("2026-11-20");
        foreach (var row in rows.Values)
        {
            row.TryGetProperty("publisher", out _).ShouldBeTrue();
            row.TryGetProperty("names", out _).ShouldBeTrue();
            row.TryGetProperty("identifiers", out _).ShouldBeTrue();
            row.TryGetProperty("imported_at", out _).ShouldBeTrue();
            row.TryGetProperty("file", out _).ShouldBeTrue();
        }
    }

    [Fact]
    public async Task Importing_the_same_files_again_changes_nothing()
    {
        (await CliProcess.RunAsync(_folder.Path, "lists", "import", RepoPaths.Sample("lists", "un"), "--db", Db)).ExitCode.ShouldBe(0);
        var again = await CliProcess.RunAsync(_folder.Path, "lists", "import", RepoPaths.Sample("lists", "un"), "--db", Db, "--format", "json");
        again.ExitCode.ShouldBe(0, again.Stderr);
        JsonDocument.Parse(again.Stdout).RootElement.EnumerateArray().Single().GetProperty("status").GetString().ShouldBe("unchanged");
        var show = await CliProcess.RunAsync(_folder.Path, "lists", "show", "--db", Db, "--format", "json");
        JsonDocument.Parse(show.Stdout).RootElement.EnumerateArray().Single().GetProperty("version").GetInt32().ShouldBe(1);
    }

    [Theory]
    [InlineData("empty.xml", "", "empty")]
    [InlineData("unknown.bin", "\u0001\u0002 this is no list format at all \u0003", "unknown list format")]
    public async Task Bad_files_exit_2_with_the_file_named_and_change_nothing(string name, string content, string reason)
    {
        (await CliProcess.RunAsync(_folder.Path, "lists", "import", RepoPaths.Sample("lists", "un"), "--db", Db)).ExitCode.ShouldBe(0);
        var bad = _folder.Write(name, content);

        var run = await CliProcess.RunAsync(_folder.Path, "lists", "import", RepoPaths.Sample("lists", "ofac", "sdn.csv"), bad, "--db", Db);

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain(name);
        run.Stderr.ShouldContain(reason);
        await ShouldHoldOnly(["un_sc_sanctions"]);
    }

    public static TheoryData<string, string, string> BrokenFiles()
    {
        var un = File.ReadAllText(RepoPaths.Sample("lists", "un", "consolidated.xml"));
        return new()
        {
            { "truncated.xml", un[..(un.Length / 2)], "truncated.xml:" },
            { "dtd.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE CONSOLIDATED_LIST [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<CONSOLIDATED_LIST dateGenerated=\"2026-01-01T00:00:00Z\"><INDIVIDUALS/></CONSOLIDATED_LIST>", "DTD" },
            { "sdn.csv", "1,\"KIM, Test\",\"individual\",\"DPRK\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n2,\"PAK, Test\",\"individual\",\"DPRK\",-0- ,-0- \r\n", "sdn.csv:2" },
            { "baddate.xml", un.Replace("<DATE>1981-07-15</DATE>", "<DATE>1981-02-31</DATE>", StringComparison.Ordinal), "baddate.xml:" },
        };
    }

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public async Task Broken_files_exit_2_naming_the_file_and_line_and_change_nothing(string name, string content, string expected)
    {
        (await CliProcess.RunAsync(_folder.Path, "lists", "import", RepoPaths.Sample("lists", "un"), "--db", Db)).ExitCode.ShouldBe(0);
        var bad = _folder.Write(name, content);

        var run = await CliProcess.RunAsync(_folder.Path, "lists", "import", RepoPaths.Sample("lists", "stix"), bad, "--db", Db);

        run.ExitCode.ShouldBe(2, run.Stderr);
        run.Stderr.ShouldContain(expected);
        run.Stderr.Split('\n').Count(l => l.StartsWith("unmask:", StringComparison.Ordinal)).ShouldBe(1, "one line naming the file, the line and the reason");
        await ShouldHoldOnly(["un_sc_sanctions"]);
    }

    [Fact]
    public async Task A_file_over_the_size_cap_is_refused()
    {
        var run = await CliProcess.RunAsync(_folder.Path, "lists", "import", RepoPaths.Sample("lists", "un", "consolidated.xml"), "--max-bytes", "1000", "--db", Db);
        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("size cap");
        await ShouldHoldOnly([]);
    }

    [Fact]
    public async Task Unknown_commands_and_missing_arguments_are_usage_errors()
    {
        (await CliProcess.RunAsync(_folder.Path, "lists", "frobnicate", "--db", Db)).ExitCode.ShouldBe(2);
        (await CliProcess.RunAsync(_folder.Path, "lists", "import", "--db", Db)).ExitCode.ShouldBe(2);
        var help = await CliProcess.RunAsync(_folder.Path, "lists", "import", "--help");
        help.ExitCode.ShouldBe(0);
        help.Stdout.ShouldContain("--source");
    }

    [Fact]
    public async Task Killing_the_process_in_the_middle_of_an_import_leaves_the_old_version_current()
    {
        var small = _folder.Write("small.txt", "# first version\n192.0.2.1\n192.0.2.2\n");
        (await CliProcess.RunAsync(_folder.Path, "lists", "import", small, "--source", "vpn_exits", "--db", Db)).ExitCode.ShouldBe(0);
        var big = _folder.File("big.txt");
        await using (var writer = new StreamWriter(big))
        {
            for (var i = 0; i < 3_000_000; i++)
            {
                await writer.WriteLineAsync($"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}");
            }
        }

        using var process = Process.Start(CliProcess.StartInfo(_folder.Path, "lists", "import", big, "--source", "vpn_exits", "--db", Db))!;
        var wal = Db + "-wal";
        var watch = Stopwatch.StartNew();
        while (!(File.Exists(wal) && new FileInfo(wal).Length > 4_000_000) && !process.HasExited && watch.Elapsed < TimeSpan.FromMinutes(2))
        {
            await Task.Delay(20);
        }
        process.HasExited.ShouldBeFalse("the import finished before it could be interrupted; make the file bigger");

        // A reader during the import is not blocked and sees the old version (WAL).
        var during = await CliProcess.RunAsync(_folder.Path, "lists", "show", "--db", Db, "--format", "json");
        during.ExitCode.ShouldBe(0, during.Stderr);
        JsonDocument.Parse(during.Stdout).RootElement.EnumerateArray().Single().GetProperty("entities").GetInt64().ShouldBe(2);
        process.HasExited.ShouldBeFalse("the import should still be running while we read");

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();

        var show = await CliProcess.RunAsync(_folder.Path, "lists", "show", "--db", Db, "--format", "json");
        var row = JsonDocument.Parse(show.Stdout).RootElement.EnumerateArray().Single();
        row.GetProperty("dataset").GetString().ShouldBe("vpn_exits");
        row.GetProperty("entities").GetInt64().ShouldBe(2);
        row.GetProperty("version").GetInt32().ShouldBe(1);
    }

    private async Task ShouldHoldOnly(string[] datasets)
    {
        var show = await CliProcess.RunAsync(_folder.Path, "lists", "show", "--db", Db, "--format", "json");
        show.ExitCode.ShouldBe(0, show.Stderr);
        JsonDocument.Parse(show.Stdout).RootElement.EnumerateArray().Select(r => r.GetProperty("dataset").GetString()).ShouldBe(datasets);
    }

    public void Dispose() => _folder.Dispose();
}

using System.Text.Json;
using Unmask.TestKit;

namespace Unmask.EndToEnd.Tests;

/// <summary><c>lists update</c> against a loopback HTTP server serving list files (never the internet).</summary>
public sealed class ListsUpdateTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly LoopbackFileServer _server = new(RepoPaths.Sample("lists"));

    private string Prefix => _server.Prefix;

    [Fact]
    public async Task Update_downloads_the_files_checks_them_and_imports_them()
    {
        var sources = _folder.Write("sources.json", JsonSerializer.Serialize(new[]
        {
            new { name = "us_ofac_sdn", files = new[] { new { url = Prefix + "ofac/sdn.csv", file = "sdn.csv" }, new { url = Prefix + "ofac/alt.csv", file = "alt.csv" }, new { url = Prefix + "ofac/add.csv", file = "add.csv" } } },
            new { name = "un_sc_sanctions", files = new[] { new { url = Prefix + "un/consolidated.xml", file = "consolidated.xml" } } },
        }));
        var run = await CliProcess.RunAsync(_folder.Path, "lists", "update", "--sources", sources, "--db", _folder.File("s.db"), "--format", "json");
        run.ExitCode.ShouldBe(0, run.Stderr);
        var rows = JsonDocument.Parse(run.Stdout).RootElement.EnumerateArray().ToList();
        rows.Select(r => r.GetProperty("dataset").GetString()).Order().ShouldBe(["un_sc_sanctions", "us_ofac_sdn"]);
    }

    [Fact]
    public async Task A_failed_download_imports_nothing()
    {
        var sources = _folder.Write("sources.json", JsonSerializer.Serialize(new[]
        {
            new { name = "un_sc_sanctions", files = new[] { new { url = Prefix + "un/consolidated.xml", file = "consolidated.xml" } } },
            new { name = "missing", files = new[] { new { url = Prefix + "nope.xml", file = "nope.xml" } } },
        }));
        var db = _folder.File("s.db");
        var run = await CliProcess.RunAsync(_folder.Path, "lists", "update", "--sources", sources, "--db", db);
        run.ExitCode.ShouldBe(3);
        run.Stderr.ShouldContain("404");
        var show = await CliProcess.RunAsync(_folder.Path, "lists", "show", "--db", db, "--format", "json");
        JsonDocument.Parse(show.Stdout).RootElement.GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Plain_http_is_refused_for_hosts_other_than_loopback()
    {
        var sources = _folder.Write("sources.json", """[{"name": "x", "files": [{"url": "http://lists.example.org/x.xml", "file": "x.xml"}]}]""");
        var run = await CliProcess.RunAsync(_folder.Path, "lists", "update", "--sources", sources, "--db", _folder.File("s.db"));
        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("HTTPS");
    }

    public void Dispose()
    {
        _server.Dispose();
        _folder.Dispose();
    }
}

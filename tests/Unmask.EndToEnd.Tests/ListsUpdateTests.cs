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
        var run = await CliProcess.RunAsync(_folder.Path, "lists", "update", "--sources", sources, "--db", _folder.File("s.db"), "--format", "json", "--allow-private");
        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stderr.ShouldContain("--allow-private");
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
        var run = await CliProcess.RunAsync(_folder.Path, "lists", "update", "--sources", sources, "--db", db, "--allow-private");
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

    [Theory]
    [InlineData("https://169.254.169.254/latest/meta-data/", "cloud metadata")]
    [InlineData("https://10.0.0.1/list.xml", "private")]
    [InlineData("https://[fd00::1]/list.xml", "unique local")]
    [InlineData("https://100.64.0.1/list.xml", "shared")]
    [InlineData("https://0.0.0.0/list.xml", "unspecified")]
    public async Task Internal_addresses_are_refused_before_any_connection(string url, string kind)
    {
        var sources = Sources("un_sc_sanctions", url, "consolidated.xml");
        var run = await CliProcess.RunAsync(_folder.Path, "lists", "update", "--sources", sources, "--db", _folder.File("s.db"), "--timeout", "5");
        run.ExitCode.ShouldBe(2, run.Stderr);
        run.Stderr.ShouldContain(kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[::ffff:127.0.0.1]")]
    public async Task The_loopback_server_is_refused_without_allow_private(string host)
    {
        var url = (host.Length == 0 ? Prefix : Prefix.Replace("127.0.0.1", host, StringComparison.Ordinal)) + "un/consolidated.xml";
        var run = await CliProcess.RunAsync(_folder.Path, "lists", "update", "--sources", Sources("un_sc_sanctions", url, "consolidated.xml"), "--db", _folder.File("s.db"));
        run.ExitCode.ShouldBe(2, run.Stderr);
        run.Stderr.ShouldContain("loopback");
        run.Stderr.ShouldContain("--allow-private");
        _server.Requests.ShouldBe(0);
    }

    [Fact]
    public async Task Allowed_private_addresses_still_never_include_cloud_metadata()
    {
        var sources = Sources("un_sc_sanctions", "http://169.254.169.254/latest/meta-data/", "consolidated.xml");
        var run = await CliProcess.RunAsync(_folder.Path, "lists", "update", "--sources", sources, "--db", _folder.File("s.db"), "--allow-private", "--timeout", "5");
        run.ExitCode.ShouldBe(2, run.Stderr);
        run.Stderr.ShouldContain("cloud metadata");
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "cloud metadata")]
    [InlineData("http://93.184.215.14/consolidated.xml", "HTTPS")]
    [InlineData("ftp://lists.example.org/consolidated.xml", "ftp")]
    public async Task A_redirect_to_an_internal_address_or_plain_http_is_refused_at_the_hop(string target, string reason)
    {
        using var redirecting = new LoopbackFileServer(RepoPaths.Sample("lists"), new Dictionary<string, string> { ["/moved.xml"] = target });
        var sources = Sources("un_sc_sanctions", redirecting.Prefix + "moved.xml", "consolidated.xml");
        var run = await CliProcess.RunAsync(_folder.Path, "lists", "update", "--sources", sources, "--db", _folder.File("s.db"), "--allow-private", "--timeout", "5");
        run.ExitCode.ShouldBe(2, run.Stderr);
        run.Stderr.ShouldContain(reason);
        run.Stderr.ShouldContain("moved.xml");
        redirecting.Requests.ShouldBe(1);
    }

    [Fact]
    public async Task A_redirect_loop_is_bounded()
    {
        using var looping = new LoopbackFileServer(RepoPaths.Sample("lists"), new Dictionary<string, string> { ["/a.xml"] = "/b.xml", ["/b.xml"] = "/a.xml" });
        var run = await CliProcess.RunAsync(_folder.Path, "lists", "update", "--sources", Sources("un_sc_sanctions", looping.Prefix + "a.xml", "consolidated.xml"), "--db", _folder.File("s.db"), "--allow-private");
        run.ExitCode.ShouldBe(2, run.Stderr);
        run.Stderr.ShouldContain("redirect");
        looping.Requests.ShouldBeLessThanOrEqualTo(6);
    }

    [Fact]
    public async Task A_same_host_redirect_is_followed()
    {
        using var redirecting = new LoopbackFileServer(RepoPaths.Sample("lists"), new Dictionary<string, string> { ["/latest.xml"] = "/un/consolidated.xml" });
        var run = await CliProcess.RunAsync(_folder.Path, "lists", "update", "--sources", Sources("un_sc_sanctions", redirecting.Prefix + "latest.xml", "consolidated.xml"), "--db", _folder.File("s.db"), "--allow-private", "--format", "json");
        run.ExitCode.ShouldBe(0, run.Stderr);
        JsonDocument.Parse(run.Stdout).RootElement[0].GetProperty("dataset").GetString().ShouldBe("un_sc_sanctions");
    }

    [Fact]
    public async Task An_absolute_source_name_is_refused_and_nothing_is_written_there()
    {
        var outside = _folder.File("outside");
        var run = await CliProcess.RunAsync(_folder.Path, "lists", "update", "--sources", Sources(outside, Prefix + "un/consolidated.xml", "consolidated.xml"), "--db", _folder.File("s.db"), "--allow-private");
        run.ExitCode.ShouldBe(2, run.Stderr);
        run.Stderr.ShouldContain("plain name");
        Directory.Exists(outside).ShouldBeFalse();
        _server.Requests.ShouldBe(0);
    }

    [Theory]
    [InlineData("../../x", "consolidated.xml")]
    [InlineData("..", "consolidated.xml")]
    [InlineData("un/sc", "consolidated.xml")]
    [InlineData("un\\sc", "consolidated.xml")]
    [InlineData("un", "../consolidated.xml")]
    [InlineData("un", "/etc/passwd")]
    [InlineData("un", "CON")]
    [InlineData("un", "lpt1.xml")]
    [InlineData("un", "")]
    [InlineData("un", "a:b.xml")]
    public async Task Source_and_file_names_must_be_plain_names(string name, string file)
    {
        var run = await CliProcess.RunAsync(_folder.Path, "lists", "update", "--sources", Sources(name, Prefix + "un/consolidated.xml", file), "--db", _folder.File("s.db"), "--allow-private");
        run.ExitCode.ShouldBe(2, run.Stderr);
        run.Stderr.ShouldContain("plain name");
        run.Stderr.Trim().Split('\n').Last().ShouldContain("sources.json");
        _server.Requests.ShouldBe(0);
    }

    [Fact]
    public async Task Two_files_of_one_source_may_not_share_a_name()
    {
        var sources = _folder.Write("sources.json", JsonSerializer.Serialize(new[]
        {
            new { name = "un", files = new[] { new { url = Prefix + "un/consolidated.xml", file = "consolidated.xml" }, new { url = Prefix + "ofac/sdn.csv", file = "Consolidated.xml" } } },
        }));
        var run = await CliProcess.RunAsync(_folder.Path, "lists", "update", "--sources", sources, "--db", _folder.File("s.db"), "--allow-private");
        run.ExitCode.ShouldBe(2, run.Stderr);
        run.Stderr.ShouldContain("twice");
    }

    private string Sources(string name, string url, string file) =>
        _folder.Write("sources.json", JsonSerializer.Serialize(new[] { new { name, files = new[] { new { url, file } } } }));

    public void Dispose()
    {
        _server.Dispose();
        _folder.Dispose();
    }
}

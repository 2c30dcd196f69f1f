using System.Text.Json;
using Unmask.TestKit;

namespace Unmask.EndToEnd.Tests;

public sealed class SiteAndVetCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string Db => _folder.File("sites.db");

    [Fact]
    public async Task A_copied_site_names_its_reference_the_swapped_brand_and_its_sibling()
    {
        (await CliProcess.RunAsync(_folder.Path, "site", "index", RepoPaths.Sample("sites", "reference", "brightpath-consulting"), "--as", "reference", "--db", Db)).ExitCode.ShouldBe(0);
        (await CliProcess.RunAsync(_folder.Path, "site", "index", RepoPaths.Sample("sites", "suspect", "kwangsoft-solutions"), "--as", "suspect", "--db", Db)).ExitCode.ShouldBe(0);

        var run = await CliProcess.RunAsync(_folder.Path, "site", "analyze", RepoPaths.Sample("sites", "suspect", "novalink-techlab"), "--format", "json", "--db", Db);
        run.ExitCode.ShouldBe(0, run.Stderr);
        var report = JsonDocument.Parse(run.Stdout).RootElement;
        report.GetProperty("target").GetString().ShouldBe("novalink-techlab", "a suspect is known by its folder; novalinktech.example is what its pages claim");
        report.GetProperty("declared")[0].GetString().ShouldBe("novalinktech.example");
        var clone = report.GetProperty("clones").EnumerateArray().Single();
        clone.GetProperty("reference").GetString().ShouldBe("brightpath-consulting.example");
        clone.GetProperty("relation").GetString().ShouldBe("clone");
        clone.GetProperty("brand_substitutions").EnumerateArray()
            .ShouldContain(b => b.GetProperty("original").GetString() == "BrightPath Consulting" && b.GetProperty("replacement").GetString() == "NovaLink TechLab");
        report.GetProperty("pivots").EnumerateArray().ShouldContain(p => p.GetProperty("site").GetString() == "kwangsoft-solutions");
        report.GetProperty("fingerprints").GetProperty("trackers").EnumerateArray().Select(t => t.GetString()).ShouldContain("G-NVL1NK2026");
    }

    [Fact]
    public async Task The_reference_itself_is_not_a_clone_of_anything()
    {
        (await CliProcess.RunAsync(_folder.Path, "site", "index", RepoPaths.Sample("sites", "suspect", "novalink-techlab"), "--as", "suspect", "--db", Db)).ExitCode.ShouldBe(0);
        var run = await CliProcess.RunAsync(_folder.Path, "site", "analyze", RepoPaths.Sample("sites", "reference", "brightpath-consulting"), "--format", "json", "--db", Db);
        JsonDocument.Parse(run.Stdout).RootElement.GetProperty("clones").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_site_is_crawled_from_a_url_but_loopback_is_refused_unless_allowed()
    {
        using var server = new LoopbackFileServer(RepoPaths.Sample("sites", "suspect", "novalink-techlab"));
        (await CliProcess.RunAsync(_folder.Path, "site", "index", RepoPaths.Sample("sites", "reference", "brightpath-consulting"), "--db", Db)).ExitCode.ShouldBe(0);

        var refused = await CliProcess.RunAsync(_folder.Path, "site", "analyze", server.Prefix, "--db", Db, "--format", "json");
        refused.ExitCode.ShouldBe(2);
        refused.Stderr.ShouldContain("127.0.0.1 is a loopback address");
        server.Requests.ShouldBe(0);

        var crawled = await CliProcess.RunAsync(_folder.Path, "site", "analyze", server.Prefix, "--allow-private", "--db", Db, "--format", "json");
        crawled.ExitCode.ShouldBe(0, crawled.Stderr);
        crawled.Stderr.ShouldContain("warning: --allow-private");
        var report = JsonDocument.Parse(crawled.Stdout).RootElement;
        report.GetProperty("pages").GetInt32().ShouldBeGreaterThanOrEqualTo(3, crawled.Stdout[..Math.Min(400, crawled.Stdout.Length)] + crawled.Stderr);
        report.GetProperty("clones")[0].GetProperty("reference").GetString().ShouldBe("brightpath-consulting.example");
    }

    [Fact]
    public async Task Cloud_metadata_is_never_crawled_even_with_allow_private()
    {
        var run = await CliProcess.RunAsync(_folder.Path, "site", "index", "http://169.254.169.254/latest/meta-data/", "--allow-private", "--db", Db);
        run.ExitCode.ShouldBe(2, run.Stderr);
        run.Stderr.ShouldContain("cloud metadata");
    }

    [Fact]
    public async Task A_missing_site_is_bad_input()
    {
        var run = await CliProcess.RunAsync(_folder.Path, "site", "analyze", _folder.File("nope"), "--db", Db);
        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("nope");
    }

    [Fact]
    public async Task Vetting_the_samples_finds_the_planted_network_and_leaves_benign_records_clear()
    {
        (await CliProcess.RunAsync(_folder.Path, "lists", "import", RepoPaths.Sample("lists"), "--db", Db)).ExitCode.ShouldBe(0);
        (await CliProcess.RunAsync(_folder.Path, "site", "index", RepoPaths.Sample("sites", "reference", "brightpath-consulting"), "--db", Db)).ExitCode.ShouldBe(0);

        var run = await CliProcess.RunAsync(_folder.Path, "vet", RepoPaths.Sample("vetting.csv"), "--signins", RepoPaths.Sample("signins.csv"), "--format", "json", "--fail-on", "high", "--db", Db);

        run.ExitCode.ShouldBe(1, run.Stderr);
        var results = JsonDocument.Parse(run.Stdout).RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
        string[] Codes(string id) => [.. results[id].GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString()!)];
        Codes("A-3").ShouldContain("PHONE_SHARED");
        Codes("A-3").ShouldContain("LAPTOP_FARM_ADDRESS");
        Codes("A-3").ShouldContain("VPN_ASTRILL");
        Codes("A-6").ShouldContain("EMAIL_KNOWN_PERSONA");
        Codes("A-7").ShouldContain("SANCTIONS_MATCH");
        Codes("V-2").ShouldContain("SITE_COPIED");
        Codes("A-5").ShouldContain("SIGNIN_DPRK_IP");
        results["V-2"].GetProperty("links").EnumerateArray().ShouldContain(l => l.GetProperty("entity").GetString() == "applicant:A-3");
        foreach (var benign in new[] { "A-1", "A-2", "A-8", "C-1", "V-1" })
        {
            results[benign].GetProperty("level").GetString().ShouldBe("clear", benign);
        }
        foreach (var finding in results.Values.SelectMany(r => r.GetProperty("findings").EnumerateArray()))
        {
            finding.GetProperty("evidence").GetString().ShouldNotBeNullOrWhiteSpace();
            finding.GetProperty("source").GetString().ShouldNotBeNullOrWhiteSpace();
        }
    }

    [Fact]
    public async Task A_record_whose_network_reaches_a_designated_entry_carries_that_risk_and_the_path()
    {
        (await CliProcess.RunAsync(_folder.Path, "lists", "import", RepoPaths.Sample("lists"), "--db", Db)).ExitCode.ShouldBe(0);
        (await CliProcess.RunAsync(_folder.Path, "site", "index", RepoPaths.Sample("sites", "reference", "brightpath-consulting"), "--db", Db)).ExitCode.ShouldBe(0);

        var run = await CliProcess.RunAsync(_folder.Path, "vet", RepoPaths.Sample("vetting.csv"), "--format", "json", "--db", Db);

        run.ExitCode.ShouldBe(0, run.Stderr);
        var a5 = JsonDocument.Parse(run.Stdout).RootElement.EnumerateArray().Single(r => r.GetProperty("id").GetString() == "A-5");
        var network = a5.GetProperty("network");
        network.GetProperty("risk").GetInt32().ShouldBeGreaterThan(a5.GetProperty("risk").GetInt32());
        network.GetProperty("reaches").GetString()!.ShouldStartWith("entity:");
        network.GetProperty("path").GetArrayLength().ShouldBeGreaterThan(1);
        network.GetProperty("explanation").GetString()!.ShouldContain("A-5");
    }

    public void Dispose() => _folder.Dispose();
}

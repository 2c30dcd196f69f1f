using System.Text.Json;
using Unmask.TestKit;

namespace Unmask.EndToEnd.Tests;

public sealed class DemoCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly List<string> _demoStores = [];

    private string DefaultStore => Path.Combine(_folder.Path, "xdg", "unmask", "unmask.db");

    [Fact]
    public async Task Demo_runs_offline_in_a_store_of_its_own_and_writes_a_report()
    {
        var run = await CliProcess.RunAsync(_folder.Path, "demo");

        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stdout.ShouldContain("Unmask demo");
        run.Stdout.ShouldContain("sample_us_ofac_sdn");
        run.Stdout.ShouldNotContain(" us_ofac_sdn ");
        run.Stdout.ShouldContain("novalink-techlab is a clone of brightpath-consulting.example");
        run.Stdout.ShouldContain("Q-4: 'Choi Myung-soo' -> CHOE MYONG SU");
        run.Stdout.ShouldMatch(@"vendor V-2\s+risk\s+\d+ (high|critical)");
        run.Stdout.ShouldMatch(@"applicant A-8\s+risk\s+0 clear", "a Seoul resident signing in from Seoul in Seoul hours raises nothing");
        File.Exists(DefaultStore).ShouldBeFalse("the demo never writes to the user's store");
        run.Stderr.ShouldContain("a fresh store for the demo; your own store is not touched");
        var path = DemoStore(run);
        path.ShouldStartWith(Path.GetTempPath());
        File.Exists(path).ShouldBeTrue();
        run.Stdout.ShouldContain($"unmask lists show --db {path}");
        var report = await File.ReadAllTextAsync(Path.Combine(_folder.Path, "unmask-demo-report.html"));
        report.ShouldContain("indicators for review");
    }

    /// <summary>The temporary store the demo said it used; deleted with the test folder.</summary>
    private string DemoStore(CliRun run)
    {
        var line = run.Stderr.Split('\n').Single(l => l.StartsWith("store: sqlite:", StringComparison.Ordinal));
        var path = line["store: sqlite:".Length..line.IndexOf(" (", StringComparison.Ordinal)];
        _demoStores.Add(Path.GetDirectoryName(path)!);
        return path;
    }

    [Fact]
    public async Task Demo_into_a_chosen_store_names_every_sample_dataset_sample_()
    {
        var db = _folder.File("chosen.db");

        var run = await CliProcess.RunAsync(_folder.Path, "demo", "--db", db);

        run.ExitCode.ShouldBe(0, run.Stderr);
        var show = await CliProcess.RunAsync(_folder.Path, "lists", "show", "--db", db, "--format", "json");
        var datasets = JsonDocument.Parse(show.Stdout).RootElement.EnumerateArray().Select(r => r.GetProperty("dataset").GetString()!).ToList();
        datasets.ShouldContain("sample_un_sc_sanctions");
        datasets.ShouldAllBe(d => d.StartsWith("sample_"));
    }

    [Fact]
    public async Task The_demo_report_shows_the_cases_of_its_store_with_their_decisions_and_audit_trail()
    {
        var db = _folder.File("cases.db");
        (await CliProcess.RunAsync(_folder.Path, "demo", "--db", db)).ExitCode.ShouldBe(0);
        var first = await File.ReadAllTextAsync(Path.Combine(_folder.Path, "unmask-demo-report.html"));
        first.ShouldContain("No case opened yet");
        first.ShouldContain("overflow-wrap:anywhere", customMessage: "the links column wraps instead of running off the page");
        (await CliProcess.RunAsync(_folder.Path, "case", "open", "vendor:V-2", "--by", "analyst-1", "--db", db)).ExitCode.ShouldBe(0);
        (await CliProcess.RunAsync(_folder.Path, "case", "decide", "case-1", "--decision", "escalated", "--reason", "copied site <and> shared phone",
            "--by", "analyst-1", "--db", db)).ExitCode.ShouldBe(0);

        (await CliProcess.RunAsync(_folder.Path, "demo", "--db", db)).ExitCode.ShouldBe(0);

        var report = await File.ReadAllTextAsync(Path.Combine(_folder.Path, "unmask-demo-report.html"));
        report.ShouldContain("<h2>Case case-1: vendor:V-2</h2>");
        report.ShouldContain("<td>escalated</td><td>analyst-1</td>");
        report.ShouldContain("copied site &lt;and&gt; shared phone");
        report.ShouldContain("<td>case.decide</td>");
        report.ShouldContain("<td>sample_ioc_astrill_exits_sample</td><td>Spur (spur.us)</td>", customMessage: "IOC lists name their publisher");
        var network = await File.ReadAllTextAsync(Path.Combine(_folder.Path, "unmask-demo-report-network.html"));
        network.ShouldContain("<h2>Case case-1: vendor:V-2</h2>");
    }

    [Fact]
    public async Task After_the_demo_the_real_UN_list_imports_into_the_default_store_whole_RealFile()
    {
        var demo = await CliProcess.RunAsync(_folder.Path, "demo");
        demo.ExitCode.ShouldBe(0, demo.Stderr);
        DemoStore(demo);

        var import = await CliProcess.RunAsync(_folder.Path, "lists", "import", SharedData.Path("sanctions/un/consolidated.xml"));

        import.ExitCode.ShouldBe(0, import.Stderr);
        var show = await CliProcess.RunAsync(_folder.Path, "lists", "show", "--format", "json");
        var row = JsonDocument.Parse(show.Stdout).RootElement.EnumerateArray().ShouldHaveSingleItem();
        row.GetProperty("dataset").GetString().ShouldBe("un_sc_sanctions");
        row.GetProperty("entities").GetInt64().ShouldBe(1_003);
        row.GetProperty("published").GetString().ShouldBe("2026-02-27");
        var screen = await CliProcess.RunAsync(_folder.Path, "screen", "CHOE MYONG SU", "--format", "json");
        screen.ExitCode.ShouldBe(0, screen.Stderr);
        JsonDocument.Parse(screen.Stdout).RootElement.GetProperty("results").EnumerateArray()
            .ShouldAllBe(r => !r.GetProperty("id").GetString()!.StartsWith("sample_"), "no fictional sample entry in the user's store");
    }

    public void Dispose()
    {
        foreach (var folder in _demoStores.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
        _folder.Dispose();
    }
}

using Unmask.TestKit;

namespace Unmask.EndToEnd.Tests;

public sealed class DemoCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Demo_runs_offline_on_a_fresh_store_and_writes_a_report()
    {
        var run = await CliProcess.RunAsync(_folder.Path, "demo");

        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stdout.ShouldContain("Unmask demo");
        run.Stdout.ShouldContain("us_ofac_sdn");
        run.Stdout.ShouldContain("novalinktech.example is a clone of brightpath-consulting.example");
        run.Stdout.ShouldContain("Q-4: 'Choi Myung-soo' -> CHOE MYONG SU");
        run.Stdout.ShouldMatch(@"vendor V-2\s+risk\s+\d+ (high|critical)");
        run.Stdout.ShouldMatch(@"applicant A-8\s+risk\s+0 clear", "a Seoul resident signing in from Seoul in Seoul hours raises nothing");
        File.Exists(Path.Combine(_folder.Path, "xdg", "unmask", "unmask.db")).ShouldBeTrue("the default store lives under $XDG_DATA_HOME/unmask");
        var report = await File.ReadAllTextAsync(Path.Combine(_folder.Path, "unmask-demo-report.html"));
        report.ShouldContain("indicators for review");
    }

    public void Dispose() => _folder.Dispose();
}

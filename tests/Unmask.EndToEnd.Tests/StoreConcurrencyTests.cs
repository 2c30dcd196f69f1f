using System.Diagnostics;
using System.Text.Json;
using Unmask.Fuzzing.Crashes;
using Unmask.TestKit;

namespace Unmask.EndToEnd.Tests;

/// <summary>Several processes on one SQLite store, as scripts and cron jobs will run them: no dataset lost, no "database is locked".</summary>
public sealed class StoreConcurrencyTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string Db => _folder.File("shared.db");

    [Fact]
    public async Task Two_imports_into_a_store_that_does_not_exist_yet_both_land() => await TwoImportsAtOnceAsync();

    [Fact]
    public async Task Two_imports_into_an_existing_store_at_once_both_land()
    {
        (await CliProcess.RunAsync(_folder.Path, "lists", "show", "--db", Db)).ExitCode.ShouldBe(0);
        await TwoImportsAtOnceAsync();
    }

    private async Task TwoImportsAtOnceAsync()
    {
        var first = TrialLists.WriteFtm(_folder.File("first.ftm.json"), "First", 3_000);
        var second = TrialLists.WriteFtm(_folder.File("second.ftm.json"), "Second", 3_000);
        for (var round = 0; round < 2; round++)
        {
            var runs = await Task.WhenAll(
                CliProcess.RunAsync(_folder.Path, "lists", "import", first, "--source", "concurrent_first", "--db", Db),
                CliProcess.RunAsync(_folder.Path, "lists", "import", second, "--source", "concurrent_second", "--db", Db));
            foreach (var run in runs)
            {
                run.ExitCode.ShouldBe(0, run.Stderr);
                run.Stderr.ShouldNotContain("locked");
            }
            var datasets = await DatasetsAsync();
            datasets.ShouldContainKeyAndValue("concurrent_first", 3_000);
            datasets.ShouldContainKeyAndValue("concurrent_second", 3_000);
        }
    }

    [Fact]
    public async Task Screening_while_an_import_commits_neither_fails_nor_loses_the_dataset_it_screens()
    {
        var listed = TrialLists.WriteFtm(_folder.File("listed.ftm.json"), "Listed", 200);
        (await CliProcess.RunAsync(_folder.Path, "lists", "import", listed, "--source", "concurrent_listed", "--db", Db)).ExitCode.ShouldBe(0);
        var large = TrialLists.WriteFtm(_folder.File("large.ftm.json"), "Large", 20_000);

        using var import = Process.Start(CliProcess.StartInfo(_folder.Path, "lists", "import", large, "--source", "concurrent_large", "--db", Db))!;
        var importStderr = import.StandardError.ReadToEndAsync();
        _ = import.StandardOutput.ReadToEndAsync();
        var screens = new List<CliRun>();
        while (!import.HasExited || screens.Count == 0)
        {
            screens.Add(await CliProcess.RunAsync(_folder.Path, "screen", "Listed Trialperson 17", "--db", Db, "--format", "json"));
        }
        await import.WaitForExitAsync();

        import.ExitCode.ShouldBe(0, await importStderr);
        foreach (var screen in screens)
        {
            screen.ExitCode.ShouldBe(0, screen.Stderr);
            screen.Stderr.ShouldNotContain("locked");
            screen.Stdout.ShouldContain("Listed Trialperson 17");
        }
        var datasets = await DatasetsAsync();
        datasets.ShouldContainKeyAndValue("concurrent_listed", 200);
        datasets.ShouldContainKeyAndValue("concurrent_large", 20_000);
    }

    private async Task<Dictionary<string, int>> DatasetsAsync()
    {
        var show = await CliProcess.RunAsync(_folder.Path, "lists", "show", "--db", Db, "--format", "json");
        show.ExitCode.ShouldBe(0, show.Stderr);
        return JsonDocument.Parse(show.Stdout).RootElement.EnumerateArray()
            .ToDictionary(d => d.GetProperty("dataset").GetString()!, d => d.GetProperty("entities").GetInt32());
    }

    public void Dispose() => _folder.Dispose();
}

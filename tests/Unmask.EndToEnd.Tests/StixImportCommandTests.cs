using System.Text.Json;
using Unmask.TestKit;

namespace Unmask.EndToEnd.Tests;

/// <summary><c>lists import</c> of STIX bundles: an Unmask export read back keeps its datasets and never makes an
/// applicant, a vendor or a site a list hit; bad objects are listed, and <c>--strict</c> refuses the file.</summary>
public sealed class StixImportCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string Db => _folder.File("store.db");

    /// <summary>Written by StixBundleWriter (the LinkGraph tests keep it equal to the writer's output).</summary>
    private static string Export => RepoPaths.Fixture("stix", "unmask-export.json");

    private static string BadObjects => RepoPaths.Fixture("stix", "bad-objects.json");

    [Fact]
    public async Task An_Unmask_bundle_comes_back_as_its_datasets_and_only_list_targets_are_hits()
    {
        var import = await CliProcess.RunAsync(_folder.Path, "lists", "import", Export, "--strict", "--db", Db, "--format", "json");
        import.ExitCode.ShouldBe(0, import.Stderr);

        var show = await CliProcess.RunAsync(_folder.Path, "lists", "show", "--db", Db, "--format", "json");
        var datasets = JsonDocument.Parse(show.Stdout).RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("dataset").GetString()!);
        datasets["test_sdn"].GetProperty("publisher").GetString().ShouldBe("Test Treasury Office");
        datasets["test_sdn"].GetProperty("entities").GetInt64().ShouldBe(5);
        datasets["test_ioc"].GetProperty("entities").GetInt64().ShouldBe(2);
        datasets["test_vpn_exits"].GetProperty("entities").GetInt64().ShouldBe(1);

        foreach (var name in new[] { "Jordan Sample", "Copycat Labs LLC", "Legit Firm" })
        {
            var run = await CliProcess.RunAsync(_folder.Path, "screen", name, "--db", Db, "--format", "json");
            run.ExitCode.ShouldBe(0, run.Stderr);
            JsonDocument.Parse(run.Stdout).RootElement.GetProperty("results").GetArrayLength().ShouldBe(0, $"{name} is context, not a list target");
        }
        var target = await CliProcess.RunAsync(_folder.Path, "screen", "Koryo Example Trading", "--db", Db, "--format", "json");
        JsonDocument.Parse(target.Stdout).RootElement.GetProperty("results")[0].GetProperty("id").GetString().ShouldBe("test_sdn-1");
    }

    [Fact]
    public async Task Strict_import_of_a_bundle_with_bad_objects_exits_2_naming_the_object_and_changes_nothing()
    {
        (await CliProcess.RunAsync(_folder.Path, "lists", "import", RepoPaths.Sample("lists", "un"), "--db", Db)).ExitCode.ShouldBe(0);

        var strict = await CliProcess.RunAsync(_folder.Path, "lists", "import", BadObjects, "--strict", "--db", Db);

        strict.ExitCode.ShouldBe(2, strict.Stderr);
        strict.Stderr.ShouldContain("bad-objects.json:2: ");
        strict.Stderr.ShouldContain("unknown object type 'fictional-gadget'");
        var show = await CliProcess.RunAsync(_folder.Path, "lists", "show", "--db", Db, "--format", "json");
        JsonDocument.Parse(show.Stdout).RootElement.EnumerateArray().Select(r => r.GetProperty("dataset").GetString()).ShouldBe(["un_sc_sanctions"]);

        var lenient = await CliProcess.RunAsync(_folder.Path, "lists", "import", BadObjects, "--db", Db);
        lenient.ExitCode.ShouldBe(0, lenient.Stderr);
        lenient.Stderr.Split('\n').Count(l => l.StartsWith("left out: ", StringComparison.Ordinal)).ShouldBe(3);
    }

    public void Dispose() => _folder.Dispose();
}

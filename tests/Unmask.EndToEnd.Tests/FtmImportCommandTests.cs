using System.Text.Json;
using Unmask.TestKit;

namespace Unmask.EndToEnd.Tests;

/// <summary><c>lists import</c> of FtM files: an export of the graph read back keeps its datasets and never makes an
/// applicant or a copied firm a list hit; <c>--strict</c> refuses a file with records FtM does not allow.</summary>
public sealed class FtmImportCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string Db => _folder.File("store.db");

    private static string GraphExport => RepoPaths.Fixture("ftm", "graph_export.ftm.json");

    private const string BadLine = """{"id":"x1","schema":"Person","properties":{"name":["Pak Fictional"],"birthDate":["31-02-1980"]},"datasets":["fict_bad"]}""";

    [Fact]
    public async Task Each_ftm_dataset_becomes_a_dataset_and_importing_again_changes_nothing()
    {
        var import = await CliProcess.RunAsync(_folder.Path, "lists", "import", GraphExport, "--db", Db, "--format", "json");
        import.ExitCode.ShouldBe(0, import.Stderr);
        var rows = JsonDocument.Parse(import.Stdout).RootElement.EnumerateArray().ToList();
        rows.Select(r => r.GetProperty("dataset").GetString()).Order().ShouldBe(["fict_sdn", "fict_un", "unmask_graph"]);
        rows.ShouldAllBe(r => r.GetProperty("status").GetString() == "imported" && r.GetProperty("part").GetString() == "graph_export.ftm");

        var show = await CliProcess.RunAsync(_folder.Path, "lists", "show", "--db", Db, "--format", "json");
        show.ExitCode.ShouldBe(0, show.Stderr);
        var datasets = JsonDocument.Parse(show.Stdout).RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("dataset").GetString()!);
        datasets.Keys.Order().ShouldBe(["fict_sdn", "fict_un", "unmask_graph"]);
        // An entity is stored in the first dataset it names: the person also lists fict_un.
        datasets["fict_sdn"].GetProperty("entities").GetInt64().ShouldBe(8);
        datasets["unmask_graph"].GetProperty("entities").GetInt64().ShouldBe(5);
        datasets["fict_un"].GetProperty("entities").GetInt64().ShouldBe(0);
        datasets["fict_sdn"].GetProperty("publisher").GetString().ShouldBe("Fictional Treasury");
        datasets["fict_sdn"].GetProperty("kind").GetString().ShouldBe("sanctions");
        datasets["unmask_graph"].GetProperty("kind").GetString().ShouldBe("other");

        var again = await CliProcess.RunAsync(_folder.Path, "lists", "import", GraphExport, "--db", Db, "--format", "json");
        again.ExitCode.ShouldBe(0, again.Stderr);
        var unchanged = JsonDocument.Parse(again.Stdout).RootElement.EnumerateArray().ToList();
        unchanged.Count.ShouldBe(3);
        unchanged.ShouldAllBe(r => r.GetProperty("status").GetString() == "unchanged");
    }

    [Fact]
    public async Task An_applicant_and_a_copied_firm_exported_with_target_false_are_never_list_hits()
    {
        (await CliProcess.RunAsync(_folder.Path, "lists", "import", GraphExport, "--db", Db)).ExitCode.ShouldBe(0);

        foreach (var (name, schema) in new[] { ("Jasper Leeford", "Person"), ("Honest Example Software GmbH", "Company") })
        {
            var run = await CliProcess.RunAsync(_folder.Path, "screen", name, "--schema", schema, "--db", Db, "--format", "json");
            run.ExitCode.ShouldBe(0, run.Stderr);
            JsonDocument.Parse(run.Stdout).RootElement.GetProperty("results").GetArrayLength().ShouldBe(0, $"{name} is context, not a list target");
        }
        var target = await CliProcess.RunAsync(_folder.Path, "screen", "Ri Fictional Chol", "--schema", "Person", "--db", Db, "--format", "json");
        target.ExitCode.ShouldBe(0, target.Stderr);
        var best = JsonDocument.Parse(target.Stdout).RootElement.GetProperty("results")[0];
        best.GetProperty("id").GetString().ShouldBe("fict-p1");
        best.GetProperty("programs").EnumerateArray().Select(p => p.GetString()).ShouldBe(["FICT-PROG"], "folded from its Sanction entity");
    }

    [Fact]
    public async Task Without_strict_a_bad_line_is_left_out_and_listed()
    {
        var bad = _folder.Write("bad.ftm.json", File.ReadAllText(GraphExport) + BadLine + "\n");

        var run = await CliProcess.RunAsync(_folder.Path, "lists", "import", bad, "--db", Db, "--format", "json");

        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stderr.ShouldContain("left out: ");
        run.Stderr.ShouldContain("bad.ftm.json:14: entity x1 (Person): birthDate '31-02-1980' is not a date");
        var rows = JsonDocument.Parse(run.Stdout).RootElement.EnumerateArray().ToList();
        rows.ShouldAllBe(r => r.GetProperty("rejections").GetArrayLength() == 1);
        rows.Select(r => r.GetProperty("dataset").GetString()).ShouldContain("fict_bad");
    }

    [Fact]
    public async Task Strict_import_of_a_bad_file_exits_2_naming_the_line_and_changes_nothing()
    {
        (await CliProcess.RunAsync(_folder.Path, "lists", "import", RepoPaths.Sample("lists", "un"), "--db", Db)).ExitCode.ShouldBe(0);
        var bad = _folder.Write("bad.ftm.json", File.ReadAllText(GraphExport) + BadLine + "\n");

        var run = await CliProcess.RunAsync(_folder.Path, "lists", "import", GraphExport, bad, "--strict", "--db", Db);

        run.ExitCode.ShouldBe(2, run.Stderr);
        run.Stderr.ShouldContain("bad.ftm.json:14");
        run.Stderr.ShouldContain("strict mode: nothing imported");
        var show = await CliProcess.RunAsync(_folder.Path, "lists", "show", "--db", Db, "--format", "json");
        JsonDocument.Parse(show.Stdout).RootElement.EnumerateArray().Select(r => r.GetProperty("dataset").GetString()).ShouldBe(["un_sc_sanctions"]);
        (await CliProcess.RunAsync(_folder.Path, "lists", "import", GraphExport, "--strict", "--db", Db)).ExitCode.ShouldBe(0, "our own export is valid FtM");
    }

    public void Dispose() => _folder.Dispose();
}

using System.Text.Json;
using Unmask.TestKit;

namespace Unmask.EndToEnd.Tests;

/// <summary>A dataset published as several files is imported file by file: each file replaces only its own part.</summary>
public sealed class ListPartsCommandTests : IDisposable
{
    private const string Dataset = "ioc_fictional_personas";
    private readonly TempFolder _folder = new();

    private string Db => _folder.File("store.db");

    private static string Collection(string file) => RepoPaths.Fixture("lists", "ioc", "fictional_personas", file);

    [Fact]
    public async Task Importing_phones_after_emails_keeps_the_emails_and_a_listed_email_still_hits()
    {
        (await Cli("lists", "import", Collection("emails.csv"))).ExitCode.ShouldBe(0);
        var phones = await Cli("lists", "import", Collection("phones.csv"), "--format", "json");
        phones.ExitCode.ShouldBe(0, phones.Stderr);
        var row = JsonDocument.Parse(phones.Stdout).RootElement.EnumerateArray().Single();
        row.GetProperty("part").GetString().ShouldBe("phones");
        row.GetProperty("status").GetString().ShouldBe("imported");

        var screen = await Cli("screen", "quill.sato.work@mailbox.example", "--format", "json");
        screen.ExitCode.ShouldBe(0, screen.Stderr);
        var best = JsonDocument.Parse(screen.Stdout).RootElement.GetProperty("results").EnumerateArray().First();
        best.GetProperty("match").GetBoolean().ShouldBeTrue(screen.Stdout);
        best.GetProperty("id").GetString()!.ShouldStartWith(Dataset);

        var dataset = await ShowAsync(Dataset);
        dataset.GetProperty("entities").GetInt64().ShouldBe(3);
        dataset.GetProperty("version").GetInt32().ShouldBe(2);
        dataset.GetProperty("parts").EnumerateArray().Select(p => (p.GetProperty("part").GetString(), p.GetProperty("file").GetString(), p.GetProperty("entities").GetInt64()))
            .ShouldBe([("emails", "emails.csv", 2L), ("phones", "phones.csv", 1L)]);
    }

    [Fact]
    public async Task Importing_the_same_bytes_again_changes_nothing()
    {
        (await Cli("lists", "import", Collection("emails.csv"))).ExitCode.ShouldBe(0);
        (await Cli("lists", "import", Collection("phones.csv"))).ExitCode.ShouldBe(0);

        var again = await Cli("lists", "import", Collection("emails.csv"), "--format", "json");

        again.ExitCode.ShouldBe(0, again.Stderr);
        JsonDocument.Parse(again.Stdout).RootElement.EnumerateArray().Single().GetProperty("status").GetString().ShouldBe("unchanged");
        var dataset = await ShowAsync(Dataset);
        dataset.GetProperty("version").GetInt32().ShouldBe(2);
        dataset.GetProperty("parts").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task A_part_is_removed_and_audited_and_an_unknown_one_is_refused()
    {
        (await Cli("lists", "import", Collection("emails.csv"), Collection("phones.csv"))).ExitCode.ShouldBe(0);

        var remove = await Cli("lists", "remove", $"{Dataset}/phones", "--by", "analyst-7", "--format", "table");

        remove.ExitCode.ShouldBe(0, remove.Stderr);
        remove.Stdout.ShouldContain("removed part phones");
        (await ShowAsync(Dataset)).GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("part").GetString()).ShouldBe(["emails"]);
        var screen = await Cli("screen", "+15550100231", "--format", "json");
        JsonDocument.Parse(screen.Stdout).RootElement.GetProperty("results").EnumerateArray()
            .Any(r => r.GetProperty("match").GetBoolean()).ShouldBeFalse("the phones part is gone");
        var audit = await Cli("audit", "show");
        audit.Stdout.ShouldContain($"analyst-7\tlists.remove\t{Dataset}/phones\tremoved part phones of {Dataset}: phones.csv");

        var unknownPart = await Cli("lists", "remove", $"{Dataset}/wallets");
        unknownPart.ExitCode.ShouldBe(2);
        unknownPart.Stderr.ShouldContain($"dataset '{Dataset}' has no part 'wallets' (its parts: emails)");
        var unknownDataset = await Cli("lists", "remove", "no_such_list");
        unknownDataset.ExitCode.ShouldBe(2);
        unknownDataset.Stderr.ShouldContain($"no dataset 'no_such_list' in the store (it holds: {Dataset})");

        (await Cli("lists", "remove", Dataset)).ExitCode.ShouldBe(0);
        (await Cli("lists", "show", "--format", "json")).Stdout.Trim().ShouldBe("[]");
    }

    [Fact]
    public async Task An_import_older_than_the_store_exits_2_naming_both_dates_unless_replace_newer()
    {
        (await Cli("lists", "import", RepoPaths.Sample("lists", "un", "consolidated.xml"))).ExitCode.ShouldBe(0);
        var sample = await File.ReadAllTextAsync(RepoPaths.Sample("lists", "un", "consolidated.xml"));
        var older = _folder.Write("consolidated.xml", sample.Replace("dateGenerated=\"2026-11-20T", "dateGenerated=\"2026-02-27T", StringComparison.Ordinal));

        var refused = await Cli("lists", "import", older, Collection("emails.csv"));

        refused.ExitCode.ShouldBe(2);
        refused.Stderr.ShouldContain("consolidated.xml: published 2026-02-27, but the store holds a newer un_sc_sanctions/list (published 2026-11-20");
        refused.Stderr.ShouldContain("--replace-newer");
        var show = await Cli("lists", "show", "--format", "json");
        JsonDocument.Parse(show.Stdout).RootElement.EnumerateArray().Select(r => r.GetProperty("dataset").GetString())
            .ShouldBe(["un_sc_sanctions"], "nothing of the refused command is written");

        var replaced = await Cli("lists", "import", older, "--replace-newer");
        replaced.ExitCode.ShouldBe(0, replaced.Stderr);
        (await ShowAsync("un_sc_sanctions")).GetProperty("published").GetString().ShouldBe("2026-02-27");
    }

    private Task<CliRun> Cli(params string[] args) => CliProcess.RunAsync(_folder.Path, [.. args, "--db", Db]);

    private async Task<JsonElement> ShowAsync(string dataset)
    {
        var show = await Cli("lists", "show", "--format", "json");
        show.ExitCode.ShouldBe(0, show.Stderr);
        return JsonDocument.Parse(show.Stdout).RootElement.EnumerateArray().Single(r => r.GetProperty("dataset").GetString() == dataset).Clone();
    }

    public void Dispose() => _folder.Dispose();
}

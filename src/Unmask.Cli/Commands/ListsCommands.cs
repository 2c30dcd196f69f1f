using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Unmask.Application.Lists;
using Unmask.Storage;
using Unmask.Watchlists;

namespace Unmask.Cli.Commands;

/// <summary><c>unmask lists import|show|update</c>.</summary>
public static class ListsCommands
{
    public static Command Build(CliConsole console)
    {
        var lists = new Command("lists", "Import and inspect sanctions and IOC lists");
        lists.Subcommands.Add(Import(console));
        lists.Subcommands.Add(Show(console));
        lists.Subcommands.Add(ListsUpdateCommand.Build(console));
        return lists;
    }

    private static Command Import(CliConsole console)
    {
        var paths = new Argument<string[]>("PATH") { Description = "List files or folders (searched recursively); the format is detected from the content", Arity = ArgumentArity.OneOrMore };
        var source = new Option<string?>("--source") { Description = "Dataset name to use instead of the one the format implies" };
        var maxBytes = new Option<long>("--max-bytes") { Description = "Refuse files larger than this many bytes", DefaultValueFactory = _ => ListInput.DefaultMaxBytes };
        var replaceNewer = new Option<bool>("--replace-newer") { Description = "Import even when the file was published before the current version" };
        var command = new Command("import", "Import list files (OFAC CSV/XML, UN, EU, UK, FollowTheMoney, STIX 2.1, IOC lists); all files commit together or not at all")
        {
            paths, source, maxBytes, replaceNewer,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var format = console.Format(parsed, "table", "json");
            await using var store = StoreLocator.Open(parsed.GetValue(GlobalOptions.Db), console.Time);
            var importer = new ListImporter(store, ListReaders.Default);
            var options = new ImportOptions(parsed.GetValue(source), parsed.GetValue(maxBytes), parsed.GetValue(replaceNewer));
            var results = await ImportWithProgress(console, importer, parsed.GetValue(paths)!, options, cancellationToken);
            foreach (var result in results)
            {
                foreach (var warning in result.Status == ImportStatus.Imported ? result.Summary.Warnings : [])
                {
                    await console.Error.WriteLineAsync($"warning: {result.File}: {warning}");
                }
                if (result.Status == ImportStatus.SkippedOlder)
                {
                    await console.Error.WriteLineAsync(
                        $"warning: {result.File}: not imported: it is older than the current {result.Summary.Dataset} ({result.Summary.Published:yyyy-MM-dd}); use --replace-newer to import it anyway");
                }
            }
            if (format == "json")
            {
                await WriteJson(console.Out, results.Select(r => Row(r.Summary, r.Status.ToString().ToLowerInvariant(), r.File)));
            }
            else
            {
                WriteTable(console, results.Select(r => (r.Summary, (string?)r.Status.ToString())));
            }
            return ExitCodes.Success;
        });
        return command;
    }

    internal static async Task<IReadOnlyList<ImportResult>> ImportWithProgress(
        CliConsole console, ListImporter importer, IReadOnlyList<string> paths, ImportOptions options, CancellationToken cancellationToken)
    {
        if (!console.ErrorIsTerminal)
        {
            var plain = new Progress<ImportProgress>(p =>
            {
                if (p.Done)
                {
                    console.Error.WriteLine($"read {p.File}: {p.Entities:N0} entities");
                }
            });
            return await importer.ImportAsync(paths, options, plain, cancellationToken);
        }
        IReadOnlyList<ImportResult> results = [];
        await console.Progress.Progress().AutoClear(false).StartAsync(async context =>
        {
            var tasks = new Dictionary<string, ProgressTask>();
            var progress = new SynchronousProgress<ImportProgress>(p =>
            {
                if (!tasks.TryGetValue(p.File, out var task))
                {
                    task = context.AddTask(Path.GetFileName(p.File), maxValue: 1);
                    task.IsIndeterminate = true;
                    tasks[p.File] = task;
                }
                task.Description = $"{Path.GetFileName(p.File)}: {p.Entities:N0} entities";
                if (p.Done)
                {
                    task.IsIndeterminate = false;
                    task.Value = 1;
                }
            });
            results = await importer.ImportAsync(paths, options, progress, cancellationToken);
        });
        return results;
    }

    private static Command Show(CliConsole console)
    {
        var command = new Command("show", "One row per dataset: name, publisher, publication date, entities, names, identifiers, imported at, file");
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var format = console.Format(parsed, "table", "json", "csv");
            await using var store = StoreLocator.Open(parsed.GetValue(GlobalOptions.Db), console.Time);
            var datasets = await store.Lists.GetDatasetsAsync(cancellationToken);
            switch (format)
            {
                case "json":
                    await WriteJson(console.Out, datasets.Select(d => Row(d, null, null)));
                    break;
                case "csv":
                    await console.Out.WriteLineAsync("dataset,publisher,published,entities,names,identifiers,imported_at,file");
                    foreach (var d in datasets)
                    {
                        await console.Out.WriteLineAsync(string.Join(',', Csv(d.Dataset), Csv(d.Publisher), d.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                            d.Entities, d.Names, d.Identifiers, d.ImportedAt.ToString("O", CultureInfo.InvariantCulture), Csv(d.File)));
                    }
                    break;
                default:
                    if (datasets.Count == 0)
                    {
                        await console.Error.WriteLineAsync("no lists imported yet: run 'unmask lists import PATH...' or 'unmask demo'");
                    }
                    WriteTable(console, datasets.Select(d => (d, (string?)null)));
                    break;
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Dictionary<string, object?> Row(DatasetSummary d, string? status, string? file)
    {
        var row = new Dictionary<string, object?>
        {
            ["dataset"] = d.Dataset,
            ["title"] = d.Title,
            ["publisher"] = d.Publisher,
            ["kind"] = d.Kind.ToString().ToLowerInvariant(),
            ["published"] = d.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["version"] = d.Version,
            ["entities"] = d.Entities,
            ["names"] = d.Names,
            ["identifiers"] = d.Identifiers,
            ["imported_at"] = d.ImportedAt.ToString("O", CultureInfo.InvariantCulture),
            ["file"] = file ?? d.File,
        };
        if (status is not null)
        {
            row["status"] = status;
        }
        if (d.Warnings.Count > 0)
        {
            row["warnings"] = d.Warnings;
        }
        return row;
    }

    private static void WriteTable(CliConsole console, IEnumerable<(DatasetSummary Summary, string? Status)> rows)
    {
        var table = new Table().AddColumns("dataset", "publisher", "published", "entities", "names", "identifiers", "imported at", "file");
        var withStatus = false;
        foreach (var (d, status) in rows)
        {
            if (status is not null && !withStatus)
            {
                table.AddColumn("status");
                withStatus = true;
            }
            var cells = new List<string>
            {
                d.Dataset, d.Publisher, d.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-",
                d.Entities.ToString("N0", CultureInfo.InvariantCulture), d.Names.ToString("N0", CultureInfo.InvariantCulture),
                d.Identifiers.ToString("N0", CultureInfo.InvariantCulture), d.ImportedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), d.File,
            };
            if (withStatus)
            {
                cells.Add(status?.ToLowerInvariant() ?? "");
            }
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }
        console.Tables.Write(table);
    }

    internal static async Task WriteJson<T>(TextWriter writer, T value)
    {
        await writer.WriteLineAsync(JsonSerializer.Serialize(value, JsonOptions));
    }

    internal static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}

/// <summary>IProgress that reports on the caller's thread (Spectre's live display is not thread-safe).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Unmask.Application.Lists;
using Unmask.Storage;
using Unmask.Watchlists;

namespace Unmask.Cli.Commands;

/// <summary><c>unmask lists import|show|remove|update</c>.</summary>
public static class ListsCommands
{
    public static Command Build(CliConsole console)
    {
        var lists = new Command("lists", "Import and inspect sanctions and IOC lists");
        lists.Subcommands.Add(Import(console));
        lists.Subcommands.Add(Show(console));
        lists.Subcommands.Add(Remove(console));
        lists.Subcommands.Add(ListsUpdateCommand.Build(console));
        return lists;
    }

    private static Command Import(CliConsole console)
    {
        var paths = new Argument<string[]>("PATH") { Description = "List files or folders (searched recursively); the format is detected from the content", Arity = ArgumentArity.OneOrMore };
        var source = new Option<string?>("--source") { Description = "Dataset name to use instead of the one the format implies" };
        var maxBytes = new Option<long>("--max-bytes") { Description = "Refuse files larger than this many bytes", DefaultValueFactory = _ => ListInput.DefaultMaxBytes };
        var replaceNewer = new Option<bool>("--replace-newer") { Description = "Import even when the file was published before its part's current version (otherwise that is refused, exit 2)" };
        var strict = new Option<bool>("--strict") { Description = "Refuse a file with any record that cannot be read as it stands (unknown schema or type, a value of the wrong type, a dangling reference): exit 2 naming the first, nothing imported. Without it such records are left out and listed" };
        var command = new Command("import", "Import list files (OFAC CSV/XML, UN, EU, UK, FollowTheMoney, STIX 2.1, IOC lists); each file replaces only its own part of its dataset; all files commit together or not at all")
        {
            paths, source, maxBytes, replaceNewer, strict,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var format = console.Format(parsed, "table", "json");
            await using var store = StoreLocator.Open(parsed.GetValue(GlobalOptions.Db), console.Time);
            var importer = new ListImporter(store, ListReaders.Default);
            var options = new ImportOptions(parsed.GetValue(source), parsed.GetValue(maxBytes), parsed.GetValue(replaceNewer), Strict: parsed.GetValue(strict));
            var results = await ImportWithProgress(console, importer, parsed.GetValue(paths)!, options, cancellationToken);
            // A file of several datasets is a part of each, with the same warnings and rejections: each is printed once.
            var printed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var result in results)
            {
                foreach (var warning in result.Status == ImportStatus.Imported ? result.Part.Warnings : [])
                {
                    if (printed.Add($"warning: {result.File}: {warning}"))
                    {
                        await console.Error.WriteLineAsync($"warning: {result.File}: {warning}");
                    }
                }
                foreach (var rejection in result.Rejections)
                {
                    if (printed.Add($"left out: {rejection}"))
                    {
                        await console.Error.WriteLineAsync($"left out: {rejection}");
                    }
                }
                if (result.Status == ImportStatus.Superseded)
                {
                    await console.Error.WriteLineAsync(
                        $"warning: {result.File}: not kept: another file of {result.Summary.Dataset}/{result.Part.Part} in this command is newer or came later");
                }
            }
            if (format == "json")
            {
                await WriteJson(console.Out, results.Select(r => ImportRow(r)));
            }
            else
            {
                WriteImportTable(console, results);
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
        var command = new Command("show", "One row per dataset (name, publisher, publication date, entities, names, identifiers, imported at, file) and one per part of a dataset of several parts");
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var format = console.Format(parsed, "table", "json", "csv");
            await using var store = StoreLocator.Open(parsed.GetValue(GlobalOptions.Db), console.Time);
            var datasets = await store.Lists.GetDatasetsAsync(cancellationToken);
            switch (format)
            {
                case "json":
                    await WriteJson(console.Out, datasets.Select(Row));
                    break;
                case "csv":
                    await console.Out.WriteLineAsync("dataset,publisher,published,entities,names,identifiers,imported_at,file,parts");
                    foreach (var d in datasets)
                    {
                        await console.Out.WriteLineAsync(string.Join(',', Csv(d.Dataset), Csv(d.Publisher), Day(d.Published),
                            d.Entities, d.Names, d.Identifiers, d.ImportedAt.ToString("O", CultureInfo.InvariantCulture), Csv(d.File),
                            Csv(string.Join(';', d.Parts.Select(p => p.Part)))));
                    }
                    break;
                default:
                    if (datasets.Count == 0)
                    {
                        await console.Error.WriteLineAsync("no lists imported yet: run 'unmask lists import PATH...' (the demo keeps its sample lists in a store of its own)");
                    }
                    WriteShowTable(console, datasets);
                    break;
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Remove(CliConsole console)
    {
        var target = new Argument<string>("DATASET[/PART]") { Description = "A dataset, or one of its parts, as 'lists show' names them (e.g. ioc_tayvano_dprk_it_workers/phones)" };
        var by = new Option<string?>("--by") { Description = "Who is acting, for the audit log (default: $USER)" };
        var command = new Command("remove", "Remove a dataset or one of its parts from the store (recorded in the audit log)") { target, by };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var format = console.Format(parsed, "table", "json");
            await using var store = StoreLocator.Open(parsed.GetValue(GlobalOptions.Db), console.Time);
            var actor = parsed.GetValue(by) ?? Environment.GetEnvironmentVariable("USER") ?? Environment.UserName;
            var removed = await new ListRemoval(store).RemoveAsync(parsed.GetValue(target)!, actor, cancellationToken);
            var parts = removed.Part is null ? removed.Dataset.Parts : [removed.Part];
            if (format == "json")
            {
                await WriteJson(console.Out, new Dictionary<string, object?>
                {
                    ["removed"] = parsed.GetValue(target),
                    ["dataset"] = removed.Dataset.Dataset,
                    ["parts"] = parts.Select(PartRow).ToList(),
                });
            }
            else
            {
                await console.Out.WriteLineAsync(removed.Part is null
                    ? $"removed dataset {removed.Dataset.Dataset} ({removed.Dataset.Entities:N0} entities; parts: {string.Join(", ", parts.Select(p => p.Part))})"
                    : $"removed part {removed.Part.Part} of {removed.Dataset.Dataset} ({removed.Part.File}, {removed.Part.Entities:N0} entities)");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>A dataset as the contract's JSON row, with its parts.</summary>
    private static Dictionary<string, object?> Row(DatasetSummary d)
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
            ["file"] = d.File,
        };
        if (d.Warnings.Count > 0)
        {
            row["warnings"] = d.Warnings;
        }
        row["parts"] = d.Parts.Select(PartRow).ToList();
        return row;
    }

    private static Dictionary<string, object?> PartRow(PartSummary p)
    {
        var row = new Dictionary<string, object?>
        {
            ["part"] = p.Part,
            ["file"] = p.File,
            ["published"] = p.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["entities"] = p.Entities,
            ["names"] = p.Names,
            ["identifiers"] = p.Identifiers,
            ["imported_at"] = p.ImportedAt.ToString("O", CultureInfo.InvariantCulture),
        };
        if (p.Warnings.Count > 0)
        {
            row["warnings"] = p.Warnings;
        }
        return row;
    }

    /// <summary>One file of an import: the dataset after the command, with the file, its part and what happened to it.</summary>
    private static Dictionary<string, object?> ImportRow(ImportResult r)
    {
        var row = Row(r.Summary);
        row["file"] = r.File;
        row["part"] = r.Part.Part;
        row["status"] = r.Status.ToString().ToLowerInvariant();
        if (r.Rejections.Count > 0)
        {
            row["rejections"] = r.Rejections;
        }
        return row;
    }

    private static readonly string[] Columns = ["dataset", "part", "publisher", "published", "entities", "names", "identifiers", "imported at", "file"];

    private static string[] Cells(string dataset, string part, string publisher, DateOnly? published, long entities, long names, long identifiers, DateTimeOffset importedAt, string file) =>
    [
        dataset, part, publisher, Day(published, "-"), entities.ToString("N0", CultureInfo.InvariantCulture), names.ToString("N0", CultureInfo.InvariantCulture),
        identifiers.ToString("N0", CultureInfo.InvariantCulture), importedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), file,
    ];

    private static string[] Cells(string dataset, PartSummary p, string publisher) =>
        Cells(dataset, p.Part, publisher, p.Published, p.Entities, p.Names, p.Identifiers, p.ImportedAt, p.File);

    /// <summary>A dataset of one part is one row; a dataset of several parts is a row of totals followed by a row per part.</summary>
    private static void WriteShowTable(CliConsole console, IReadOnlyList<DatasetSummary> datasets)
    {
        var table = new Table().AddColumns(Columns);
        foreach (var d in datasets)
        {
            if (d.Parts.Count == 1)
            {
                table.AddRow(Escaped(Cells(d.Dataset, d.Parts[0], d.Publisher)));
                continue;
            }
            table.AddRow(Escaped(Cells(d.Dataset, $"{d.Parts.Count} parts", d.Publisher, d.Published, d.Entities, d.Names, d.Identifiers, d.ImportedAt, "")));
            foreach (var p in d.Parts)
            {
                table.AddRow(Escaped(Cells("", p, "")));
            }
        }
        console.Tables.Write(table);
    }

    /// <summary>One row per file: the part it made (or would have made) and what happened to it.</summary>
    private static void WriteImportTable(CliConsole console, IReadOnlyList<ImportResult> results)
    {
        var table = new Table().AddColumns(Columns.Append("status").ToArray());
        foreach (var r in results)
        {
            table.AddRow(Escaped([.. Cells(r.Summary.Dataset, r.Part, r.Summary.Publisher), r.Status.ToString().ToLowerInvariant()]));
        }
        console.Tables.Write(table);
    }

    private static string[] Escaped(string[] cells) => [.. cells.Select(Markup.Escape)];

    private static string Day(DateOnly? date, string none = "") => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? none;

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

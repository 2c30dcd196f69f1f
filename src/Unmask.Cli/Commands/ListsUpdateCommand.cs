using System.CommandLine;
using System.Text.Json;
using Unmask.Application.Lists;
using Unmask.Domain;
using Unmask.Watchlists;

namespace Unmask.Cli.Commands;

/// <summary><c>unmask lists update</c>: download the official files, check they parse, import them (needs the network).</summary>
public static class ListsUpdateCommand
{
    public static Command Build(CliConsole console)
    {
        var only = new Option<string[]>("--only") { Description = "Update only these lists (e.g. us_ofac_sdn un_sc_sanctions)", AllowMultipleArgumentsPerToken = true };
        var sources = new Option<string?>("--sources") { Description = "JSON file of sources to use instead of the built-in official addresses: [{\"name\": ..., \"files\": [{\"url\": ..., \"file\": ...}]}]; names and files are plain names (no folders)" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds allowed per file", DefaultValueFactory = _ => 120 };
        var maxBytes = new Option<long>("--max-bytes") { Description = "Largest file accepted", DefaultValueFactory = _ => ListInput.DefaultMaxBytes };
        var command = new Command("update", "Download the official published list files over HTTPS and import them (public addresses only, every redirect checked)")
        {
            only, sources, timeout, maxBytes, NetworkOptions.AllowPrivate,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var format = console.Format(parsed, "table", "json");
            var chosen = parsed.GetValue(sources) is { } file ? ListDownloader.ReadSources(file) : ListDownloader.Official;
            var wanted = parsed.GetValue(only) ?? [];
            if (wanted.Length > 0)
            {
                var unknown = wanted.Except(chosen.Select(s => s.Name), StringComparer.Ordinal).ToList();
                if (unknown.Count > 0)
                {
                    throw new InputException("--only", null, $"unknown list(s) {string.Join(", ", unknown)}; known: {string.Join(", ", chosen.Select(s => s.Name))}");
                }
                chosen = [.. chosen.Where(s => wanted.Contains(s.Name, StringComparer.Ordinal))];
            }
            var allowPrivate = await NetworkOptions.AllowsPrivateAsync(parsed, console);
            // A new folder only we can read (mode 700), so a download cannot replace anything that exists.
            var folder = Directory.CreateTempSubdirectory("unmask-update-").FullName;
            try
            {
                using var downloader = new ListDownloader(allowPrivate);
                var options = new DownloadOptions(TimeSpan.FromSeconds(parsed.GetValue(timeout)), parsed.GetValue(maxBytes));
                var primaries = new List<string>();
                foreach (var source in chosen)
                {
                    await console.Error.WriteLineAsync($"downloading {source.Name} ({source.Files.Count} file(s))");
                    primaries.Add(await downloader.DownloadAsync(source, folder, options, cancellationToken));
                }
                await using var store = StoreLocator.Open(parsed.GetValue(GlobalOptions.Db), console.Time);
                var importer = new ListImporter(store, ListReaders.Default);
                var results = await ListsCommands.ImportWithProgress(console, importer, primaries, new ImportOptions(MaxBytes: options.MaxBytes), cancellationToken);
                if (format == "json")
                {
                    await ListsCommands.WriteJson(console.Out, results.Select(r => new { dataset = r.Summary.Dataset, status = r.Status.ToString().ToLowerInvariant(), entities = r.Summary.Entities, published = r.Summary.Published }));
                }
                else
                {
                    foreach (var r in results)
                    {
                        await console.Out.WriteLineAsync($"{r.Summary.Dataset}: {r.Status.ToString().ToLowerInvariant()}, {r.Summary.Entities:N0} entities");
                    }
                }
                return ExitCodes.Success;
            }
            finally
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        });
        return command;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using Unmask.Application.Cases;
using Unmask.Application.Demo;
using Unmask.Application.Export;
using Unmask.Application.Lists;
using Unmask.Storage.Sqlite;
using Unmask.TestKit;
using Unmask.TestKit.Specifications;
using Unmask.Watchlists;

namespace Unmask.Benchmarks;

/// <summary>The issue 14 figures on a store holding the real OFAC, UN and IOC lists plus the demo's sites, vetting and a
/// decided case: size and time of each export, schema and range errors against the OASIS STIX schemas and the FtM schema,
/// the round trip export → import into a fresh store → export (facet counts before and after), and whether a re-export
/// of the unchanged store gives the same bytes.</summary>
public static class ExportsBench
{
    public static async Task<string> RunAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "unmask-bench-exports-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var report = new StringBuilder();
        try
        {
            var time = TimeProvider.System;
            var watch = Stopwatch.StartNew();
            await using (var store = SqliteStore.Open(Path.Combine(folder, "real.db"), time))
            {
                await new DemoRunner(store, ListReaders.Default, time).RunAsync(RepoPaths.Sample(), Path.Combine(folder, "demo.html"), null, CancellationToken.None);
                await new ListImporter(store, ListReaders.Default).ImportAsync(
                    [SharedData.Path("sanctions/us_ofac"), SharedData.Path("sanctions/un"), SharedData.Path("ioc")], new ImportOptions(ReplaceNewer: true));
                var cases = new CaseService(store, time);
                var opened = await cases.OpenAsync("vendor:V-2", "bench", CancellationToken.None);
                await cases.DecideAsync(opened.Id, "escalated", "shares a phone with a copied front site", "bench", null, CancellationToken.None);
            }
            report.AppendLine(CultureInfo.InvariantCulture, $"store built (demo + real OFAC, UN, IOC lists + case) in {watch.Elapsed.TotalSeconds:F1} s");
            var ftmModel = FtmModel.Load(SharedData.Path("followthemoney/schema"));
            foreach (var format in new[] { ExportFormat.Stix, ExportFormat.Ftm })
            {
                var name = format.ToString().ToLowerInvariant();
                var first = Path.Combine(folder, $"first.{name}.json");
                var (summary, seconds) = await ExportAsync(Path.Combine(folder, "real.db"), format, first);
                using (var stream = File.OpenRead(first))
                {
                    var validation = format == ExportFormat.Stix
                        ? StixSchemaValidator.FromSharedData().ValidateBundle(stream)
                        : new FtmSchemaValidator(ftmModel).ValidateLines(stream);
                    report.AppendLine(CultureInfo.InvariantCulture,
                        $"{name}: {new FileInfo(first).Length / 1e6:F1} MB in {seconds:F1} s ({summary.Nodes:N0} nodes, {summary.Entities:N0} list entities); {validation.Summary().Split('\n')[0]}");
                }
                var second = Path.Combine(folder, $"second.{name}.json");
                await ExportAsync(Path.Combine(folder, "real.db"), format, second);
                var identical = File.ReadAllBytes(first).AsSpan().SequenceEqual(File.ReadAllBytes(second));
                report.AppendLine(CultureInfo.InvariantCulture, $"{name}: re-export of the unchanged store {(identical ? "byte-identical" : "DIFFERS")}");

                var fresh = Path.Combine(folder, $"round-trip-{name}.db");
                await using (var store = SqliteStore.Open(fresh, time))
                {
                    await new ListImporter(store, ListReaders.Default).ImportAsync([first], new ImportOptions(MaxBytes: long.MaxValue, ReplaceNewer: true));
                }
                var again = Path.Combine(folder, $"again.{name}.json");
                await ExportAsync(fresh, format, again);
                var (same, facets) = ExportFacets.Compare(Facets(format, first, ftmModel), Facets(format, again, ftmModel));
                report.AppendLine(CultureInfo.InvariantCulture, $"{name} round trip ({(same ? "same" : "DIFFERENT")}): {facets.Split('\n')[0]}");
            }
            return report.ToString().TrimEnd();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static ExportFacets Facets(ExportFormat format, string path, FtmModel model) =>
        format == ExportFormat.Stix ? ExportFacets.OfStixBundle(path, listObjectsOnly: true) : ExportFacets.OfFtmLines(path, model);

    private static async Task<(ExportSummary Summary, double Seconds)> ExportAsync(string db, ExportFormat format, string path)
    {
        await using var store = SqliteStore.Open(db, TimeProvider.System);
        var watch = Stopwatch.StartNew();
        var summary = await new ExportService(store, TimeProvider.System).ExportAsync(format, null, path, "bench", CancellationToken.None);
        return (summary, watch.Elapsed.TotalSeconds);
    }
}

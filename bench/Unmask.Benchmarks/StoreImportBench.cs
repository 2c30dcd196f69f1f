using System.Diagnostics;
using Unmask.Application.Lists;
using Unmask.Storage;
using Unmask.TestKit;
using Unmask.TestKit.Databases;
using Unmask.Watchlists;

namespace Unmask.Benchmarks;

/// <summary>The full list import (OFAC SDN CSV set, UN, UK OFSI, the IOC lists) into a fresh SQLite store and a fresh
/// PostgreSQL store ($UNMASK_PG), alternating, several rounds; reports the median time of each and their ratio (target:
/// PostgreSQL within 1.5 times SQLite), and checks both hold the same lists.</summary>
public static class StoreImportBench
{
    private static readonly string[] Lists =
    [
        SharedData.Path("sanctions/us_ofac/sdn.csv"),
        SharedData.Path("sanctions/un/consolidated.xml"),
        SharedData.Path("sanctions/uk/ofsi_2025-04-14"),
        SharedData.Path("ioc"),
    ];

    public static async Task<string> RunAsync(int rounds)
    {
        var times = new Dictionary<string, List<double>> { ["sqlite"] = [], ["postgres"] = [] };
        var lists = new Dictionary<string, string>();
        long entities = 0;
        for (var round = 0; round < rounds; round++)
        {
            foreach (var backend in new StoreBackend[] { new SqliteBackend(), new PostgresBackend() })
            {
                await using (backend)
                {
                    await backend.InitializeAsync();
                    await using var store = await backend.NewStoreAsync();
                    var watch = Stopwatch.StartNew();
                    var results = await new ListImporter(store, ListReaders.Default).ImportAsync(Lists, new ImportOptions(ReplaceNewer: true));
                    watch.Stop();
                    times[backend.Name].Add(watch.Elapsed.TotalSeconds);
                    entities = results.Sum(r => r.Part.Entities);
                    lists[backend.Name] = Describe(await store.Lists.GetDatasetsAsync());
                }
            }
        }
        var sqlite = Median(times["sqlite"]);
        var postgres = Median(times["postgres"]);
        return $"{Lists.Length} paths, {entities:N0} entities, {rounds} rounds; median import: SQLite {sqlite:F2} s, PostgreSQL {postgres:F2} s, "
               + $"PostgreSQL/SQLite {postgres / sqlite:F2}x (target <= 1.5x); rounds SQLite [{Join(times["sqlite"])}] PostgreSQL [{Join(times["postgres"])}]; "
               + $"same lists on both: {(lists["sqlite"] == lists["postgres"] ? "yes" : "NO")}";
    }

    /// <summary>What <c>lists show</c> tells of the lists, without import times.</summary>
    private static string Describe(IReadOnlyList<DatasetSummary> datasets) =>
        string.Join("; ", datasets.Select(d => $"{d.Dataset} v{d.Version} {d.Published} {d.Entities}/{d.Names}/{d.Identifiers} "
                                               + string.Join(",", d.Parts.Select(p => $"{p.Part}:{p.File}:{p.Entities}:{p.ContentHash}"))));

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string Join(List<double> values) => string.Join(", ", values.Select(v => v.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)));
}

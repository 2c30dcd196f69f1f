using System.Diagnostics;
using Unmask.Application.Lists;
using Unmask.Storage.Sqlite;
using Unmask.TestKit;
using Unmask.Watchlists;

namespace Unmask.Benchmarks;

/// <summary>Import time and throughput for the largest OFAC file and for every published list and IOC file together.</summary>
public static class ListImportBench
{
    public static Task<string> LargestOfacAsync() =>
        RunAsync([SharedData.Path("sanctions/us_ofac/sdn.csv")]);

    public static Task<string> AllListsAsync() =>
        RunAsync([SharedData.Path("sanctions"), SharedData.Path("ioc")]);

    /// <summary>Parsing alone (no store), to separate reader cost from store cost.</summary>
    public static async Task<string> ReadOnlyAsync()
    {
        var input = ListInput.FromFile(SharedData.Path("sanctions/us_ofac/sdn.csv"));
        var watch = Stopwatch.StartNew();
        long count = 0;
        await foreach (var entity in new Unmask.Watchlists.Ofac.OfacSdnCsvReader().ReadAsync(input, new ReadContext()))
        {
            count += entity.Properties.Count;
        }
        return $"read sdn.csv with companions: {watch.Elapsed.TotalSeconds:F2} s ({count:N0} property lists)";
    }

    private static async Task<string> RunAsync(string[] paths)
    {
        var folder = Path.Combine(Path.GetTempPath(), "unmask-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            await using var store = SqliteStore.Open(Path.Combine(folder, "bench.db"), TimeProvider.System);
            var importer = new ListImporter(store, ListReaders.Default);
            var watch = Stopwatch.StartNew();
            var results = await importer.ImportAsync(paths, new ImportOptions(ReplaceNewer: true));
            watch.Stop();
            var datasets = await store.Lists.GetDatasetsAsync();
            var entities = results.Sum(r => r.Summary.Entities);
            return $"files {results.Count}, datasets now {datasets.Count}, entities read {entities:N0}, import {watch.Elapsed.TotalSeconds:F2} s "
                   + $"({entities / watch.Elapsed.TotalSeconds:N0} entities/s)";
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}

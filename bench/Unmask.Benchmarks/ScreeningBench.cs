using System.Diagnostics;
using Unmask.Application.Lists;
using Unmask.Application.Screening;
using Unmask.Domain;
using Unmask.Screening;
using Unmask.Screening.Evaluation;
using Unmask.Storage.Sqlite;
using Unmask.TestKit;
using Unmask.Watchlists;

namespace Unmask.Benchmarks;

/// <summary>Screening quality on the public name-pair benchmarks, and speed against every imported list, side by side with a
/// plain fuzzy-string baseline (token-set ratio over every name, as FuzzySharp's TokenSetRatio computes it).</summary>
public static class ScreeningBench
{
    public static string NameBenchmarks()
    {
        var lines = new List<string>();
        foreach (var file in new[] { "name-matching/nomenklatura/name_bench_cases.csv", "name-matching/watchman/cross_script_pairs.csv" })
        {
            var report = NameBench.EvaluatePairs(SharedData.Path(file));
            lines.Add($"{file}: {report}");
        }
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>Imports every list under ../shared/data/sanctions and ../shared/data/ioc into a temporary SQLite store, runs
    /// <paramref name="body"/> on it, and deletes the store.</summary>
    internal static async Task<T> WithAllListsAsync<T>(Func<SqliteStore, Task<T>> body)
    {
        var folder = Path.Combine(Path.GetTempPath(), "unmask-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            await using var store = SqliteStore.Open(Path.Combine(folder, "bench.db"), TimeProvider.System);
            await new ListImporter(store, ListReaders.Default).ImportAsync([SharedData.Path("sanctions"), SharedData.Path("ioc")], new ImportOptions(ReplaceNewer: true));
            return await body(store);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    public static Task<string> ThroughputAsync(int rows, int seed) => WithAllListsAsync(async store =>
    {
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var service = await ScreeningService.LoadAsync(store);
        var indexBytes = GC.GetTotalMemory(forceFullCollection: true) - before;
        var names = new List<string>();
        await foreach (var entity in store.Lists.GetEntitiesAsync())
        {
            if (entity.Schema.Matchable && entity.Schema.IsA("LegalEntity"))
            {
                names.AddRange(entity.AllNames().Take(2));
            }
        }

        var random = new Random(seed);
        var generated = Enumerable.Range(0, rows).Select(i => Generate(random, names, i)).ToList();
        var options = new ScreeningOptions();

        var latencies = new List<double>();
        foreach (var row in generated.Take(2000))
        {
            var watch = Stopwatch.StartNew();
            service.Screen(row.Query!, options);
            latencies.Add(watch.Elapsed.TotalMilliseconds);
        }
        latencies.Sort();

        var batchWatch = Stopwatch.StartNew();
        long matches = 0;
        await foreach (var answer in service.ScreenBatchAsync(generated, options))
        {
            if (answer.Response!.Results.Any(r => r.Match))
            {
                matches++;
            }
        }
        batchWatch.Stop();

        var baseline = Baseline(names, generated.Take(200).Select(r => r.Name).ToList());
        var rate = rows / batchWatch.Elapsed.TotalSeconds;
        return string.Join(Environment.NewLine,
            $"index: {service.EntityCount:N0} entities built in {service.BuildTime.TotalSeconds:F2} s (incl. loading from SQLite), ~{indexBytes / (1024 * 1024):N0} MiB managed",
            $"single query (one thread, 2,000 queries): p50 {latencies[latencies.Count / 2]:F3} ms, p99 {latencies[(int)(latencies.Count * 0.99)]:F3} ms",
            $"batch: {rows:N0} generated rows (~1% list names, mixed scripts) in {batchWatch.Elapsed.TotalSeconds:F1} s = {rate:N0} rows/s on {Environment.ProcessorCount} cores; {matches:N0} rows with a match",
            $"baseline (token-set ratio scanning all {names.Count:N0} names, one thread): {baseline:N1} rows/s -> unmask is {rate / baseline:N0}x faster");
    });

    internal static readonly string[] Given = ["James", "Maria", "Wei", "Min-jun", "Olga", "Ahmed", "Priya", "Juan", "Yuki", "Chinedu", "Anna", "Thanh"];
    internal static readonly string[] Family = ["Smith", "Garcia", "Wang", "Kim", "Ivanova", "Hassan", "Sharma", "Lopez", "Sato", "Okafor", "Novak", "Nguyen"];
    private static readonly string[] Other = ["김민준", "王伟", "Иван Петров", "محمد علي", "田中 太郎", "Global Trade LLC", "Sunrise Software Co., Ltd.", "Nordic Freight AB"];

    private static BatchRow Generate(Random random, List<string> listNames, int i)
    {
        var name = random.NextDouble() switch
        {
            < 0.01 => listNames[random.Next(listNames.Count)],
            < 0.10 => Other[random.Next(Other.Length)],
            _ => $"{Given[random.Next(Given.Length)]} {Family[random.Next(Family.Length)]}",
        };
        var (query, error) = ScreeningQueries.Build($"r{i}", name, null, null, null, null);
        return new BatchRow(i + 1, $"r{i}", name, query, error);
    }

    /// <summary>The plain approach: normalise, then the best token-set ratio against every list name.</summary>
    private static double Baseline(List<string> names, List<string> queries)
    {
        var prepared = names.Select(Tokens).ToList();
        var watch = Stopwatch.StartNew();
        foreach (var query in queries)
        {
            var q = Tokens(query);
            var best = 0.0;
            foreach (var candidate in prepared)
            {
                best = Math.Max(best, TokenSetRatio(q, candidate));
            }
        }
        return queries.Count / watch.Elapsed.TotalSeconds;
    }

    private static SortedSet<string> Tokens(string name) =>
        new(name.ToLowerInvariant().Split([' ', ',', '.', '-'], StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

    private static double TokenSetRatio(SortedSet<string> a, SortedSet<string> b)
    {
        var common = string.Join(' ', a.Intersect(b));
        var onlyA = (common + " " + string.Join(' ', a.Except(b))).Trim();
        var onlyB = (common + " " + string.Join(' ', b.Except(a))).Trim();
        return Math.Max(Ratio(common, onlyA), Math.Max(Ratio(common, onlyB), Ratio(onlyA, onlyB)));
    }

    private static double Ratio(string a, string b)
    {
        if (a.Length + b.Length == 0)
        {
            return 1;
        }
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 2));
            }
            (previous, current) = (current, previous);
        }
        return 1.0 - ((double)previous[b.Length] / (a.Length + b.Length));
    }
}

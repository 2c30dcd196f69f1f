using System.Diagnostics;
using Unmask.Application.Lists;
using Unmask.Application.Screening;
using Unmask.Domain;
using Unmask.Evaluation.Screening;
using Unmask.Screening;
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

        // CSV output carries the best result per row (the CLI screens with limit 1); JSON lines the best five
        var (csvTime, matches) = await Batch(service, generated, options with { Limit = 1 });
        var (jsonlTime, _) = await Batch(service, generated, options);
        var warm = new List<double>();
        foreach (var row in generated.Skip(2000).Take(2000))
        {
            var watch = Stopwatch.StartNew();
            service.Screen(row.Query!, options);
            warm.Add(watch.Elapsed.TotalMilliseconds);
        }
        warm.Sort();

        var baseline = Baseline(names, generated.Take(200).Select(r => r.Name).ToList());
        var rate = rows / csvTime.TotalSeconds;
        return string.Join(Environment.NewLine,
            $"index: {service.EntityCount:N0} entities read, {service.Screener.Index.EntityCount:N0} screenable indexed, in {service.BuildTime.TotalSeconds:F2} s (incl. loading from SQLite), ~{indexBytes / (1024 * 1024):N0} MiB managed",
            $"single query (one thread, first 2,000 queries after start): p50 {latencies[latencies.Count / 2]:F3} ms, p99 {latencies[(int)(latencies.Count * 0.99)]:F3} ms",
            $"single query (one thread, 2,000 queries after the batch): p50 {warm[warm.Count / 2]:F3} ms, p99 {warm[(int)(warm.Count * 0.99)]:F3} ms",
            $"batch, best result per row (csv): {rows:N0} generated rows (~1% list names, 9% other scripts, 30% with an invented surname) in {csvTime.TotalSeconds:F1} s = {rate:N0} rows/s on {Environment.ProcessorCount} cores; {matches:N0} rows with a match",
            $"batch, best 5 results per row (jsonl): {rows / jsonlTime.TotalSeconds:N0} rows/s",
            $"baseline (token-set ratio scanning all {names.Count:N0} names, one thread): {baseline:N1} rows/s -> unmask is {rate / baseline:N0}x faster");
    });

    private static async Task<(TimeSpan Time, long Matches)> Batch(ScreeningService service, List<BatchRow> rows, ScreeningOptions options)
    {
        var watch = Stopwatch.StartNew();
        long matches = 0;
        await foreach (var answer in service.ScreenBatchAsync(rows, options))
        {
            if (answer.Response!.Results.Any(r => r.Match))
            {
                matches++;
            }
        }
        return (watch.Elapsed, matches);
    }

    internal static readonly string[] Given =
    [
        "James", "Maria", "Wei", "Min-jun", "Olga", "Ahmed", "Priya", "Juan", "Yuki", "Chinedu", "Anna", "Thanh", "Sofia", "Liam",
        "Fatima", "Ivan", "Mei", "Seo-yeon", "Ji-ho", "Carlos", "Aisha", "Dmitri", "Hiroshi", "Emma", "Lucas", "Noah", "Chloe",
        "Rahul", "Ananya", "Kwame", "Amara", "Jose", "Elena", "Mateo", "Hana", "Omar", "Layla", "Tomasz", "Katarzyna", "Arjun",
        "Xiu Ying", "Jun", "Hyun-woo", "Do-yoon", "Bilal", "Nadia", "Pedro", "Lucia", "Oleksandr", "Iryna",
    ];

    internal static readonly string[] Family =
    [
        "Smith", "Garcia", "Wang", "Kim", "Ivanova", "Hassan", "Sharma", "Lopez", "Sato", "Okafor", "Novak", "Nguyen", "Johnson",
        "Martinez", "Li", "Zhang", "Lee", "Park", "Choi", "Petrov", "Khan", "Patel", "Rodriguez", "Tanaka", "Mensah", "Kowalski",
        "Silva", "Santos", "Ali", "Chen", "Liu", "Jung", "Kang", "Yamamoto", "Mueller", "Rossi", "Dubois", "Hernandez", "Singh",
        "Ahmed", "Tran", "Pham", "Shevchenko", "Bondarenko", "Adeyemi", "Osei", "Haddad", "Yilmaz", "Demir", "Cohen",
    ];

    private static readonly string[] Other =
    [
        "Иван Петров", "Ольга Смирнова", "محمد علي", "فاطمة حسن", "田中 太郎", "Global Trade LLC", "Sunrise Software Co., Ltd.",
        "Nordic Freight AB", "Blue Harbor Consulting Inc.", "Apex Digital Solutions GmbH",
    ];

    private const string Consonants = "bcdfghjklmnprstvwz";
    private const string Vowels = "aeiou";

    /// <summary>An invented surname of two or three syllables: as an HR batch does, many rows carry a word the lists and the
    /// earlier rows never saw.</summary>
    private static string InventedWord(Random random)
    {
        var syllables = random.Next(2, 4);
        var chars = new char[syllables * 2];
        for (var i = 0; i < syllables; i++)
        {
            chars[2 * i] = Consonants[random.Next(Consonants.Length)];
            chars[(2 * i) + 1] = Vowels[random.Next(Vowels.Length)];
        }
        chars[0] = char.ToUpperInvariant(chars[0]);
        return new string(chars);
    }

    /// <summary>A Korean or Chinese name written in its own script, made of random common syllables or characters.</summary>
    private static string EastAsian(Random random)
    {
        const string hangulSurnames = "김이박최정강조윤장임한오서신권황안송류홍";
        const string hangulGiven = "민준서연지호하은도윤성현우진영수정철혁광명순희";
        const string hanzi = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗伟芳娜敏静丽强磊军洋勇艳杰涛明超秀英华";
        return random.Next(2) == 0
            ? $"{hangulSurnames[random.Next(hangulSurnames.Length)]}{hangulGiven[random.Next(hangulGiven.Length)]}{hangulGiven[random.Next(hangulGiven.Length)]}"
            : $"{hanzi[random.Next(20)]}{hanzi[random.Next(hanzi.Length)]}{(random.Next(2) == 0 ? hanzi[random.Next(hanzi.Length)].ToString() : "")}";
    }

    private static BatchRow Generate(Random random, List<string> listNames, int i)
    {
        var name = random.NextDouble() switch
        {
            < 0.01 => listNames[random.Next(listNames.Count)],
            < 0.06 => EastAsian(random),
            < 0.10 => Other[random.Next(Other.Length)],
            < 0.40 => $"{Given[random.Next(Given.Length)]} {InventedWord(random)}",
            _ => $"{Given[random.Next(Given.Length)]} {Family[random.Next(Family.Length)]}",
        };
        var (query, error) = ScreeningQueries.Build($"r{i}", name, null, null, null, null);
        return new BatchRow(i + 1, $"r{i}", name, query, error?.Reason);
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

using System.Globalization;
using System.Text.Json;
using Unmask.TestKit;
using Unmask.TestKit.Specifications;

namespace Unmask.EndToEnd.Tests;

/// <summary>The issue 14 targets, checked on any store: exports meet the specifications, survive a round trip through
/// <c>lists import</c>, bring back no applicant, vendor or reference site as a list hit, and repeat byte for byte.</summary>
public static class ExportTargets
{
    private static readonly Lazy<StixSchemaValidator> Stix = new(StixSchemaValidator.FromSharedData);
    private static readonly Lazy<FtmSchemaValidator> Ftm = new(FtmSchemaValidator.FromSharedData);

    /// <summary>Bundles this size and bigger are refused by <c>lists import</c> unless told (the real store's bundle is ~100 MB).</summary>
    private const string MaxBytes = "1000000000";

    public static async Task<string> ExportAsync(string folder, string db, string format, string file, string? caseId = null)
    {
        var path = Path.Combine(folder, file);
        string[] args = caseId is null
            ? ["export", "--format", format, "--output", path, "--db", db]
            : ["export", "--format", format, "--case", caseId, "--output", path, "--db", db];
        var run = await CliProcess.RunAsync(folder, args);
        run.ExitCode.ShouldBe(0, run.Stderr);
        return path;
    }

    public static SpecificationReport ValidateStix(string path, int? perType = null)
    {
        if (perType is not { } most)
        {
            using var stream = File.OpenRead(path);
            return Stix.Value.ValidateBundle(stream);
        }
        return Stix.Value.ValidateBundle(new MemoryStream(Sample(path, most)));
    }

    /// <summary>The bundle with at most <paramref name="perType"/> objects of each type (the first ones) plus every object
    /// they refer to, so each type is validated and every reference still resolves: the 190,000 objects of the real
    /// store take minutes to validate (the bench does), a sample of every type seconds.</summary>
    private static byte[] Sample(string path, int perType)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var objects = document.RootElement.GetProperty("objects").EnumerateArray().ToList();
        var byId = objects.ToDictionary(o => o.GetProperty("id").GetString()!, StringComparer.Ordinal);
        var kept = new HashSet<string>(StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        void Keep(JsonElement item)
        {
            if (!kept.Add(item.GetProperty("id").GetString()!))
            {
                return;
            }
            foreach (var property in item.EnumerateObject())
            {
                var references = property.Name.EndsWith("_ref", StringComparison.Ordinal) && property.Value.ValueKind == JsonValueKind.String ? [property.Value]
                    : property.Name.EndsWith("_refs", StringComparison.Ordinal) && property.Value.ValueKind == JsonValueKind.Array ? property.Value.EnumerateArray().ToList()
                    : [];
                foreach (var reference in references)
                {
                    if (byId.TryGetValue(reference.GetString() ?? "", out var target))
                    {
                        Keep(target);
                    }
                }
            }
        }
        foreach (var item in objects)
        {
            var type = item.GetProperty("type").GetString()!;
            counts[type] = counts.GetValueOrDefault(type) + 1;
            if (counts[type] <= perType)
            {
                Keep(item);
            }
        }
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in document.RootElement.EnumerateObject().Where(p => p.Name != "objects"))
            {
                property.WriteTo(writer);
            }
            writer.WriteStartArray("objects");
            foreach (var item in objects.Where(o => kept.Contains(o.GetProperty("id").GetString()!)))
            {
                item.WriteTo(writer);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public static SpecificationReport ValidateFtm(string path)
    {
        using var stream = File.OpenRead(path);
        return Ftm.Value.ValidateLines(stream);
    }

    /// <summary>Exports the store (or a case) in <paramref name="format"/> (stix or ftm) and checks it against the
    /// specification: no schema errors, no range errors. The counts go to the test output. A STIX bundle is checked whole,
    /// or with <paramref name="stixPerType"/> a sample of every object type.</summary>
    public static async Task ShouldMeetTheSpecificationAsync(string folder, string db, string format, string? caseId, ITestOutputHelper output, int? stixPerType = null)
    {
        var path = await ExportAsync(folder, db, format, $"{caseId ?? "graph"}.valid.{format}.json", caseId);
        var report = format == "stix" ? ValidateStix(path, stixPerType) : ValidateFtm(path);
        output.WriteLine($"{format} {caseId ?? "graph"}: {report.Summary()}");
        report.Errors.ShouldBeEmpty(report.Summary());
        report.RangeErrors.ShouldBeEmpty(report.Summary());
    }

    /// <summary>Export → <c>lists import</c> into a fresh store → export again: the facets must be equal (counts before
    /// and after go to the test output).</summary>
    public static async Task ShouldKeepEverythingThroughARoundTripAsync(ExportStore store, string format, ITestOutputHelper output)
    {
        var trip = await store.RoundTripAsync(format);
        var again = await ExportAsync(store.Folder.Path, trip.Store, format, $"after.{format}.json");
        Func<string, ExportFacets> facets = format == "stix"
            ? path => ExportFacets.OfStixBundle(path, listObjectsOnly: true)
            : path => ExportFacets.OfFtmLines(path, Ftm.Value.Model);
        var (same, report) = ExportFacets.Compare(facets(trip.Exported), facets(again));
        output.WriteLine($"{format} round trip of {Path.GetFileName(store.Db)}: {report}");
        same.ShouldBeTrue(report);
    }

    /// <summary>After a round trip, no demo name (applicant, contractor, vendor, company, reference firm) may become a
    /// list hit it was not before.</summary>
    public static async Task ShouldMakeNoNewListHitThroughARoundTripAsync(ExportStore store, string format) =>
        (await NewListHitsAsync(store.Folder.Path, store.Db, (await store.RoundTripAsync(format)).Store)).ShouldBeEmpty();

    /// <summary>Exports twice (the clock moves on between them): the bytes must be the same.</summary>
    public static async Task ShouldRepeatByteForByteAsync(string folder, string db, string format, string? caseId)
    {
        var first = await File.ReadAllBytesAsync(await ExportAsync(folder, db, format, $"first.{format}", caseId));
        await Task.Delay(1100, TestContext.Current.CancellationToken);
        var second = await File.ReadAllBytesAsync(await ExportAsync(folder, db, format, $"second.{format}", caseId));
        second.SequenceEqual(first).ShouldBeTrue($"{format} {caseId ?? "graph"}: the second export differs from the first");
    }

    /// <summary>Imports an exported file into a fresh store (as an investigator moving work to another machine would).</summary>
    public static async Task<string> ImportIntoFreshStoreAsync(string folder, string exported, string name)
    {
        var db = Path.Combine(folder, name + ".db");
        var import = await CliProcess.RunAsync(folder, "lists", "import", exported, "--max-bytes", MaxBytes, "--db", db);
        import.ExitCode.ShouldBe(0, import.Stdout + import.Stderr);
        return db;
    }

    /// <summary>Screens every applicant, contractor and vendor name of the demo's records and the reference firm's name in
    /// the original store and in the store a round trip made: a name that matched no list entry before must match none
    /// after (an applicant, a vendor or a copied firm turned into a sanctions hit). Returns "name → entity" for each.</summary>
    public static async Task<IReadOnlyList<string>> NewListHitsAsync(string folder, string originalDb, string roundTripDb)
    {
        var names = DemoNames();
        var before = await MatchesAsync(folder, originalDb, names);
        var after = await MatchesAsync(folder, roundTripDb, names);
        return [.. names.Where(n => before[n].Count == 0).SelectMany(n => after[n].Select(id => $"{n} → {id}"))];
    }

    private static async Task<Dictionary<string, List<string>>> MatchesAsync(string folder, string db, IReadOnlyList<string> names)
    {
        var queries = Path.Combine(folder, "demo-names.csv");
        await File.WriteAllLinesAsync(queries, ["id,name", .. names.Select((n, i) => $"q{i},\"{n.Replace("\"", "\"\"", StringComparison.Ordinal)}\"")]);
        var run = await CliProcess.RunAsync(folder, "screen", "--input", queries, "--format", "json", "--db", db);
        run.ExitCode.ShouldBeOneOf([0, 1], run.Stderr);
        var matches = names.ToDictionary(n => n, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var answer in JsonDocument.Parse(run.Stdout).RootElement.EnumerateArray())
        {
            var name = names[int.Parse(answer.GetProperty("id").GetString()![1..], CultureInfo.InvariantCulture)];
            matches[name].AddRange(answer.GetProperty("results").EnumerateArray()
                .Where(r => r.GetProperty("match").GetBoolean()).Select(r => r.GetProperty("id").GetString()!));
        }
        return matches;
    }

    /// <summary>The demo's record names (applicants, contractors, vendors' contacts and companies) and the reference firm.</summary>
    private static List<string> DemoNames()
    {
        using var reader = new StreamReader(RepoPaths.Sample("vetting.csv"));
        var rows = new Unmask.Application.Io.CsvRows(reader, "vetting.csv").Read().Select(r => r.Fields).ToList();
        var header = rows[0];
        var columns = new[] { "name", "company_name", "bank_account_name" }.Select(c => header.ToList().IndexOf(c)).ToList();
        columns.ShouldNotContain(-1);
        var names = rows.Skip(1).SelectMany(r => columns.Where(c => c < r.Count).Select(c => r[c])).ToList();
        names.Add("BrightPath Consulting");
        return [.. names.Where(n => n.Length > 0).Distinct(StringComparer.Ordinal)];
    }
}

/// <summary>A store built once for a test class, and the round trips made from it (export → <c>lists import</c> into a
/// fresh store), each made once and shared by the tests that check it.</summary>
public abstract class ExportStore : IAsyncLifetime
{
    private readonly Dictionary<string, Task<(string Exported, string Store)>> _roundTrips = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public TempFolder Folder { get; } = new();

    public abstract string Db { get; }

    public abstract ValueTask InitializeAsync();

    /// <summary>The exported file and the fresh store it was imported into.</summary>
    public Task<(string Exported, string Store)> RoundTripAsync(string format)
    {
        lock (_gate)
        {
            if (!_roundTrips.TryGetValue(format, out var trip))
            {
                trip = MakeRoundTripAsync(format);
                _roundTrips[format] = trip;
            }
            return trip;
        }
    }

    private async Task<(string Exported, string Store)> MakeRoundTripAsync(string format)
    {
        var exported = await ExportTargets.ExportAsync(Folder.Path, Db, format, $"before.{format}.json");
        return (exported, await ExportTargets.ImportIntoFreshStoreAsync(Folder.Path, exported, $"{format}-round-trip"));
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Folder.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using Unmask.TestKit;
using Unmask.TestKit.Specifications;

namespace Unmask.EndToEnd.Tests;

/// <summary>What an export must survive, as facets compared before and after a round trip: each facet is a set of
/// "id|value" strings (entities with their schema or type, names, identifiers, datasets, references and relationships,
/// list targets).</summary>
public sealed record ExportFacets(IReadOnlyDictionary<string, IReadOnlySet<string>> Facets)
{
    /// <summary>"entities 120 → 120, names 300 → 298, …" and, for each facet that differs, the first values lost and gained.</summary>
    public static (bool Same, string Report) Compare(ExportFacets before, ExportFacets after)
    {
        var report = new StringBuilder();
        var same = true;
        var differences = new StringBuilder();
        foreach (var (facet, values) in before.Facets)
        {
            var later = after.Facets.GetValueOrDefault(facet) ?? new HashSet<string>();
            report.Append(CultureInfo.InvariantCulture, $"{facet} {values.Count} → {later.Count}, ");
            var lost = values.Where(v => !later.Contains(v)).Order(StringComparer.Ordinal).ToList();
            var gained = later.Where(v => !values.Contains(v)).Order(StringComparer.Ordinal).ToList();
            if (lost.Count + gained.Count > 0)
            {
                same = false;
                differences.Append(CultureInfo.InvariantCulture, $"\n  {facet}: {lost.Count} lost (")
                    .AppendJoin("; ", lost.Take(5)).Append(CultureInfo.InvariantCulture, $"), {gained.Count} gained (").AppendJoin("; ", gained.Take(5)).Append(')');
            }
        }
        return (same, report.ToString().TrimEnd(',', ' ') + differences);
    }
}

/// <summary>The issue 14 targets, checked on any store: exports meet the specifications, survive a round trip through
/// <c>lists import</c>, bring back no applicant, vendor or reference site as a list hit, and repeat byte for byte.</summary>
public static class ExportTargets
{
    private static readonly Lazy<StixSchemaValidator> Stix = new(StixSchemaValidator.FromSharedData);
    private static readonly Lazy<FtmSchemaValidator> Ftm = new(FtmSchemaValidator.FromSharedData);

    private static readonly HashSet<string> IdentifierTypes = new(StringComparer.Ordinal) { "identifier", "email", "phone", "url", "ip", "iban" };

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

    public static SpecificationReport ValidateStix(string path)
    {
        using var stream = File.OpenRead(path);
        return Stix.Value.ValidateBundle(stream);
    }

    public static SpecificationReport ValidateFtm(string path)
    {
        using var stream = File.OpenRead(path);
        return Ftm.Value.ValidateLines(stream);
    }

    /// <summary>Exports the store (or a case) in <paramref name="format"/> (stix or ftm) and checks it against the
    /// specification: no schema errors, no range errors. The counts go to the test output.</summary>
    public static async Task ShouldMeetTheSpecificationAsync(string folder, string db, string format, string? caseId, ITestOutputHelper output)
    {
        var path = await ExportAsync(folder, db, format, $"{caseId ?? "graph"}.valid.{format}.json", caseId);
        var report = format == "stix" ? ValidateStix(path) : ValidateFtm(path);
        output.WriteLine($"{format} {caseId ?? "graph"}: {report.Summary()}");
        report.Errors.ShouldBeEmpty(report.Summary());
        report.RangeErrors.ShouldBeEmpty(report.Summary());
    }

    /// <summary>Export → <c>lists import</c> into a fresh store → export again: the facets must be equal (counts before
    /// and after go to the test output), and no demo name may become a list hit it was not before.</summary>
    public static async Task ShouldRoundTripAsync(string folder, string db, string format, ITestOutputHelper output)
    {
        var exported = await ExportAsync(folder, db, format, $"before.{format}.json");
        var fresh = await ImportIntoFreshStoreAsync(folder, exported, $"{format}-round-trip");
        var again = await ExportAsync(folder, fresh, format, $"after.{format}.json");
        Func<string, ExportFacets> facets = format == "stix" ? StixFacets : FtmFacets;
        var (same, report) = ExportFacets.Compare(facets(exported), facets(again));
        output.WriteLine($"{format} round trip of {Path.GetFileName(db)}: {report}");
        same.ShouldBeTrue(report);
        (await NewListHitsAsync(folder, db, fresh)).ShouldBeEmpty();
    }

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

    /// <summary>The facets of an FtM JSON lines export, read with the FtM schema model: names are the name-typed
    /// properties, identifiers the identifier, e-mail, phone, URL, IP and IBAN ones, references the entity-typed ones
    /// (holders, owners and assets, sanctioned entities…).</summary>
    public static ExportFacets FtmFacets(string path)
    {
        var model = Ftm.Value.Model;
        var facets = NewFacets("entities", "names", "identifiers", "datasets", "references", "targets");
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0))
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var id = root.GetProperty("id").GetString()!;
            var schema = root.GetProperty("schema").GetString()!;
            facets["entities"].Add($"{id}|{schema}");
            if (root.TryGetProperty("target", out var target) && target.ValueKind == JsonValueKind.True)
            {
                facets["targets"].Add(id);
            }
            if (root.TryGetProperty("datasets", out var datasets))
            {
                foreach (var dataset in datasets.EnumerateArray())
                {
                    facets["datasets"].Add($"{id}|{dataset.GetString()}");
                }
            }
            var properties = model.Get(schema)?.Properties;
            foreach (var property in root.GetProperty("properties").EnumerateObject())
            {
                var type = properties?.GetValueOrDefault(property.Name)?.Type;
                var facet = type == "name" ? "names" : type == "entity" ? "references" : type is not null && IdentifierTypes.Contains(type) ? "identifiers" : null;
                if (facet is null)
                {
                    continue;
                }
                foreach (var value in property.Value.EnumerateArray())
                {
                    facets[facet].Add($"{id}|{property.Name}|{value.GetString()}");
                }
            }
        }
        return Freeze(facets);
    }

    /// <summary>The facets of a STIX bundle: objects by id and type, names, patterns and observable values (identifiers),
    /// external references' source names (datasets and publishers), relationships, and object references (notes,
    /// opinions and groupings on objects).</summary>
    public static ExportFacets StixFacets(string path)
    {
        var facets = NewFacets("objects", "names", "identifiers", "datasets", "relationships", "references");
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        foreach (var item in document.RootElement.GetProperty("objects").EnumerateArray())
        {
            var id = item.GetProperty("id").GetString()!;
            var type = item.GetProperty("type").GetString()!;
            facets["objects"].Add($"{id}|{type}");
            if (item.TryGetProperty("name", out var name))
            {
                facets["names"].Add($"{id}|{name.GetString()}");
            }
            foreach (var property in new[] { "pattern", "value" })
            {
                if (item.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    facets["identifiers"].Add($"{id}|{value.GetString()}");
                }
            }
            if (item.TryGetProperty("external_references", out var references))
            {
                foreach (var reference in references.EnumerateArray())
                {
                    facets["datasets"].Add($"{id}|{(reference.TryGetProperty("source_name", out var source) ? source.GetString() : "")}");
                }
            }
            if (type == "relationship")
            {
                facets["relationships"].Add($"{item.GetProperty("source_ref").GetString()}|{item.GetProperty("relationship_type").GetString()}|{item.GetProperty("target_ref").GetString()}");
            }
            if (item.TryGetProperty("object_refs", out var objects))
            {
                foreach (var reference in objects.EnumerateArray())
                {
                    facets["references"].Add($"{id}|{reference.GetString()}");
                }
            }
        }
        return Freeze(facets);
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

    private static Dictionary<string, HashSet<string>> NewFacets(params string[] names) =>
        names.ToDictionary(n => n, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);

    private static ExportFacets Freeze(Dictionary<string, HashSet<string>> facets) =>
        new(facets.ToDictionary(f => f.Key, f => (IReadOnlySet<string>)f.Value, StringComparer.Ordinal));
}

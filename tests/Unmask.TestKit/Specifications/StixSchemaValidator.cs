using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Unmask.TestKit.Specifications;

/// <summary>
/// Validates STIX 2.1 bundles against the official OASIS JSON schemas (../shared/data/stix2.1/schemas, draft 2020-12,
/// read with JsonSchema.Net) plus the rules of the specification that those schemas cannot express and that OpenCTI and
/// MISP rely on (<see cref="StixRules"/>): ids, timestamps in order, references inside the bundle, spec_version 2.1,
/// custom types declared, indicator patterns.
/// </summary>
/// <remarks>
/// Each object is checked against the schema of its own type rather than through bundle.json's "anyOf every type":
/// the anyOf reports every branch that failed, which buries the one error that matters under dozens. The bundle's own
/// properties are checked against bundle.json with the per-object part taken out.
/// </remarks>
public sealed class StixSchemaValidator
{
    private const string SchemaBase = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/";

    private readonly Dictionary<string, JsonSchema> _byType;
    private readonly Dictionary<string, StixObjectKind> _kinds;
    private readonly JsonSchema _bundleEnvelope;
    private readonly JsonSchema _sdoCore;
    private readonly JsonSchema _scoCore;
    private readonly EvaluationOptions _evaluation;
    private readonly EvaluationOptions _passOrFail;

    private StixSchemaValidator(
        Dictionary<string, JsonSchema> byType, Dictionary<string, StixObjectKind> kinds, JsonSchema bundleEnvelope, JsonSchema sdoCore, JsonSchema scoCore)
    {
        _byType = byType;
        _kinds = kinds;
        _bundleEnvelope = bundleEnvelope;
        _sdoCore = sdoCore;
        _scoCore = scoCore;
        // The OASIS schemas declare draft 2020-12, where "format" is only an annotation unless asked for. STIX says a
        // url-regex value is an RFC 3986 URI, an email-addr value an address and a domain-name value a host name, so
        // the formats are enforced. Timestamps are checked by the schemas' own regex (and by StixRules for real dates).
        _evaluation = new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical, RequireFormatValidation = true };
        // Most objects pass: the flag format stops at the first failure and builds no tree, many times faster.
        _passOrFail = new EvaluationOptions { OutputFormat = OutputFormat.Flag, RequireFormatValidation = true };
    }

    /// <summary>The STIX types that have an official schema (SDOs, SROs, SCOs and the meta objects).</summary>
    public IReadOnlyCollection<string> KnownTypes => _byType.Keys;

    /// <summary>Loads the schemas from the real published copy in ../shared/data (fails loudly when it is missing).</summary>
    public static StixSchemaValidator FromSharedData() => Load(SharedData.Path("stix2.1/schemas"));

    /// <summary>Loads every schema file under <paramref name="schemaFolder"/> (common/, sdos/, sros/, observables/) into one
    /// registry keyed by the files' <c>$id</c>, so that relative references such as <c>../common/core.json</c> resolve
    /// against the <c>$id</c> of the file that holds them without any download.</summary>
    public static StixSchemaValidator Load(string schemaFolder)
    {
        var files = Directory.EnumerateFiles(schemaFolder, "*.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(file => (File: file, Text: File.ReadAllText(file)))
            .ToDictionary(f => IdOf(f.Text, f.File), StringComparer.Ordinal);
        var built = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        var building = new HashSet<string>(StringComparer.Ordinal);
        var registry = new SchemaRegistry();
        var build = new BuildOptions { SchemaRegistry = registry };
        // JsonSchema.Net resolves $refs while it builds a schema and asks Fetch for any $id not registered yet. Fetch
        // builds the file that declares that $id (so the files need no particular order) and never downloads: a $ref
        // to a file that is not in the folder fails the load.
        JsonSchema? Get(string id)
        {
            if (built.TryGetValue(id, out var schema))
            {
                return schema;
            }
            if (!files.TryGetValue(id, out var file))
            {
                throw new InvalidOperationException($"STIX schema {id} is not in {schemaFolder}; the validator never downloads schemas");
            }
            if (!building.Add(id))
            {
                return null; // a reference cycle: JsonSchema.Net resolves it once the schema is registered
            }
            schema = JsonSchema.FromText(file.Text, build);
            built[id] = schema;
            return schema;
        }
        registry.Fetch = (uri, _) => Get(uri.GetLeftPart(UriPartial.Query));

        var byType = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        var kinds = new Dictionary<string, StixObjectKind>(StringComparer.Ordinal);
        foreach (var (id, file) in files)
        {
            var folder = Path.GetFileName(Path.GetDirectoryName(file.File))!;
            var name = Path.GetFileNameWithoutExtension(file.File);
            StixObjectKind? kind = folder switch
            {
                "sdos" => StixObjectKind.Sdo,
                "sros" => StixObjectKind.Sro,
                "observables" => StixObjectKind.Sco,
                _ when name is "extension-definition" or "marking-definition" or "language-content" => StixObjectKind.Meta,
                _ => null,
            };
            var schema = Get(id)!;
            if (kind is { } known)
            {
                byType[name] = schema;
                kinds[name] = known;
            }
        }
        JsonSchema Common(string name) =>
            built.GetValueOrDefault(SchemaBase + "common/" + name) ?? throw new FileNotFoundException($"common/{name} missing in {schemaFolder}");
        var bundleText = files.GetValueOrDefault(SchemaBase + "common/bundle.json").Text
            ?? throw new FileNotFoundException($"common/bundle.json missing in {schemaFolder}");
        return new StixSchemaValidator(byType, kinds, EnvelopeOf(bundleText, build), Common("core.json"), Common("cyber-observable-core.json"));
    }

    private static string IdOf(string schemaText, string file)
    {
        using var document = JsonDocument.Parse(schemaText);
        return document.RootElement.TryGetProperty("$id", out var id) && id.GetString() is { } text
            ? text
            : throw new InvalidDataException($"{file} has no $id");
    }

    /// <summary>bundle.json with "objects.items" replaced by <c>true</c>, registered beside it so its relative refs resolve.</summary>
    private static JsonSchema EnvelopeOf(string bundleSchemaText, BuildOptions build)
    {
        var node = JsonNode.Parse(bundleSchemaText)!.AsObject();
        node["$id"] = SchemaBase + "common/bundle-envelope.json";
        node["properties"]!["objects"]!["items"] = true;
        return JsonSchema.FromText(node.ToJsonString(), build);
    }

    public SpecificationReport ValidateBundle(Stream utf8Json)
    {
        using var document = JsonDocument.Parse(utf8Json, new JsonDocumentOptions { MaxDepth = 256 });
        return ValidateBundle(document.RootElement);
    }

    public SpecificationReport ValidateBundle(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ValidateBundle(document.RootElement);
    }

    /// <summary>Validates a bundle and every object in it. A lone object (not a bundle) is validated on its own, without
    /// the check that its references resolve.</summary>
    public SpecificationReport ValidateBundle(JsonElement bundle)
    {
        var errors = new List<SpecificationIssue>();
        var ranges = new List<SpecificationIssue>();
        var warnings = new List<SpecificationIssue>();
        if (bundle.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new("schema", null, null, "", $"a STIX bundle is a JSON object, not {bundle.ValueKind}"));
            return new(0, errors, ranges, warnings);
        }
        if (StixRules.TypeOf(bundle) != "bundle")
        {
            var single = ValidateObject(bundle, "", StixBundleIndex.Of([bundle], resolvesReferences: false));
            return new(1, single.Errors, single.RangeErrors, single.Warnings);
        }
        errors.AddRange(Evaluate(_bundleEnvelope, bundle, StixRules.IdOf(bundle), ""));
        StixRules.CheckBundleEnvelope(bundle, errors, warnings);
        if (!bundle.TryGetProperty("objects", out var objects) || objects.ValueKind != JsonValueKind.Array)
        {
            return new(0, errors, ranges, warnings);
        }
        var items = objects.EnumerateArray().ToList();
        var index = StixBundleIndex.Of(items);
        // JsonSchema.Net takes about a millisecond per object here; a store built from the real lists exports some
        // 180,000. Objects are independent, so they are checked in parallel and their findings kept in bundle order.
        var reports = new SpecificationReport[items.Count];
        Parallel.For(0, items.Count, i => reports[i] = ValidateObject(items[i], $"/objects/{i}", index));
        foreach (var report in reports)
        {
            errors.AddRange(report.Errors);
            ranges.AddRange(report.RangeErrors);
            warnings.AddRange(report.Warnings);
        }
        errors.AddRange(index.Duplicates());
        return new(items.Count, errors, ranges, warnings);
    }

    private SpecificationReport ValidateObject(JsonElement obj, string at, StixBundleIndex bundle)
    {
        var errors = new List<SpecificationIssue>();
        var ranges = new List<SpecificationIssue>();
        var warnings = new List<SpecificationIssue>();
        var id = StixRules.IdOf(obj);
        if (obj.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new("schema", null, null, at, $"a STIX object is a JSON object, not {obj.ValueKind}"));
            return new(1, errors, ranges, warnings);
        }
        var type = StixRules.TypeOf(obj);
        if (type is null)
        {
            errors.Add(new("schema", null, id, at, "no \"type\" string"));
            return new(1, errors, ranges, warnings);
        }
        var custom = !_kinds.TryGetValue(type, out var kind);
        if (custom)
        {
            kind = StixRules.CustomKindOf(obj);
            StixRules.CheckCustomType(obj, type, at, bundle, errors);
        }
        var schema = _byType.GetValueOrDefault(type) ?? (kind == StixObjectKind.Sco ? _scoCore : _sdoCore);
        errors.AddRange(Evaluate(schema, obj, id, at));
        StixRules.CheckObject(obj, type, kind, at, bundle, t => _kinds.TryGetValue(t, out var k) ? k : null, errors, ranges, warnings);
        return new(1, errors, ranges, warnings);
    }

    private IEnumerable<SpecificationIssue> Evaluate(JsonSchema schema, JsonElement instance, string? id, string at)
    {
        var found = new List<SpecificationIssue>();
        if (schema.Evaluate(instance, _passOrFail).IsValid)
        {
            return found;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Collect(schema.Evaluate(instance, _evaluation));
        return found;

        void Add(EvaluationResults node, string keyword, string message)
        {
            var path = at + node.InstanceLocation;
            // The same failure reached through several allOf branches is one error to the reader.
            if (seen.Add($"{path}|{keyword}|{message}"))
            {
                found.Add(new("schema", null, id, path, $"{keyword}: {message} (schema {node.EvaluationPath})"));
            }
        }

        // Only failing nodes are followed: a passing anyOf keeps its failed alternatives among its children, and those
        // are not errors of the instance. A "not" child is the other way round: it fails the parent when it passes,
        // and JsonSchema.Net 8 gives that failure no message.
        void Collect(EvaluationResults node)
        {
            if (node.IsValid)
            {
                return;
            }
            var before = found.Count;
            foreach (var (keyword, message) in node.Errors ?? [])
            {
                Add(node, keyword, message);
            }
            foreach (var child in node.Details ?? [])
            {
                if (!child.EvaluationPath.ToString().EndsWith("/not", StringComparison.Ordinal))
                {
                    Collect(child);
                }
                else if (child.IsValid)
                {
                    Add(child, "not", "the value matches a schema it must not match");
                }
            }
            if (found.Count == before)
            {
                Add(node, "schema", "fails this schema (the validator gave no detail)");
            }
        }
    }
}

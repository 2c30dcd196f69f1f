using System.Text.Json;
using System.Text.RegularExpressions;
using Unmask.TestKit;

namespace Unmask.LinkGraph.Tests.Support;

/// <summary>Validates a STIX 2.1 bundle with the official OASIS schemas in ../shared/data/stix2.1/schemas: the bundle's own
/// properties (type, id) against common/bundle.json's, and each object against the schema of its type (sdos/, sros/,
/// observables/, common/), custom types against common/core.json. Also checks that every *_ref points into the bundle
/// when <c>closed</c> is set.</summary>
public static partial class StixValidation
{
    private static readonly string[] Folders = ["sdos", "sros", "observables", "common"];

    public static List<string> Validate(JsonElement bundle, bool closed = false)
    {
        var root = SharedData.Path("stix2.1/schemas");
        var validator = new JsonSchemaValidator(root);
        var errors = new List<string>();
        if (bundle.ValueKind != JsonValueKind.Object || !bundle.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            return ["not a STIX object"];
        }
        if (type.GetString() != "bundle")
        {
            // A lone object (one OASIS example is a campaign on its own): validate it against its type's schema.
            return [.. validator.Validate(bundle, SchemaFor(root, type.GetString()!)).Select(e => $"{type.GetString()}: {e}")];
        }
        if (!bundle.TryGetProperty("id", out var id) || !BundleId().IsMatch(id.GetString() ?? ""))
        {
            errors.Add("bundle id is not bundle--<uuid>");
        }
        if (!bundle.TryGetProperty("objects", out var objects) || objects.ValueKind != JsonValueKind.Array || objects.GetArrayLength() == 0)
        {
            return [.. errors, "bundle has no objects"];
        }
        var ids = new HashSet<string>(objects.EnumerateArray().Select(o => o.GetProperty("id").GetString()!), StringComparer.Ordinal);
        var index = 0;
        foreach (var obj in objects.EnumerateArray())
        {
            var objectType = obj.GetProperty("type").GetString()!;
            var schema = IsNewObservable(obj) ? "common/cyber-observable-core.json" : SchemaFor(root, objectType);
            errors.AddRange(validator.Validate(obj, schema).Select(e => $"objects[{index}] {objectType}: {e}"));
            if (closed)
            {
                foreach (var reference in References(obj))
                {
                    if (!ids.Contains(reference))
                    {
                        errors.Add($"objects[{index}] refers to {reference}, which is not in the bundle");
                    }
                }
            }
            index++;
        }
        return errors;
    }

    /// <summary>A custom observable type defined by an extension definition (STIX 2.1 §7.3, extension_type new-sco):
    /// checked against the common observable schema, as it has no schema of its own.</summary>
    private static bool IsNewObservable(JsonElement obj) =>
        obj.TryGetProperty("extensions", out var extensions) && extensions.ValueKind == JsonValueKind.Object
        && extensions.EnumerateObject().Any(e => e.Value.ValueKind == JsonValueKind.Object
            && e.Value.TryGetProperty("extension_type", out var type) && type.GetString() == "new-sco");

    private static string SchemaFor(string root, string objectType) =>
        Folders.Select(f => Path.Combine(f, objectType + ".json")).FirstOrDefault(f => File.Exists(Path.Combine(root, f))) ?? "common/core.json";

    private static IEnumerable<string> References(JsonElement obj)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (property.Name.EndsWith("_ref", StringComparison.Ordinal) && property.Value.ValueKind == JsonValueKind.String)
            {
                yield return property.Value.GetString()!;
            }
            if (property.Name.EndsWith("_refs", StringComparison.Ordinal) && property.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in property.Value.EnumerateArray())
                {
                    yield return item.GetString()!;
                }
            }
        }
    }

    [GeneratedRegex("^bundle--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$")]
    private static partial Regex BundleId();
}

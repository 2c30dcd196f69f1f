using System.Text.Json;

namespace Unmask.TestKit.Specifications;

/// <summary>STIX object categories: they decide which core schema a custom type is checked against and which
/// properties are required (spec_version on everything but SCOs).</summary>
public enum StixObjectKind
{
    Sdo,
    Sro,
    Sco,
    /// <summary>extension-definition, marking-definition, language-content.</summary>
    Meta,
}

/// <summary>What the rules need to know about the whole bundle: which ids are in it, of which type, which extension
/// definitions declare new object types, and which (id, modified) versions appear more than once.</summary>
internal sealed class StixBundleIndex
{
    private readonly Dictionary<string, string> _typeById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _extensionTypes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _typesInBundle = new(StringComparer.Ordinal);
    private readonly List<SpecificationIssue> _duplicates = [];

    private StixBundleIndex(bool resolvesReferences) => ResolvesReferences = resolvesReferences;

    /// <summary>False for a lone object read outside any bundle: its references point at objects it was never sent with.</summary>
    public bool ResolvesReferences { get; }

    public static StixBundleIndex Of(IReadOnlyList<JsonElement> objects, bool resolvesReferences = true)
    {
        var index = new StixBundleIndex(resolvesReferences);
        var versions = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < objects.Count; i++)
        {
            var obj = objects[i];
            if (StixRules.IdOf(obj) is not { } id || StixRules.TypeOf(obj) is not { } type)
            {
                continue;
            }
            index._typeById.TryAdd(id, type);
            index._typesInBundle.Add(type);
            var modified = StixRules.StringOf(obj, "modified") ?? "";
            // STIX versioning: one (id, modified) pair is one version; two different objects under it are a conflict,
            // and OpenCTI keeps whichever it reads last.
            if (!versions.Add(id + "|" + modified))
            {
                index._duplicates.Add(new("duplicate-id", null, id, $"/objects/{i}",
                    modified.Length == 0
                        ? "the id appears more than once in the bundle"
                        : $"another object in the bundle has the same id and modified {modified} (one version, two contents)"));
            }
            if (type == "extension-definition" && obj.TryGetProperty("extension_types", out var types) && types.ValueKind == JsonValueKind.Array)
            {
                index._extensionTypes[id] = [.. types.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!)];
            }
        }
        return index;
    }

    public bool Contains(string id) => _typeById.ContainsKey(id);

    public string? TypeOf(string id) => _typeById.GetValueOrDefault(id);

    /// <summary>The extension_types of an extension-definition in the bundle, or null when the bundle does not hold it.</summary>
    public IReadOnlySet<string>? ExtensionTypesOf(string extensionDefinitionId) => _extensionTypes.GetValueOrDefault(extensionDefinitionId);

    public IEnumerable<SpecificationIssue> Duplicates() => _duplicates;

    /// <summary>Whether an object of this type is in the bundle (a custom type the bundle defines and uses).</summary>
    public bool HasObjectOfType(string type) => _typesInBundle.Contains(type);
}

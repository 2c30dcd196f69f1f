using System.Text.Json;
using Unmask.Domain.Stix;
using Unmask.LinkGraph.Model;

namespace Unmask.LinkGraph.Export;

/// <summary>
/// Reads a STIX 2.1 bundle into a graph. Objects written by <see cref="StixBundleWriter"/> come back exactly: node ids,
/// captions, risk, flags, schema and dataset from Unmask's property extension on each identity, threat actor,
/// infrastructure and indicator; relations, evidence, sources and weights from the extension on each relationship
/// (observables, their <c>based-on</c> relationships, notes, groupings and opinions add nothing to the graph). Foreign
/// bundles are read as far as they map: identities and other named SDOs become <c>entity:stix-&lt;uuid&gt;</c> nodes,
/// indicators with a simple equality pattern on a domain, IP, e-mail or wallet become identifier nodes, relationships
/// between known objects become edges (relationship type with underscores).
/// </summary>
public static class StixBundleReader
{
    public static LinkGraph Read(Stream input, GraphOptions? options = null)
    {
        using var document = JsonDocument.Parse(input, new JsonDocumentOptions { MaxDepth = 128 });
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || Text(root, "type") is not { } type || Text(root, "id") is null)
        {
            throw new InvalidDataException("not STIX: the top-level value is not an object with a type and an id");
        }
        var builder = new GraphBuilder();
        var nodeOf = new Dictionary<string, string>(StringComparer.Ordinal);
        // A bundle holds objects; a lone object (as some OASIS examples are) is read as a bundle of one.
        List<JsonElement> objects = type != "bundle" ? [root]
            : root.TryGetProperty("objects", out var list) && list.ValueKind == JsonValueKind.Array ? [.. list.EnumerateArray()] : [];
        foreach (var obj in objects)
        {
            var objectType = Text(obj, "type");
            var id = Text(obj, "id");
            if (objectType is null || id is null
                || objectType is "relationship" or "note" or "opinion" or "grouping" or "marking-definition" or "extension-definition" or "bundle")
            {
                continue;
            }
            if (Extension(obj) is { } extension)
            {
                if (Text(extension, "node_id") is { } nodeId)
                {
                    builder.AddNode(nodeId, Text(obj, "name"), Number(extension, "risk"), (NodeFlags)Number(extension, "flags"),
                        Text(extension, "schema"), Text(extension, "dataset"));
                    nodeOf[id] = nodeId;
                }
                continue;
            }
            if (objectType == "indicator")
            {
                if (FromPattern(Text(obj, "pattern")) is { } identifier)
                {
                    builder.AddNode(identifier);
                    nodeOf[id] = identifier;
                }
                continue;
            }
            if (Text(obj, "name") is { } name && obj.TryGetProperty("created", out _))
            {
                if (Text(obj, "identity_class") == "system")
                {
                    continue;
                }
                var node = "entity:stix-" + id[(id.IndexOf("--", StringComparison.Ordinal) + 2)..];
                builder.AddNode(node, name, schema: Text(obj, "identity_class") == "individual" ? "Person" : null, dataset: "stix");
                nodeOf[id] = node;
            }
        }
        foreach (var obj in objects)
        {
            if (Text(obj, "type") != "relationship"
                || Text(obj, "source_ref") is not { } source || Text(obj, "target_ref") is not { } target
                || !nodeOf.TryGetValue(source, out var from) || !nodeOf.TryGetValue(target, out var to))
            {
                continue;
            }
            var extension = Extension(obj);
            var relation = (extension is { } e ? Text(e, "relation") : null) ?? (Text(obj, "relationship_type") ?? "related-to").Replace('-', '_');
            var weight = extension is { } x && x.TryGetProperty("weight", out var w) && w.ValueKind == JsonValueKind.Number ? w.GetDouble() : 1.0;
            builder.AddEdge(from, to, relation, Text(obj, "description") ?? "", (extension is { } s ? Text(s, "source") : null) ?? "stix", weight);
        }
        return builder.Build(options);
    }

    /// <summary>Identifier node id from a single-comparison STIX pattern such as <c>[ipv4-addr:value = '1.2.3.4']</c>.</summary>
    public static string? FromPattern(string? pattern)
    {
        if (pattern is null)
        {
            return null;
        }
        var text = pattern.Trim();
        if (!text.StartsWith('[') || !text.EndsWith(']') || text.Count(c => c == '[') != 1)
        {
            return null;
        }
        var body = text[1..^1];
        var equals = body.IndexOf(" = '", StringComparison.Ordinal);
        var colon = body.IndexOf(':', StringComparison.Ordinal);
        if (equals < 0 || colon < 0 || colon > equals || !body.EndsWith('\''))
        {
            return null;
        }
        var type = body[..colon].Trim();
        var value = body[(equals + 4)..^1].Replace("\\'", "'", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
        return StixVocabulary.NodeIdOf(type, value);
    }

    /// <summary>Unmask's property extension on an object, when it carries one.</summary>
    private static JsonElement? Extension(JsonElement obj) =>
        obj.TryGetProperty("extensions", out var extensions) && extensions.ValueKind == JsonValueKind.Object
        && extensions.TryGetProperty(UnmaskStixExtension.Id, out var extension) && extension.ValueKind == JsonValueKind.Object
            ? extension : null;

    private static string? Text(JsonElement obj, string property) =>
        obj.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int Number(JsonElement obj, string property) =>
        obj.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : 0;
}

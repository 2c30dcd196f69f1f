using System.Text.Json;
using Unmask.Domain.Stix;

namespace Unmask.LinkGraph.Tests.Support;

/// <summary>Reading helpers for bundles in tests: objects by type, Unmask's extension of an object.</summary>
internal static class StixBundles
{
    public static List<JsonElement> Objects(JsonElement bundle) => [.. bundle.GetProperty("objects").EnumerateArray()];

    public static JsonElement? Extension(JsonElement stixObject) =>
        stixObject.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty(UnmaskStixExtension.Id, out var extension)
            ? extension : null;

    /// <summary>The graph node id an object stands for, from Unmask's extension.</summary>
    public static string? NodeId(JsonElement stixObject) =>
        Extension(stixObject) is { } extension && extension.TryGetProperty("node_id", out var id) ? id.GetString() : null;

    public static JsonElement ByNode(JsonElement bundle, string nodeId, string? type = null) =>
        Objects(bundle).Single(o => NodeId(o) == nodeId && (type is null || o.GetProperty("type").GetString() == type));
}

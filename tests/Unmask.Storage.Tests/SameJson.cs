using System.Text.Json.Nodes;

namespace Unmask.Storage.Tests;

/// <summary>JSON read back from a store means what was written, though not byte for byte: PostgreSQL's jsonb reorders
/// keys and spacing.</summary>
public static class SameJson
{
    public static void ShouldMeanTheSame(string actual, string expected) =>
        JsonNode.DeepEquals(JsonNode.Parse(actual), JsonNode.Parse(expected)).ShouldBeTrue($"{actual} should mean {expected}");
}

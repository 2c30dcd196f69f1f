using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Unmask.Domain;

namespace Unmask.Storage;

/// <summary>Entity properties as the JSON object every backend stores: <c>{"name": ["..."], ...}</c>.</summary>
public static class EntityJson
{
    public static string SerializeProperties(Entity entity) =>
        JsonSerializer.Serialize(entity.Properties, EntityJsonContext.Default.IReadOnlyDictionaryStringListString);

    public static Entity Deserialize(string id, string schema, string dataset, string properties, string? metadata = null)
    {
        var entity = new Entity(id, Schemas.Get(schema), dataset);
        var values = JsonSerializer.Deserialize(properties, EntityJsonContext.Default.DictionaryStringListString) ?? [];
        foreach (var (property, list) in values)
        {
            entity.AddRange(property, list);
        }
        if (metadata is not null && JsonSerializer.Deserialize(metadata, EntityJsonContext.Default.EntityMetadata) is { } meta)
        {
            entity.Target = meta.Target ?? true;
            entity.FirstSeen = Time(meta.FirstSeen);
            entity.LastSeen = Time(meta.LastSeen);
            entity.LastChange = Time(meta.LastChange);
            entity.AddReferents(meta.Referents ?? []);
            entity.AddDatasets(meta.Datasets ?? []);
        }
        return entity;
    }

    /// <summary>What an entity carries besides its properties (target, first/last seen, last change, referents, other
    /// datasets) as a JSON object, or null when all of it has its default value.</summary>
    public static string? SerializeMetadata(Entity entity)
    {
        if (entity.Target && entity.FirstSeen is null && entity.LastSeen is null && entity.LastChange is null
            && entity.Referents.Count == 0 && entity.OtherDatasets.Count == 0)
        {
            return null;
        }
        var meta = new EntityMetadata(entity.Target ? null : false, Text(entity.FirstSeen), Text(entity.LastSeen), Text(entity.LastChange),
            entity.Referents.Count == 0 ? null : entity.Referents, entity.OtherDatasets.Count == 0 ? null : entity.OtherDatasets);
        return JsonSerializer.Serialize(meta, EntityJsonContext.Default.EntityMetadata);
    }

    private static string? Text(DateTimeOffset? time) => time?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) ? time : null;
}

internal sealed record EntityMetadata(
    [property: JsonPropertyName("target")] bool? Target,
    [property: JsonPropertyName("first_seen")] string? FirstSeen,
    [property: JsonPropertyName("last_seen")] string? LastSeen,
    [property: JsonPropertyName("last_change")] string? LastChange,
    [property: JsonPropertyName("referents")] IReadOnlyList<string>? Referents,
    [property: JsonPropertyName("datasets")] IReadOnlyList<string>? Datasets);

[System.Text.Json.Serialization.JsonSerializable(typeof(IReadOnlyDictionary<string, List<string>>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, List<string>>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(EntityMetadata))]
[System.Text.Json.Serialization.JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class EntityJsonContext : System.Text.Json.Serialization.JsonSerializerContext;

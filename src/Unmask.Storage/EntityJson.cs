using System.Text.Json;
using Unmask.Domain;

namespace Unmask.Storage;

/// <summary>Entity properties as the JSON object every backend stores: <c>{"name": ["..."], ...}</c>.</summary>
public static class EntityJson
{
    public static string SerializeProperties(Entity entity) =>
        JsonSerializer.Serialize(entity.Properties, EntityJsonContext.Default.IReadOnlyDictionaryStringListString);

    public static Entity Deserialize(string id, string schema, string dataset, string properties)
    {
        var entity = new Entity(id, Schemas.Get(schema), dataset);
        var values = JsonSerializer.Deserialize(properties, EntityJsonContext.Default.DictionaryStringListString) ?? [];
        foreach (var (property, list) in values)
        {
            entity.AddRange(property, list);
        }
        return entity;
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(IReadOnlyDictionary<string, List<string>>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, List<string>>))]
internal sealed partial class EntityJsonContext : System.Text.Json.Serialization.JsonSerializerContext;

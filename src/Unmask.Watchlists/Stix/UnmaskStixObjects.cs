using System.Globalization;
using System.Text.Json;
using Unmask.Domain;
using static Unmask.Watchlists.Stix.StixJson;

namespace Unmask.Watchlists.Stix;

/// <summary>
/// Reads back what Unmask's STIX writer puts in its property extension (docs/exports.md, "STIX 2.1"): the FollowTheMoney
/// entity behind a list object, whole (id, schema, every property, datasets with their publishers, target flag, dates,
/// referents, and the context entities that travel with it), and the vetted records and sites, which come back as
/// entities that are never list targets. Indicators of identifiers and case objects add no entity: an entity carries its
/// own identifiers. Values a schema does not allow are rejected per object.
/// </summary>
internal sealed class UnmaskStixObjects
{
    public IEnumerable<Entity> Read(JsonElement extension, JsonElement stixObject, string dataset, string file, int objectNumber, ReadContext context)
    {
        if (extension.TryGetProperty("entity", out var entityJson) && entityJson.ValueKind == JsonValueKind.Object)
        {
            if (Restore(entityJson, dataset, file, objectNumber, context, describe: true) is not { } entity)
            {
                return [];
            }
            var entities = new List<Entity> { entity };
            if (entityJson.TryGetProperty("related", out var related) && related.ValueKind == JsonValueKind.Array)
            {
                entities.AddRange(related.EnumerateArray().Select(r => Restore(r, dataset, file, objectNumber, context, describe: false)).OfType<Entity>());
            }
            return entities;
        }
        var nodeId = Text(extension, "node_id");
        var name = Text(stixObject, "name");
        return Text(extension, "kind") switch
        {
            "applicant" or "contractor" => [Context(Schemas.Person, nodeId, name, dataset)],
            "vendor" => [Context(Schemas.Company, nodeId, name, dataset)],
            "site" when nodeId is not null => [Context(Schemas.Domain, nodeId, name, dataset).Add("domain", nodeId[(nodeId.IndexOf(':') + 1)..])],
            _ => [],
        };
    }

    /// <summary>A vetted record or site: kept for the graph under the bundle's dataset, never a list target.</summary>
    private static Entity Context(Schema schema, string? nodeId, string? name, string dataset)
    {
        var entity = new Entity(EntityIds.Make(dataset, nodeId ?? name ?? "record"), schema, dataset).Add("name", name);
        entity.Target = false;
        return entity;
    }

    private static Entity? Restore(JsonElement json, string bundleDataset, string file, int objectNumber, ReadContext context, bool describe)
    {
        var id = Text(json, "id");
        var schemaName = Text(json, "schema");
        var where = $"STIX object #{objectNumber}, entity {id ?? "(no id)"}";
        if (id is null || schemaName is null || !Schemas.TryGet(schemaName, out var schema))
        {
            context.Reject(file, objectNumber, $"{where}: no id or an unknown schema '{schemaName}'; skipped");
            return null;
        }
        var dataset = context.DatasetNameOverride ?? Text(json, "dataset") ?? bundleDataset;
        var entity = new Entity(id, schema, dataset);
        if (context.DatasetNameOverride is null)
        {
            entity.AddDatasets(Strings(json, "datasets"));
        }
        entity.Target = !json.TryGetProperty("target", out var target) || target.ValueKind != JsonValueKind.False;
        entity.FirstSeen = Time(json, "first_seen");
        entity.LastSeen = Time(json, "last_seen");
        entity.LastChange = Time(json, "last_change");
        entity.AddReferents(Strings(json, "referents"));
        if (json.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                if (schema.FindProperty(property.Name) is null || property.Value.ValueKind != JsonValueKind.Array
                    || property.Value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
                {
                    context.Reject(file, objectNumber, $"{where}: property '{property.Name}' is not a list of strings of schema {schema.Name}; left out");
                    continue;
                }
                entity.AddRange(property.Name, Strings(properties, property.Name));
            }
        }
        if (describe && context.DatasetNameOverride is null && json.TryGetProperty("dataset_details", out var details) && details.ValueKind == JsonValueKind.Array)
        {
            foreach (var detail in details.EnumerateArray())
            {
                if (Text(detail, "name") is { } name)
                {
                    context.DescribeDataset(new Dataset(name, Text(detail, "title") ?? name, Text(detail, "publisher") ?? "unknown",
                        DateOnly.TryParseExact(Text(detail, "published_on"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on) ? on : null,
                        Enum.TryParse<DatasetKind>(Text(detail, "kind"), out var kind) ? kind : DatasetKind.Other));
                }
            }
        }
        return entity;
    }

    private static DateTimeOffset? Time(JsonElement json, string name) =>
        DateTimeOffset.TryParse(Text(json, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time : null;
}

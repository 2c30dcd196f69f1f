using System.Text;
using System.Text.Json;

namespace Unmask.TestKit.Specifications;

/// <summary>
/// Validates FollowTheMoney JSON lines (<c>{"id","schema","properties",…}</c> per line) against the published FtM schema
/// YAML: the schema exists and is not abstract, every property exists on it or a parent and is not a reverse stub,
/// values are valid for their type, required properties are there, ids follow FtM's id rule, and entity references
/// resolve inside the file to an entity whose schema is (a descendant of) the property's range.
/// </summary>
public sealed class FtmSchemaValidator(FtmModel model)
{
    /// <summary>The keys FtM and OpenSanctions write on an entity line (followthemoney's EntityProxy.to_dict and
    /// nomenklatura's StatementEntity). Anything else is read by nobody: a warning, not an error.</summary>
    private static readonly HashSet<string> TopLevelKeys = new(StringComparer.Ordinal)
    {
        "id", "schema", "properties", "caption", "datasets", "referents", "target", "first_seen", "last_seen", "last_change",
    };

    public FtmModel Model => model;

    /// <summary>Loads the schemata from the real published copy in ../shared/data (fails loudly when it is missing).</summary>
    public static FtmSchemaValidator FromSharedData() => new(FtmModel.Load(SharedData.Path("followthemoney/schema")));

    public SpecificationReport ValidateLines(string jsonLines) => ValidateLines(new MemoryStream(Encoding.UTF8.GetBytes(jsonLines)));

    public SpecificationReport ValidateLines(Stream utf8JsonLines)
    {
        var errors = new List<SpecificationIssue>();
        var ranges = new List<SpecificationIssue>();
        var warnings = new List<SpecificationIssue>();
        var entities = Read(utf8JsonLines, errors, warnings);
        var schemaById = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entity in entities.Where(e => e.Id is not null && e.Schema is not null))
        {
            schemaById.TryAdd(entity.Id!, entity.Schema!);
        }
        foreach (var entity in entities)
        {
            ValidateEntity(entity, schemaById, errors, ranges, warnings);
        }
        return new(entities.Count, errors, ranges, warnings);
    }

    private sealed record Entity(int Line, string? Id, string? Schema, JsonElement Json);

    private static List<Entity> Read(Stream utf8JsonLines, List<SpecificationIssue> errors, List<SpecificationIssue> warnings)
    {
        var entities = new List<Entity>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        using var reader = new StreamReader(utf8JsonLines, Encoding.UTF8);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            JsonElement json;
            try
            {
                using var document = JsonDocument.Parse(line);
                json = document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                errors.Add(new("json", number, null, null, $"not JSON: {e.Message}"));
                continue;
            }
            if (json.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new("json", number, null, null, $"an entity is a JSON object, not {json.ValueKind}"));
                continue;
            }
            var id = StringOf(json, "id");
            if (id is not null && !seen.TryAdd(id, number))
            {
                // FtM tools merge lines with one id as fragments of one entity; an export should have merged them.
                warnings.Add(new("duplicate-id", number, id, null, $"the id is also on line {seen[id]} (read as fragments of one entity)"));
            }
            entities.Add(new(number, id, StringOf(json, "schema"), json));
        }
        return entities;
    }

    private void ValidateEntity(
        Entity entity,
        Dictionary<string, string> schemaById,
        List<SpecificationIssue> errors,
        List<SpecificationIssue> ranges,
        List<SpecificationIssue> warnings)
    {
        var (line, id) = (entity.Line, entity.Id);
        if (id is null)
        {
            errors.Add(new("id", line, null, null, "no \"id\" string"));
        }
        else if (!FtmValueTypes.IsEntityId(id))
        {
            errors.Add(new("id", line, id, null,
                $"not an FtM entity id: only ASCII letters, digits and inner '.' or '-', at most {FtmValueTypes.MaxEntityIdLength} characters"));
        }
        CheckTopLevel(entity, errors, warnings);

        var schema = entity.Schema is null ? null : model.Get(entity.Schema);
        if (schema is null)
        {
            errors.Add(new("schema", line, id, null, entity.Schema is null ? "no \"schema\" string" : $"'{entity.Schema}' is not an FtM schema"));
            return;
        }
        if (schema.Abstract)
        {
            errors.Add(new("schema", line, id, null, $"'{schema.Name}' is abstract: FtM has no entities of it, only of its descendants"));
        }
        if (schema.Deprecated)
        {
            warnings.Add(new("schema", line, id, null, $"'{schema.Name}' is deprecated in FtM"));
        }
        if (!entity.Json.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new("properties", line, id, null, "no \"properties\" object"));
            return;
        }
        foreach (var property in properties.EnumerateObject())
        {
            CheckProperty(entity, schema, property, schemaById, errors, ranges, warnings);
        }
        foreach (var required in schema.Required)
        {
            if (!properties.TryGetProperty(required, out var values) || values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0)
            {
                errors.Add(new("required", line, id, required, $"{schema.Name} requires '{required}'"));
            }
        }
    }

    private static void CheckTopLevel(Entity entity, List<SpecificationIssue> errors, List<SpecificationIssue> warnings)
    {
        foreach (var key in entity.Json.EnumerateObject())
        {
            var value = key.Value;
            string? problem = key.Name switch
            {
                _ when !TopLevelKeys.Contains(key.Name) => null,
                "caption" => value.ValueKind == JsonValueKind.String ? null : "caption must be a string",
                "datasets" or "referents" => IsStringArray(value) ? null : $"{key.Name} must be a list of strings",
                "target" => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : "target must be true or false",
                "first_seen" or "last_seen" or "last_change" =>
                    value.ValueKind == JsonValueKind.String && FtmValueTypes.Problem("date", value.GetString()!) is null ? null : $"{key.Name} must be a date string",
                _ => null,
            };
            if (!TopLevelKeys.Contains(key.Name))
            {
                warnings.Add(new("top-level", entity.Line, entity.Id, key.Name, $"'{key.Name}' is not an FtM/OpenSanctions entity key; other tools drop it"));
            }
            else if (problem is not null)
            {
                errors.Add(new("top-level", entity.Line, entity.Id, key.Name, problem));
            }
        }
    }

    private void CheckProperty(
        Entity entity,
        FtmSchema schema,
        JsonProperty property,
        Dictionary<string, string> schemaById,
        List<SpecificationIssue> errors,
        List<SpecificationIssue> ranges,
        List<SpecificationIssue> warnings)
    {
        var (line, id, name) = (entity.Line, entity.Id, property.Name);
        if (!schema.Properties.TryGetValue(name, out var definition))
        {
            var lineage = string.Join(", ", schema.Ancestors.Where(a => a != schema.Name).Order(StringComparer.Ordinal));
            errors.Add(new("unknown-property", line, id, name,
                $"not a property of {schema.Name}{(lineage.Length > 0 ? $" or its parents ({lineage})" : "")}"));
            return;
        }
        if (definition.Stub)
        {
            errors.Add(new("reverse-property", line, id, name,
                $"'{name}' is the reverse side of {definition.Range}'s link to {definition.Schema}: FtM takes no values for it, "
                + $"write the link on the {definition.Range} entity"));
            return;
        }
        if (!IsStringArray(property.Value))
        {
            errors.Add(new("value", line, id, name, "property values must be a list of strings"));
            return;
        }
        foreach (var value in property.Value.EnumerateArray().Select(v => v.GetString()!))
        {
            if (FtmValueTypes.Problem(definition.Type, value) is { } problem)
            {
                errors.Add(new("value", line, id, name, $"'{Shorten(value)}' is {definition.Type}: {problem}"));
            }
            else if (definition.MaxLength is { } max && value.Length > max)
            {
                warnings.Add(new("value", line, id, name, $"'{Shorten(value)}' is longer than {max} characters (FtM maxLength)"));
            }
            // A reference is followed even when its id breaks the id rule, so that a bad range still counts.
            if (definition.Type == "entity" && !string.IsNullOrWhiteSpace(value))
            {
                CheckReference(entity, definition, value, schemaById, errors, ranges);
            }
        }
    }

    private void CheckReference(
        Entity entity,
        FtmProperty definition,
        string reference,
        Dictionary<string, string> schemaById,
        List<SpecificationIssue> errors,
        List<SpecificationIssue> ranges)
    {
        var (line, id, name) = (entity.Line, entity.Id, definition.Name);
        if (reference == id)
        {
            errors.Add(new("self-reference", line, id, name, "an entity cannot point at itself (FtM: self-relationship)"));
            return;
        }
        if (!schemaById.TryGetValue(reference, out var targetSchemaName))
        {
            errors.Add(new("dangling-reference", line, id, name, $"points at {reference}, which is not in the file"));
            return;
        }
        if (definition.Range is { } range && model.Get(targetSchemaName) is { } targetSchema && !targetSchema.IsA(range))
        {
            ranges.Add(new("range", line, id, name,
                $"points at {reference}, a {targetSchemaName}; {definition.Schema}.{name} takes a {range} or one of its descendants"));
        }
    }

    private static bool IsStringArray(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String);

    private static string? StringOf(JsonElement json, string key) =>
        json.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Shorten(string value) => value.Length <= 80 ? value : value[..77] + "…";
}

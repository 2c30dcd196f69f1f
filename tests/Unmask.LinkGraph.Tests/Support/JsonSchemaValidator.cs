using System.Text.Json;
using System.Text.RegularExpressions;

namespace Unmask.LinkGraph.Tests.Support;

/// <summary>
/// A small JSON Schema (draft 2020-12 subset) validator for the OASIS STIX 2.1 schemas: $ref (relative files and
/// #/definitions pointers), type, properties, patternProperties, additionalProperties, required, enum, const, pattern,
/// minLength, maxLength, minimum, maximum, minItems, items, contains, minProperties, propertyNames, allOf, anyOf, oneOf,
/// not, if/then. "format" is an annotation only (as the 2020-12 default says).
/// </summary>
public sealed class JsonSchemaValidator(string schemaRoot)
{
    private readonly Dictionary<string, JsonDocument> _documents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

    public List<string> Validate(JsonElement instance, string schemaFile)
    {
        var errors = new List<string>();
        var path = Path.GetFullPath(Path.Combine(schemaRoot, schemaFile));
        Check(instance, Load(path).RootElement, path, "$", errors);
        return errors;
    }

    private JsonDocument Load(string path)
    {
        if (!_documents.TryGetValue(path, out var document))
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
            _documents[path] = document;
        }
        return document;
    }

    private bool Valid(JsonElement instance, JsonElement schema, string file)
    {
        var errors = new List<string>();
        Check(instance, schema, file, "$", errors);
        return errors.Count == 0;
    }

    private void Check(JsonElement instance, JsonElement schema, string file, string at, List<string> errors)
    {
        if (schema.ValueKind == JsonValueKind.True)
        {
            return;
        }
        if (schema.ValueKind == JsonValueKind.False)
        {
            errors.Add($"{at}: not allowed");
            return;
        }
        foreach (var keyword in schema.EnumerateObject())
        {
            var value = keyword.Value;
            switch (keyword.Name)
            {
                case "$ref":
                {
                    var (target, targetFile) = Resolve(value.GetString()!, file);
                    Check(instance, target, targetFile, at, errors);
                    break;
                }
                case "type":
                    var types = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(t => t.GetString()!).ToList() : [value.GetString()!];
                    if (!types.Any(t => IsType(instance, t)))
                    {
                        errors.Add($"{at}: expected {string.Join("|", types)}, got {instance.ValueKind}");
                    }
                    break;
                case "properties" when instance.ValueKind == JsonValueKind.Object:
                    foreach (var property in value.EnumerateObject())
                    {
                        if (instance.TryGetProperty(property.Name, out var child))
                        {
                            Check(child, property.Value, file, $"{at}.{property.Name}", errors);
                        }
                    }
                    break;
                case "patternProperties" when instance.ValueKind == JsonValueKind.Object:
                    foreach (var property in instance.EnumerateObject())
                    {
                        foreach (var pattern in value.EnumerateObject())
                        {
                            if (Pattern(pattern.Name).IsMatch(property.Name))
                            {
                                Check(property.Value, pattern.Value, file, $"{at}.{property.Name}", errors);
                            }
                        }
                    }
                    break;
                case "additionalProperties" when instance.ValueKind == JsonValueKind.Object:
                    foreach (var property in instance.EnumerateObject())
                    {
                        var declared = schema.TryGetProperty("properties", out var props) && props.TryGetProperty(property.Name, out _);
                        var patterned = schema.TryGetProperty("patternProperties", out var patterns)
                                        && patterns.EnumerateObject().Any(p => Pattern(p.Name).IsMatch(property.Name));
                        if (!declared && !patterned)
                        {
                            Check(property.Value, value, file, $"{at}.{property.Name}", errors);
                        }
                    }
                    break;
                case "required" when instance.ValueKind == JsonValueKind.Object:
                    foreach (var name in value.EnumerateArray())
                    {
                        if (!instance.TryGetProperty(name.GetString()!, out _))
                        {
                            errors.Add($"{at}: missing required '{name.GetString()}'");
                        }
                    }
                    break;
                case "enum":
                    if (!value.EnumerateArray().Any(v => JsonElement.DeepEquals(v, instance)))
                    {
                        errors.Add($"{at}: {instance} not in enum");
                    }
                    break;
                case "const":
                    if (!JsonElement.DeepEquals(value, instance))
                    {
                        errors.Add($"{at}: {instance} is not the constant");
                    }
                    break;
                case "pattern" when instance.ValueKind == JsonValueKind.String:
                    if (!Pattern(value.GetString()!).IsMatch(instance.GetString()!))
                    {
                        errors.Add($"{at}: '{instance.GetString()}' does not match {value.GetString()}");
                    }
                    break;
                case "minLength" when instance.ValueKind == JsonValueKind.String:
                    if (instance.GetString()!.Length < value.GetInt32())
                    {
                        errors.Add($"{at}: shorter than {value.GetInt32()}");
                    }
                    break;
                case "maxLength" when instance.ValueKind == JsonValueKind.String:
                    if (instance.GetString()!.Length > value.GetInt32())
                    {
                        errors.Add($"{at}: longer than {value.GetInt32()}");
                    }
                    break;
                case "minimum" when instance.ValueKind == JsonValueKind.Number:
                    if (instance.GetDouble() < value.GetDouble())
                    {
                        errors.Add($"{at}: below minimum");
                    }
                    break;
                case "maximum" when instance.ValueKind == JsonValueKind.Number:
                    if (instance.GetDouble() > value.GetDouble())
                    {
                        errors.Add($"{at}: above maximum");
                    }
                    break;
                case "minItems" when instance.ValueKind == JsonValueKind.Array:
                    if (instance.GetArrayLength() < value.GetInt32())
                    {
                        errors.Add($"{at}: fewer than {value.GetInt32()} items");
                    }
                    break;
                case "minProperties" when instance.ValueKind == JsonValueKind.Object:
                    if (instance.EnumerateObject().Count() < value.GetInt32())
                    {
                        errors.Add($"{at}: fewer than {value.GetInt32()} properties");
                    }
                    break;
                case "items" when instance.ValueKind == JsonValueKind.Array:
                    var index = 0;
                    foreach (var item in instance.EnumerateArray())
                    {
                        Check(item, value, file, $"{at}[{index++}]", errors);
                    }
                    break;
                case "contains" when instance.ValueKind == JsonValueKind.Array:
                    if (!instance.EnumerateArray().Any(item => Valid(item, value, file)))
                    {
                        errors.Add($"{at}: no item matches 'contains'");
                    }
                    break;
                case "propertyNames" when instance.ValueKind == JsonValueKind.Object:
                    foreach (var property in instance.EnumerateObject())
                    {
                        using var name = JsonDocument.Parse(JsonSerializer.Serialize(property.Name));
                        Check(name.RootElement, value, file, $"{at}.{property.Name}(name)", errors);
                    }
                    break;
                case "allOf":
                    foreach (var sub in value.EnumerateArray())
                    {
                        Check(instance, sub, file, at, errors);
                    }
                    break;
                case "anyOf":
                    if (!value.EnumerateArray().Any(sub => Valid(instance, sub, file)))
                    {
                        errors.Add($"{at}: matches none of anyOf");
                    }
                    break;
                case "oneOf":
                    var matches = value.EnumerateArray().Count(sub => Valid(instance, sub, file));
                    if (matches != 1)
                    {
                        errors.Add($"{at}: matches {matches} of oneOf (need exactly 1)");
                    }
                    break;
                case "not":
                    if (Valid(instance, value, file))
                    {
                        errors.Add($"{at}: matches a 'not' schema");
                    }
                    break;
                case "if":
                    if (Valid(instance, value, file) && schema.TryGetProperty("then", out var then))
                    {
                        Check(instance, then, file, at, errors);
                    }
                    break;
            }
        }
    }

    private (JsonElement Schema, string File) Resolve(string reference, string file)
    {
        var hash = reference.IndexOf('#', StringComparison.Ordinal);
        var filePart = hash >= 0 ? reference[..hash] : reference;
        var pointer = hash >= 0 ? reference[(hash + 1)..] : "";
        var targetFile = filePart.Length == 0 ? file : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, filePart));
        var element = Load(targetFile).RootElement;
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            element = element.GetProperty(segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        }
        return (element, targetFile);
    }

    private Regex Pattern(string pattern)
    {
        if (!_patterns.TryGetValue(pattern, out var regex))
        {
            regex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            _patterns[pattern] = regex;
        }
        return regex;
    }

    private static bool IsType(JsonElement instance, string type) => type switch
    {
        "object" => instance.ValueKind == JsonValueKind.Object,
        "array" => instance.ValueKind == JsonValueKind.Array,
        "string" => instance.ValueKind == JsonValueKind.String,
        "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => instance.ValueKind == JsonValueKind.Null,
        "number" => instance.ValueKind == JsonValueKind.Number,
        "integer" => instance.ValueKind == JsonValueKind.Number && instance.TryGetDecimal(out var d) && decimal.Truncate(d) == d,
        _ => false,
    };
}

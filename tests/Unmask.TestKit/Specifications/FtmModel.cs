using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Unmask.TestKit.Specifications;

/// <summary>One FtM property as the schema YAML defines it (inherited ones included on the child schema).</summary>
/// <param name="Type">The FtM type name ("name", "date", "entity", …); "string" when the YAML names none, as in FtM.</param>
/// <param name="Range">For entity-typed properties, the schema the referenced entity must be or descend from.</param>
/// <param name="Stub">A reverse property (e.g. Person.identification, made from Identification.holder): FtM refuses
/// values for it; the link is written on the other entity.</param>
public sealed record FtmProperty(string Name, string Schema, string Type, string? Range, int? MaxLength, bool Stub);

/// <summary>One FtM schema with everything it inherits through <c>extends</c> (several parents allowed).</summary>
public sealed record FtmSchema(
    string Name,
    bool Abstract,
    bool Deprecated,
    IReadOnlyList<string> Required,
    IReadOnlySet<string> Ancestors,
    IReadOnlyDictionary<string, FtmProperty> Properties)
{
    /// <summary>FtM's <c>is_a</c>: this schema is <paramref name="other"/> or one of its descendants.</summary>
    public bool IsA(string other) => Ancestors.Contains(other);
}

/// <summary>The FollowTheMoney schemata read from the published YAML definitions (../shared/data/followthemoney/schema),
/// resolved the way followthemoney's <c>Schema.generate</c> does: properties are inherited from every parent unless
/// redefined, <c>required</c> is each schema's own list (not inherited), and every entity property with a
/// <c>reverse</c> adds a stub property to its range schema.</summary>
public sealed class FtmModel
{
    private readonly Dictionary<string, FtmSchema> _schemata;

    private FtmModel(Dictionary<string, FtmSchema> schemata) => _schemata = schemata;

    public IReadOnlyDictionary<string, FtmSchema> Schemata => _schemata;

    public FtmSchema? Get(string name) => _schemata.GetValueOrDefault(name);

    public static FtmModel Load(string schemaFolder)
    {
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .IgnoreUnmatchedProperties()
            .Build();
        var definitions = new Dictionary<string, SchemaYaml>(StringComparer.Ordinal);
        var files = Directory.EnumerateFiles(schemaFolder)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            throw new FileNotFoundException($"no FtM schema YAML in {schemaFolder}");
        }
        foreach (var file in files)
        {
            foreach (var (name, definition) in deserializer.Deserialize<Dictionary<string, SchemaYaml>>(File.ReadAllText(file)))
            {
                definitions[name] = definition;
            }
        }

        var reverses = definitions
            .SelectMany(d => (d.Value.Properties ?? []).Select(p => (Schema: d.Key, Name: p.Key, Property: p.Value)))
            .Where(p => p.Property.Reverse?.Name is not null && p.Property.Range is not null)
            .Select(p => (RangeSchema: p.Property.Range!, Stub: new FtmProperty(p.Property.Reverse!.Name!, p.Property.Range!, "entity", p.Schema, null, Stub: true)))
            .ToList();

        var resolved = new Dictionary<string, FtmSchema>(StringComparer.Ordinal);
        FtmSchema Resolve(string name, HashSet<string> visiting)
        {
            if (resolved.TryGetValue(name, out var done))
            {
                return done;
            }
            if (!definitions.TryGetValue(name, out var definition))
            {
                throw new InvalidDataException($"FtM schema '{name}' is extended but not defined in {schemaFolder}");
            }
            if (!visiting.Add(name))
            {
                throw new InvalidDataException($"FtM schema '{name}' extends itself");
            }
            var properties = new Dictionary<string, FtmProperty>(StringComparer.Ordinal);
            foreach (var (propertyName, property) in definition.Properties ?? [])
            {
                properties[propertyName] = new(propertyName, name, property.Type ?? "string", property.Range, property.MaxLength, Stub: false);
            }
            foreach (var stub in reverses.Where(r => r.RangeSchema == name))
            {
                properties.TryAdd(stub.Stub.Name, stub.Stub);
            }
            var ancestors = new HashSet<string>(StringComparer.Ordinal) { name };
            foreach (var parent in (definition.Extends ?? []).Select(p => Resolve(p, visiting)))
            {
                ancestors.UnionWith(parent.Ancestors);
                foreach (var inherited in parent.Properties.Values)
                {
                    properties.TryAdd(inherited.Name, inherited);
                }
            }
            var schema = new FtmSchema(name, definition.Abstract, definition.Deprecated, definition.Required ?? [], ancestors, properties);
            resolved[name] = schema;
            return schema;
        }
        foreach (var name in definitions.Keys)
        {
            Resolve(name, new HashSet<string>(StringComparer.Ordinal));
        }
        return new FtmModel(resolved);
    }

    // YamlDotNet fills these by reflection.
    private sealed class SchemaYaml
    {
        public List<string>? Extends { get; set; }
        public bool Abstract { get; set; }
        public bool Deprecated { get; set; }
        public List<string>? Required { get; set; }
        public Dictionary<string, PropertyYaml>? Properties { get; set; }
    }

    private sealed class PropertyYaml
    {
        public string? Type { get; set; }
        public string? Range { get; set; }
        public int? MaxLength { get; set; }
        public ReverseYaml? Reverse { get; set; }
    }

    private sealed class ReverseYaml
    {
        public string? Name { get; set; }
    }
}

using System.Text.Json;

namespace Unmask.LinkGraph.Export;

/// <summary>
/// One FtM entity as the exporter writes it: id, schema, multi-valued properties (values in the order added, without
/// duplicates) and the top-level keys OpenSanctions' exports carry (<c>caption</c>, <c>datasets</c>, <c>referents</c>,
/// <c>target</c>, <c>first_seen</c>, <c>last_seen</c>, <c>last_change</c>), plus an <c>unmask</c> key for what FtM
/// has no place for (the node's risk and flags, the Unmask schema when FtM has none). Written with sorted keys.
/// </summary>
internal sealed class FtmEntity(string id, string schema)
{
    private readonly SortedDictionary<string, List<string>> _properties = new(StringComparer.Ordinal);

    public string Id { get; } = id;
    public string Schema { get; set; } = schema;
    public IReadOnlyDictionary<string, List<string>> Properties => _properties;
    public string? Caption { get; set; }
    public List<string> Datasets { get; } = [];
    public IReadOnlyList<string> Referents { get; set; } = [];
    public bool Target { get; set; }
    public DateTimeOffset? FirstSeen { get; set; }
    public DateTimeOffset? LastSeen { get; set; }
    public DateTimeOffset? LastChange { get; set; }
    public UnmaskExtra? Extra { get; set; }

    /// <summary>What the graph knows and FtM cannot hold: risk, flags, the Unmask schema (when FtM has none) and the
    /// node id (only when the FtM id could not carry it, being over FtM's length limit).</summary>
    public sealed record UnmaskExtra(int Risk, int Flags, string? Schema, string? Node);

    public IReadOnlyList<string> Get(string property) => _properties.TryGetValue(property, out var values) ? values : [];

    public FtmEntity Add(string property, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return this;
        }
        if (!_properties.TryGetValue(property, out var values))
        {
            _properties[property] = values = [];
        }
        if (!values.Contains(value, StringComparer.Ordinal))
        {
            values.Add(value);
        }
        return this;
    }

    public FtmEntity AddRange(string property, IEnumerable<string?> values)
    {
        foreach (var value in values)
        {
            Add(property, value);
        }
        return this;
    }

    public void Set(string property, List<string> values)
    {
        if (values.Count == 0)
        {
            _properties.Remove(property);
        }
        else
        {
            _properties[property] = values;
        }
    }

    public void Remove(string property) => _properties.Remove(property);

    /// <summary>Adds the other's values and datasets (the same generated entity reached from two holders).</summary>
    public void Merge(FtmEntity other)
    {
        foreach (var (property, values) in other._properties)
        {
            AddRange(property, values);
        }
        foreach (var dataset in other.Datasets.Where(d => !Datasets.Contains(d, StringComparer.Ordinal)))
        {
            Datasets.Add(dataset);
        }
        Target |= other.Target;
    }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        if (Caption is not null)
        {
            writer.WriteString("caption", Caption);
        }
        if (Datasets.Count > 0)
        {
            Strings(writer, "datasets", Datasets);
        }
        Time(writer, "first_seen", FirstSeen);
        writer.WriteString("id", Id);
        Time(writer, "last_change", LastChange);
        Time(writer, "last_seen", LastSeen);
        writer.WriteStartObject("properties");
        foreach (var (property, values) in _properties)
        {
            Strings(writer, property, values);
        }
        writer.WriteEndObject();
        Strings(writer, "referents", Referents);
        writer.WriteString("schema", Schema);
        writer.WriteBoolean("target", Target);
        if (Extra is { } extra)
        {
            writer.WriteStartObject("unmask");
            writer.WriteNumber("flags", extra.Flags);
            if (extra.Node is not null)
            {
                writer.WriteString("node", extra.Node);
            }
            writer.WriteNumber("risk", extra.Risk);
            if (extra.Schema is not null)
            {
                writer.WriteString("schema", extra.Schema);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }
        writer.WriteEndArray();
    }

    private static void Time(Utf8JsonWriter writer, string name, DateTimeOffset? time)
    {
        if (time is { } value)
        {
            writer.WriteString(name, FtmValues.Time(value));
        }
    }
}

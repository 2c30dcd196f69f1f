using System.Globalization;
using System.Text;

namespace Unmask.Domain;

/// <summary>
/// A FollowTheMoney-style entity: an id, a schema and multi-valued string properties named as in FtM.
/// Values are trimmed, empty values are dropped and each property keeps its values in first-seen order without duplicates.
/// </summary>
public sealed class Entity
{
    private readonly Dictionary<string, List<string>> _properties = new(StringComparer.Ordinal);

    public Entity(string id, Schema schema, string dataset)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataset);
        Id = id;
        Schema = schema;
        Dataset = dataset;
    }

    public string Id { get; }
    public Schema Schema { get; private set; }

    /// <summary>The dataset (list) this record was read from, e.g. <c>us_ofac_sdn</c>.</summary>
    public string Dataset { get; }

    public IReadOnlyDictionary<string, List<string>> Properties => _properties;

    /// <summary>True for a list target (a designated person, company, vessel or an IOC). False for an entity kept only for
    /// context, as FtM's <c>target: false</c> says (an applicant, a vendor, a firm, an address, a sanction or a link read
    /// from an FtM file): it joins the graph but is never screened as a list hit.</summary>
    public bool Target { get; set; } = true;

    /// <summary>When the publisher (or Unmask) first saw the entity (FtM <c>first_seen</c>), if known.</summary>
    public DateTimeOffset? FirstSeen { get; set; }

    /// <summary>When the entity was last seen in a published file (FtM <c>last_seen</c>), if known.</summary>
    public DateTimeOffset? LastSeen { get; set; }

    /// <summary>When the entity's content last changed (FtM <c>last_change</c>), if known.</summary>
    public DateTimeOffset? LastChange { get; set; }

    /// <summary>Other ids the entity was known by (FtM <c>referents</c>): source ids merged into this one.</summary>
    public IReadOnlyList<string> Referents { get; private set; } = [];

    /// <summary>Every dataset that lists the entity (FtM <c>datasets</c>): <see cref="Dataset"/> first, then the others
    /// the source named (an OpenSanctions entity merged from several lists).</summary>
    public IReadOnlyList<string> Datasets => _otherDatasets.Count == 0 ? [Dataset] : [Dataset, .. _otherDatasets];

    private readonly List<string> _otherDatasets = [];

    /// <summary>The datasets besides <see cref="Dataset"/>.</summary>
    public IReadOnlyList<string> OtherDatasets => _otherDatasets;

    public Entity AddReferents(IEnumerable<string?> referents)
    {
        var merged = new List<string>(Referents);
        foreach (var referent in referents)
        {
            if (!string.IsNullOrWhiteSpace(referent) && referent != Id && !merged.Contains(referent, StringComparer.Ordinal))
            {
                merged.Add(referent.Trim());
            }
        }
        Referents = merged;
        return this;
    }

    public Entity AddDatasets(IEnumerable<string?> datasets)
    {
        foreach (var dataset in datasets)
        {
            if (!string.IsNullOrWhiteSpace(dataset) && dataset != Dataset && !_otherDatasets.Contains(dataset, StringComparer.Ordinal))
            {
                _otherDatasets.Add(dataset.Trim());
            }
        }
        return this;
    }

    /// <summary>Display name: the first name, else the first alias, else the id (FtM "caption").</summary>
    public string Caption =>
        First("name") ?? First("alias") ?? First("publicKey") ?? First("domain") ?? First("ipAddress") ?? First("cidr")
        ?? First("email") ?? First("username") ?? Id;

    public IReadOnlyList<string> Get(string property) =>
        _properties.TryGetValue(property, out var values) ? values : [];

    public string? First(string property) =>
        _properties.TryGetValue(property, out var values) && values.Count > 0 ? values[0] : null;

    public bool Has(string property) => _properties.ContainsKey(property);

    /// <summary>Adds a value to a property the schema defines; blank values are ignored. Returns this entity.</summary>
    public Entity Add(string property, string? value)
    {
        var clean = Clean(value);
        if (clean.Length == 0)
        {
            return this;
        }
        if (Schema.FindProperty(property) is null)
        {
            throw new ArgumentException($"schema {Schema.Name} has no property '{property}'", nameof(property));
        }
        if (!_properties.TryGetValue(property, out var values))
        {
            values = [];
            _properties[property] = values;
        }
        if (!values.Contains(clean, StringComparer.Ordinal))
        {
            values.Add(clean);
        }
        return this;
    }

    /// <summary>Drops every value of a property. Returns this entity.</summary>
    public Entity Remove(string property)
    {
        _properties.Remove(property);
        return this;
    }

    public Entity AddRange(string property, IEnumerable<string?> values)
    {
        foreach (var value in values)
        {
            Add(property, value);
        }
        return this;
    }

    /// <summary>Moves the entity to a more specific schema (e.g. LegalEntity to Person) when the reader learns more.</summary>
    public void Specialise(Schema schema)
    {
        if (!schema.IsA(Schema.Name))
        {
            throw new ArgumentException($"{schema.Name} is not a kind of {Schema.Name}", nameof(schema));
        }
        Schema = schema;
    }

    /// <summary>Every name the entity is known by: name, alias, previousName, then weakAlias.</summary>
    public IEnumerable<string> AllNames() =>
        Get("name").Concat(Get("alias")).Concat(Get("previousName")).Concat(Get("weakAlias")).Distinct(StringComparer.Ordinal);

    public int NameCount => AllNames().Count();

    private static string Clean(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "";
        }
        var normalised = value.Normalize(NormalizationForm.FormC);
        var builder = new StringBuilder(normalised.Length);
        var lastWasSpace = false;
        foreach (var c in normalised)
        {
            var isSpace = char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Control;
            if (isSpace)
            {
                if (!lastWasSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }
                lastWasSpace = true;
                continue;
            }
            builder.Append(c);
            lastWasSpace = false;
        }
        return builder.ToString().TrimEnd();
    }

    public override string ToString() => $"{Schema.Name} {Id} '{Caption}'";
}

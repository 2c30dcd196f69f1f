using System.Globalization;
using System.Text;
using System.Text.Json;
using Unmask.TestKit.Specifications;

namespace Unmask.TestKit;

/// <summary>What an export must survive, as facets compared before and after a round trip: each facet is a set of
/// "id|value" strings (entities with their schema or type, names, identifiers, datasets, references and relationships,
/// list targets).</summary>
public sealed record ExportFacets(IReadOnlyDictionary<string, IReadOnlySet<string>> Facets)
{
    /// <summary>"entities 120 → 120, names 300 → 298, …" and, for each facet that differs, the first values lost and gained.</summary>
    public static (bool Same, string Report) Compare(ExportFacets before, ExportFacets after)
    {
        var report = new StringBuilder();
        var same = true;
        var differences = new StringBuilder();
        foreach (var (facet, values) in before.Facets)
        {
            var later = after.Facets.GetValueOrDefault(facet) ?? new HashSet<string>();
            report.Append(CultureInfo.InvariantCulture, $"{facet} {values.Count} → {later.Count}, ");
            var lost = values.Where(v => !later.Contains(v)).Order(StringComparer.Ordinal).ToList();
            var gained = later.Where(v => !values.Contains(v)).Order(StringComparer.Ordinal).ToList();
            if (lost.Count + gained.Count > 0)
            {
                same = false;
                differences.Append(CultureInfo.InvariantCulture, $"\n  {facet}: {lost.Count} lost (")
                    .AppendJoin("; ", lost.Take(5)).Append(CultureInfo.InvariantCulture, $"), {gained.Count} gained (").AppendJoin("; ", gained.Take(5)).Append(')');
            }
        }
        return (same, report.ToString().TrimEnd(',', ' ') + differences);
    }

    private static readonly HashSet<string> IdentifierTypes = new(StringComparer.Ordinal) { "identifier", "email", "phone", "url", "ip", "iban" };

    /// <summary>The facets of an FtM JSON lines export, read with the FtM schema model: names are the name-typed
    /// properties, identifiers the identifier, e-mail, phone, URL, IP and IBAN ones, references the entity-typed ones
    /// (holders, owners and assets, sanctioned entities…).</summary>
    public static ExportFacets OfFtmLines(string path, FtmModel model)
    {
        var facets = NewFacets("entities", "names", "identifiers", "datasets", "references", "targets");
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0))
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var id = root.GetProperty("id").GetString()!;
            var schema = root.GetProperty("schema").GetString()!;
            if (schema == "Note")
            {
                // Cases travel as Notes; `lists import` reads lists, not cases, so they are not part of the round trip.
                continue;
            }
            facets["entities"].Add($"{id}|{schema}");
            if (root.TryGetProperty("target", out var target) && target.ValueKind == JsonValueKind.True)
            {
                facets["targets"].Add(id);
            }
            if (root.TryGetProperty("datasets", out var datasets))
            {
                foreach (var dataset in datasets.EnumerateArray())
                {
                    facets["datasets"].Add($"{id}|{dataset.GetString()}");
                }
            }
            var properties = model.Get(schema)?.Properties;
            foreach (var property in root.GetProperty("properties").EnumerateObject())
            {
                var type = properties?.GetValueOrDefault(property.Name)?.Type;
                var facet = type == "name" ? "names" : type == "entity" ? "references" : type is not null && IdentifierTypes.Contains(type) ? "identifiers" : null;
                if (facet is null)
                {
                    continue;
                }
                foreach (var value in property.Value.EnumerateArray())
                {
                    facets[facet].Add($"{id}|{property.Name}|{value.GetString()}");
                }
            }
        }
        return Freeze(facets);
    }

    /// <summary>The facets of a STIX bundle: objects by id and type, names, patterns and observable values (identifiers),
    /// external references' source names (datasets and publishers), relationships, and object references (notes,
    /// opinions and groupings on objects).</summary>
    public static ExportFacets OfStixBundle(string path) => OfStixBundle(path, listObjectsOnly: false);

    /// <param name="listObjectsOnly">Only the objects of list entries (those with a reference to their list's publisher)
    /// and the relationships between them: what <c>lists import</c> of a bundle restores. Vetted records and sites come
    /// back from a bundle as context names only, so the graph's own round trip is checked by the graph reader instead.</param>
    public static ExportFacets OfStixBundle(string path, bool listObjectsOnly)
    {
        var facets = NewFacets("objects", "names", "identifiers", "datasets", "relationships", "references");
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        var all = document.RootElement.GetProperty("objects").EnumerateArray().ToList();
        var listed = all.Where(o => o.TryGetProperty("external_references", out _) && IsDesignated(o))
            .Select(o => o.GetProperty("id").GetString()!).ToHashSet(StringComparer.Ordinal);
        foreach (var item in all)
        {
            var id = item.GetProperty("id").GetString()!;
            var type = item.GetProperty("type").GetString()!;
            if (listObjectsOnly && !listed.Contains(id) && !(type == "relationship"
                    && listed.Contains(item.GetProperty("source_ref").GetString()!) && listed.Contains(item.GetProperty("target_ref").GetString()!)))
            {
                continue;
            }
            facets["objects"].Add($"{id}|{type}");
            if (item.TryGetProperty("name", out var name))
            {
                facets["names"].Add($"{id}|{name.GetString()}");
            }
            foreach (var property in new[] { "pattern", "value" })
            {
                if (item.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    facets["identifiers"].Add($"{id}|{value.GetString()}");
                }
            }
            if (item.TryGetProperty("external_references", out var references))
            {
                foreach (var reference in references.EnumerateArray())
                {
                    facets["datasets"].Add($"{id}|{(reference.TryGetProperty("source_name", out var source) ? source.GetString() : "")}");
                }
            }
            if (type == "relationship")
            {
                facets["relationships"].Add($"{item.GetProperty("source_ref").GetString()}|{item.GetProperty("relationship_type").GetString()}|{item.GetProperty("target_ref").GetString()}");
            }
            if (item.TryGetProperty("object_refs", out var objects))
            {
                foreach (var reference in objects.EnumerateArray())
                {
                    facets["references"].Add($"{id}|{reference.GetString()}");
                }
            }
        }
        return Freeze(facets);
    }

    /// <summary>A list object Unmask wrote as designated (its extension's flags say so): records and sites read back from
    /// a bundle are list-held context entities, never designated.</summary>
    private static bool IsDesignated(JsonElement item) =>
        item.TryGetProperty("extensions", out var extensions) && extensions.ValueKind == JsonValueKind.Object
        && extensions.EnumerateObject().Any(e => e.Value.ValueKind == JsonValueKind.Object
            && e.Value.TryGetProperty("flags", out var flags) && flags.TryGetInt32(out var value) && (value & 1) != 0);

    private static Dictionary<string, HashSet<string>> NewFacets(params string[] names) =>
        names.ToDictionary(n => n, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);

    private static ExportFacets Freeze(Dictionary<string, HashSet<string>> facets) =>
        new(facets.ToDictionary(f => f.Key, f => (IReadOnlySet<string>)f.Value, StringComparer.Ordinal));
}

using System.Text;
using System.Text.Json;
using Unmask.Domain;
using Unmask.LinkGraph.Export;

namespace Unmask.LinkGraph.Tests.Support;

/// <summary>An FtM export written and parsed back, with lookups by id and schema for assertions.</summary>
internal sealed class FtmLines
{
    private FtmLines(byte[] bytes)
    {
        Bytes = bytes;
        Text = Encoding.UTF8.GetString(bytes);
        Entities = [.. Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
    }

    public byte[] Bytes { get; }
    public string Text { get; }
    public IReadOnlyList<JsonElement> Entities { get; }

    public static FtmLines Write(ExportContent content)
    {
        using var stream = new MemoryStream();
        FtmWriter.Write(content, stream);
        return new FtmLines(stream.ToArray());
    }

    public JsonElement this[string id] => Entities.Single(e => e.GetProperty("id").GetString() == id);

    public IEnumerable<JsonElement> OfSchema(string schema) => Entities.Where(e => e.GetProperty("schema").GetString() == schema);

    /// <summary>Entities of <paramref name="schema"/> whose <paramref name="property"/> names <paramref name="id"/>.</summary>
    public IReadOnlyList<JsonElement> Referring(string schema, string property, string id) =>
        [.. OfSchema(schema).Where(e => Values(e, property).Contains(id))];

    public static IReadOnlyList<string> Values(JsonElement entity, string property) =>
        entity.GetProperty("properties").TryGetProperty(property, out var values)
            ? [.. values.EnumerateArray().Select(v => v.GetString()!)]
            : [];

    /// <summary>Content holding the graph built from <paramref name="entities"/> (each added as a list entity of its
    /// dataset's kind), those entities, and the datasets.</summary>
    public static ExportContent Content(IEnumerable<Entity> entities, IEnumerable<Dataset> datasets, Action<GraphBuilder>? more = null,
        IReadOnlyList<CaseExport>? cases = null)
    {
        var byName = datasets.ToDictionary(d => d.Name, StringComparer.Ordinal);
        var list = entities.ToList();
        var builder = new GraphBuilder();
        foreach (var entity in list)
        {
            builder.AddEntity(entity, byName.TryGetValue(entity.Dataset, out var dataset) ? dataset.Kind : DatasetKind.Other);
        }
        more?.Invoke(builder);
        return new ExportContent(GraphSelection.All(builder.Build()), list.ToDictionary(e => e.Id, StringComparer.Ordinal), byName,
            cases ?? [], ExportContents.ExportedAt);
    }
}

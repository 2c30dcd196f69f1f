using System.Globalization;
using System.Text.Json;
using Unmask.LinkGraph.Model;

namespace Unmask.LinkGraph.Export;

/// <summary>
/// Reads FollowTheMoney JSON lines into a graph: the inverse of <see cref="FtmWriter"/> (ids <c>unmask-&lt;kind&gt;-…</c>
/// map back to record and site nodes, others to <c>entity:&lt;id&gt;</c>). Works on plain FtM too: phone, email, address,
/// website and idNumber properties become identifier edges, CryptoWallet holders wallet edges, Ownership, Directorship and
/// UnknownLink entities edges. Bad JSON throws <see cref="Unmask.Domain.InputException"/> with the line number.
/// </summary>
public static class FtmReader
{
    public static LinkGraph Read(Stream input, GraphOptions? options = null, string file = "ftm")
    {
        var builder = new GraphBuilder();
        using var reader = new StreamReader(input);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            try
            {
                using var document = JsonDocument.Parse(line);
                Add(builder, document.RootElement);
            }
            catch (JsonException ex)
            {
                throw new Unmask.Domain.InputException(file, lineNumber, "not a JSON object: " + ex.Message, ex);
            }
            catch (ArgumentException ex)
            {
                throw new Unmask.Domain.InputException(file, lineNumber, ex.Message, ex);
            }
        }
        return builder.Build(options);
    }

    internal static string NodeIdOf(string ftmId)
    {
        if (ftmId.StartsWith("unmask-", StringComparison.Ordinal))
        {
            var rest = ftmId["unmask-".Length..];
            var dash = rest.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0)
            {
                var kind = NodeKinds.FromPrefix(rest.AsSpan(0, dash));
                if (kind != NodeKind.Other && kind != NodeKind.Entity)
                {
                    return $"{kind.Prefix()}:{rest[(dash + 1)..]}";
                }
            }
        }
        return NodeIds.Entity(ftmId);
    }

    private static void Add(GraphBuilder builder, JsonElement entity)
    {
        var id = entity.GetProperty("id").GetString() ?? throw new ArgumentException("entity without id");
        var schema = entity.GetProperty("schema").GetString() ?? throw new ArgumentException("entity without schema");
        var properties = entity.TryGetProperty("properties", out var p) ? p : default;
        string? First(string name) => Values(properties, name).FirstOrDefault();
        var publisher = First("publisher") ?? "ftm";
        switch (schema)
        {
            case "Ownership":
                Link(builder, First("asset"), First("owner"), Relations.OwnedBy, First("description"), publisher, First("summary"));
                return;
            case "Directorship":
                Link(builder, First("organization"), First("director"), Relations.DirectedBy, First("description"), publisher, First("summary"));
                return;
            case "UnknownLink":
                Link(builder, First("subject"), First("object"), First("role") ?? Relations.LinkedTo, First("description"), publisher, First("summary"));
                return;
            case "Identification" when First("holder") is { } holder && First("type") is { } type && First("number") is { } number:
                var relation = First("summary") ?? Relations.HasIdNumber;
                var identifier = $"{type}:{number}";
                if (relation.StartsWith("reverse:", StringComparison.Ordinal))
                {
                    builder.AddEdge(identifier, NodeIdOf(holder), relation["reverse:".Length..], First("description") ?? "", publisher);
                }
                else
                {
                    builder.AddEdge(NodeIdOf(holder), identifier, relation, First("description") ?? "", publisher);
                }
                return;
            case "CryptoWallet" when id.StartsWith("unmask-wallet-", StringComparison.Ordinal):
                var wallet = NodeIdOf(id);
                foreach (var holderId in Values(properties, "holder"))
                {
                    builder.AddEdge(NodeIdOf(holderId), wallet, Relations.HasWallet, "", "ftm");
                }
                return;
        }
        var unmask = entity.TryGetProperty("unmask", out var u) ? u : default;
        var node = unmask.ValueKind == JsonValueKind.Object && unmask.TryGetProperty("node", out var n) ? n.GetString()! : NodeIdOf(id);
        var designated = entity.TryGetProperty("target", out var target) && target.ValueKind == JsonValueKind.True;
        var flags = unmask.ValueKind == JsonValueKind.Object && unmask.TryGetProperty("flags", out var f) ? (NodeFlags)f.GetInt32()
            : designated ? NodeFlags.Designated : NodeFlags.None;
        var risk = unmask.ValueKind == JsonValueKind.Object && unmask.TryGetProperty("risk", out var r) ? r.GetInt32() : designated ? 100 : 0;
        var originalSchema = unmask.ValueKind == JsonValueKind.Object && unmask.TryGetProperty("schema", out var s) ? s.GetString() : schema;
        var dataset = entity.TryGetProperty("datasets", out var datasets) && datasets.ValueKind == JsonValueKind.Array && datasets.GetArrayLength() > 0
            ? datasets[0].GetString() : null;
        var caption = entity.TryGetProperty("caption", out var c) ? c.GetString() : First("name");
        builder.AddNode(node, caption, risk, flags, originalSchema, dataset);
        foreach (var (relation, kind, property) in FtmWriter.PropertyMap)
        {
            foreach (var value in Values(properties, property))
            {
                var identifier = Normalise(kind, value);
                if (identifier is not null)
                {
                    builder.AddEdge(node, identifier, relation, $"{property} '{value}' in FtM entity {id}", dataset ?? "ftm");
                }
            }
        }
        if (schema == "CryptoWallet" && First("publicKey") is { } key)
        {
            builder.AddEdge(node, NodeIds.Wallet(key, First("currencySymbol")) ?? "wallet:" + key, Relations.HasWallet, $"publicKey of {id}", dataset ?? "ftm");
        }
    }

    private static string? Normalise(NodeKind kind, string value) => kind switch
    {
        NodeKind.Phone => NodeIds.Phone(value) ?? "phone:" + value,
        NodeKind.Email => NodeIds.Email(value),
        NodeKind.Address => NodeIds.Address(value),
        NodeKind.Domain => NodeIds.Domain(value),
        NodeKind.IdNumber => NodeIds.IdNumber(value),
        _ => null,
    };

    private static void Link(GraphBuilder builder, string? from, string? to, string relation, string? evidence, string source, string? summary)
    {
        if (from is null || to is null)
        {
            return;
        }
        var weight = summary is not null && summary.StartsWith("weight=", StringComparison.Ordinal)
                     && double.TryParse(summary["weight=".Length..], NumberStyles.Float, CultureInfo.InvariantCulture, out var w) ? w : 1.0;
        builder.AddEdge(NodeIdOf(from), NodeIdOf(to), relation, evidence ?? "", source, weight);
    }

    private static IEnumerable<string> Values(JsonElement properties, string name)
    {
        if (properties.ValueKind != JsonValueKind.Object || !properties.TryGetProperty(name, out var values) || values.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }
        foreach (var value in values.EnumerateArray())
        {
            if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
            {
                yield return text;
            }
        }
    }
}

using System.Globalization;
using System.Text.Json;
using Unmask.Domain;
using Unmask.Domain.Identifiers;
using Unmask.LinkGraph.Model;

namespace Unmask.LinkGraph.Export;

/// <summary>
/// Reads FollowTheMoney JSON lines into a graph: the inverse of <see cref="FtmWriter"/>. Ids written as
/// <c>unmask-&lt;kind&gt;-…</c> map back to record and site nodes, other ids to <c>entity:&lt;id&gt;</c> (see
/// <see cref="FtmIds"/>). Entities become graph nodes as the list importer would add them (their phone, email, address,
/// website, identifier and wallet properties become identifier edges); link schemata (Ownership, Directorship,
/// Employment, Associate, UnknownLink...) become edges, with the relation their role names when it is one of Unmask's;
/// the CryptoWallet, UserAccount and Identification entities the writer generates for shared identifiers become the
/// identifier edges they came from; Sanction, Address and Note entities add nothing to the graph. Works on plain FtM
/// too. Bad JSON throws <see cref="InputException"/> with the line number.
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
                throw new InputException(file, lineNumber, "not a JSON object: " + ex.Message, ex);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or KeyNotFoundException)
            {
                throw new InputException(file, lineNumber, ex.Message, ex);
            }
        }
        return builder.Build(options);
    }

    /// <summary>The graph node an FtM id stands for.</summary>
    internal static string NodeIdOf(string ftmId)
    {
        if (FtmIds.TryParse(ftmId, out var prefix, out var value))
        {
            var kind = NodeKinds.FromPrefix(prefix);
            if (kind != NodeKind.Other && NodeIds.IsWellFormed($"{prefix}:{value}"))
            {
                return $"{prefix}:{value}";
            }
        }
        return NodeIds.Entity(FtmIds.ToEntityId(ftmId));
    }

    private static void Add(GraphBuilder builder, JsonElement entity)
    {
        var id = entity.GetProperty("id").GetString() ?? throw new ArgumentException("entity without id");
        var schema = entity.GetProperty("schema").GetString() ?? throw new ArgumentException("entity without schema");
        var properties = entity.TryGetProperty("properties", out var p) ? p : default;
        string? First(string name) => Values(properties, name).FirstOrDefault();
        var datasets = entity.TryGetProperty("datasets", out var d) && d.ValueKind == JsonValueKind.Array
            ? d.EnumerateArray().Select(v => v.GetString()).OfType<string>().ToList() : [];
        var source = First("publisher") ?? datasets.FirstOrDefault() ?? "ftm";
        FtmIds.TryParse(id, out var generated, out _);
        var link = FtmModel.Links.FirstOrDefault(l => l.Schema == schema);
        if (link.Schema is not null)
        {
            var relation = FtmRelations.RelationOf(schema, First);
            foreach (var from in Values(properties, link.From))
            {
                foreach (var to in Values(properties, link.To))
                {
                    builder.AddEdge(NodeIdOf(from), NodeIdOf(to), relation, First("description") ?? "", source, Weight(First("summary")));
                }
            }
            return;
        }
        switch (schema)
        {
            case "Identification" when generated == "ident" && First("holder") is { } holder && First("type") is { } type && First("number") is { } number:
                var summary = First("summary") ?? Relations.HasIdNumber;
                var identifier = $"{type}:{number}";
                if (summary.StartsWith("reverse:", StringComparison.Ordinal))
                {
                    builder.AddEdge(identifier, NodeIdOf(holder), summary["reverse:".Length..], First("description") ?? "", source);
                }
                else
                {
                    builder.AddEdge(NodeIdOf(holder), identifier, summary, First("description") ?? "", source);
                }
                return;
            case "CryptoWallet" when generated == "wallet":
                AddHeld(builder, properties, "holder", NodeIdOf(id), Relations.HasWallet);
                return;
            case "UserAccount" when generated == "username":
                AddHeld(builder, properties, "owner", NodeIdOf(id), Relations.HasUsername);
                return;
        }
        var unmask = entity.TryGetProperty("unmask", out var u) && u.ValueKind == JsonValueKind.Object ? u : default;
        string? Extra(string name) => unmask.ValueKind == JsonValueKind.Object && unmask.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        int? Number(string name) => unmask.ValueKind == JsonValueKind.Object && unmask.TryGetProperty(name, out var v) && v.TryGetInt32(out var n) ? n : null;
        var node = Extra("node") ?? NodeIdOf(id);
        var target = entity.TryGetProperty("target", out var t) && t.ValueKind == JsonValueKind.True;
        var flags = Number("flags") is { } f ? (NodeFlags)f : target ? NodeFlags.Designated : NodeFlags.None;
        var caption = entity.TryGetProperty("caption", out var c) ? c.GetString() : First("name");
        var originalSchema = Extra("schema") ?? schema;
        if (NodeIds.KindOf(node) == NodeKind.Entity)
        {
            if (!Schemas.TryGet(originalSchema, out var known) || known.IsAbstract)
            {
                return; // Note, Event, Document...: nothing the graph holds
            }
            var listEntity = ToEntity(NodeIds.ValueOf(node), known, datasets, properties);
            listEntity.Target = target;
            if (builder.AddEntity(listEntity, target ? DatasetKind.Sanctions : DatasetKind.Other) is { } added)
            {
                builder.AddNode(added, caption, Number("risk") ?? 0, flags);
            }
            return;
        }
        var dataset = datasets.FirstOrDefault();
        builder.AddNode(node, caption, Number("risk") ?? (target ? 100 : 0), flags, originalSchema, dataset);
        var kind = NodeIds.KindOf(node);
        foreach (var (property, relation) in new[]
                 {
                     ("phone", Relations.HasPhone), ("email", Relations.HasEmail), ("address", Relations.HasAddress),
                     ("website", kind == NodeKind.Site ? Relations.HasDomain : Relations.HasWebsite), ("idNumber", Relations.HasIdNumber),
                 })
        {
            foreach (var value in Values(properties, property))
            {
                if (Normalise(property, value) is { } identifier)
                {
                    builder.AddEdge(node, identifier, relation, $"{property} '{value}' in FtM entity {id}", dataset ?? "ftm");
                }
            }
        }
    }

    /// <summary>An Unmask entity from an FtM one: properties Unmask's schema has (under Unmask's names), references
    /// mapped back to Unmask ids, and the IOC extension schemas restored from the shape the writer gave them.</summary>
    private static Entity ToEntity(string entityId, Schema schema, List<string> datasets, JsonElement properties)
    {
        var entity = new Entity(entityId, schema, datasets.FirstOrDefault() ?? "ftm");
        entity.AddDatasets(datasets.Skip(1));
        if (properties.ValueKind != JsonValueKind.Object)
        {
            return entity;
        }
        foreach (var property in properties.EnumerateObject())
        {
            var name = (schema.Name, property.Name) switch
            {
                ("CryptoWallet", "mangingExchange") => "managingExchange",
                ("Identification" or "Passport", "startDate") => "issueDate",
                ("Identification" or "Passport", "endDate") => "expiryDate",
                (_, var other) => other,
            };
            if (schema.FindProperty(name) is not { } definition)
            {
                continue;
            }
            foreach (var value in Values(properties, property.Name))
            {
                entity.Add(name, definition.Type == PropertyType.Entity ? FtmIds.ToEntityId(value) : value);
            }
        }
        switch (schema.Name)
        {
            case "Domain":
                foreach (var website in Values(properties, "website"))
                {
                    entity.Add("domain", NodeIds.Domain(website) is { } domain ? NodeIds.ValueOf(domain) : website);
                }
                break;
            case "IpAddress":
                foreach (var name in Values(properties, "name"))
                {
                    entity.Add(IpNetwork.TryParse(name, out var ip) && !ip.IsSingleAddress ? "cidr" : "ipAddress", name);
                }
                break;
            case "UserAccount":
                // The writer gives an e-mail- or phone-only account its address as username (FtM requires one).
                if (entity.Get("username").All(n => entity.Get("email").Contains(n) || entity.Get("number").Contains(n)) && entity.Has("username"))
                {
                    return Without(entity, "username");
                }
                break;
        }
        return entity;
    }

    private static Entity Without(Entity entity, string property)
    {
        var copy = new Entity(entity.Id, entity.Schema, entity.Dataset).AddDatasets(entity.OtherDatasets);
        foreach (var (name, values) in entity.Properties.Where(p => p.Key != property))
        {
            copy.AddRange(name, values);
        }
        return copy;
    }

    private static void AddHeld(GraphBuilder builder, JsonElement properties, string property, string identifier, string relation)
    {
        foreach (var holder in Values(properties, property))
        {
            builder.AddEdge(NodeIdOf(holder), identifier, relation, "", "ftm");
        }
    }

    private static string? Normalise(string property, string value) => property switch
    {
        "phone" => NodeIds.Phone(value) ?? "phone:" + value,
        "email" => NodeIds.Email(value),
        "address" => NodeIds.Address(value),
        "website" => NodeIds.Domain(value),
        "idNumber" => NodeIds.IdNumber(value),
        _ => null,
    };

    private static double Weight(string? summary) =>
        summary is not null && summary.StartsWith("weight=", StringComparison.Ordinal)
        && double.TryParse(summary["weight=".Length..], NumberStyles.Float, CultureInfo.InvariantCulture, out var w) ? w : 1.0;

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

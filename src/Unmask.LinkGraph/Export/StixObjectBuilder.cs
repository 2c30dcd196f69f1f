using System.Globalization;
using System.Text.Json.Nodes;
using Unmask.Domain;
using Unmask.Domain.Stix;
using Unmask.LinkGraph.Model;

namespace Unmask.LinkGraph.Export;

/// <summary>
/// The STIX objects of an export, without their times (the writer adds <c>created</c>/<c>modified</c> from the content
/// hash). Each object starts with <c>type</c>, <c>spec_version</c> and <c>id</c>. Mapping (docs/exports.md, "STIX 2.1"):
/// list persons and organisations → <c>identity</c> (an organisation listed as a cyber actor group → <c>threat-actor</c>),
/// listed vessels and aircraft → <c>infrastructure</c>, IOC entries (wallets, domains, IPs, accounts) → <c>indicator</c>,
/// applicants/contractors/vendors → <c>identity</c>, sites → <c>infrastructure</c>, each identifier → an observable, an
/// <c>indicator</c> with a pattern on it and a <c>based-on</c> relationship; edges → <c>relationship</c> with their evidence
/// as a <c>note</c>; cases → <c>grouping</c>, decisions → <c>opinion</c>, findings and audit entries → <c>note</c>.
/// </summary>
internal sealed class StixObjectBuilder
{
    private static readonly HashSet<string> StandardObservables = new(StringComparer.Ordinal)
    {
        "artifact", "autonomous-system", "directory", "domain-name", "email-addr", "email-message", "file", "ipv4-addr", "ipv6-addr",
        "mac-addr", "mutex", "network-traffic", "process", "software", "url", "user-account", "windows-registry-key", "x509-certificate",
    };

    private static readonly HashSet<string> IocSchemas = new(StringComparer.Ordinal) { "CryptoWallet", "Domain", "IpAddress", "UserAccount" };

    private readonly ExportContent _content;
    private readonly LinkGraph _graph;
    private readonly string _producerName;
    private readonly string _producerId;
    private readonly string?[] _ids;
    private readonly Dictionary<string, List<Entity>> _related = new(StringComparer.Ordinal);

    public StixObjectBuilder(ExportContent content, string producerName)
    {
        _content = content;
        _graph = content.Selection.Graph;
        _producerName = producerName;
        _producerId = Uuid5.StixId("identity", "producer:" + producerName);
        _ids = new string?[_graph.NodeCount];
        foreach (var node in content.Selection.NodeIndices())
        {
            _ids[node] = Uuid5.StixId(TypeOf(node), _graph.NodeData[node].Id);
        }
        AttachContextEntities();
    }

    public static bool IsObservable(JsonObject stixObject) =>
        (string?)stixObject["type"] is { } type && (StandardObservables.Contains(type) || UnmaskStixExtension.ObservableTypes.Contains(type));

    /// <summary>The id of a node whose STIX type follows from its kind alone (list entities default to identities).</summary>
    public static string DefaultId(string nodeId) => Uuid5.StixId(NodeIds.KindOf(nodeId) switch
    {
        NodeKind.Site => "infrastructure",
        var kind when kind.IsIdentifier() => "indicator",
        _ => "identity",
    }, nodeId);

    public IEnumerable<JsonObject> Objects()
    {
        var producer = Start("identity", _producerId, createdBy: false);
        producer["name"] = _producerName;
        producer["identity_class"] = "system";
        yield return producer;
        yield return ExtensionDefinition();
        foreach (var node in _content.Selection.NodeIndices())
        {
            foreach (var stixObject in Node(node))
            {
                yield return stixObject;
            }
        }
        foreach (var edge in _content.Selection.EdgeIndices())
        {
            foreach (var stixObject in Edge(edge))
            {
                yield return stixObject;
            }
        }
        foreach (var @case in _content.Cases)
        {
            foreach (var stixObject in Case(@case))
            {
                yield return stixObject;
            }
        }
    }

    private JsonObject ExtensionDefinition()
    {
        var definition = Start("extension-definition", UnmaskStixExtension.Id);
        definition["name"] = UnmaskStixExtension.Name;
        definition["description"] = "Observable types STIX has no type for (crypto wallets, phone numbers, analytics tracker ids, favicon "
            + "and document hashes, id numbers, postal addresses) and the Unmask data behind standard objects (the FollowTheMoney "
            + "entity of a list record, the graph node of an indicator, the details of a case).";
        definition["schema"] = UnmaskStixExtension.Schema;
        definition["version"] = UnmaskStixExtension.Version;
        definition["extension_types"] = Strings(["new-sco", "property-extension"]);
        return definition;
    }

    private string TypeOf(int node)
    {
        ref readonly var data = ref _graph.NodeData[node];
        if (data.Kind.IsIdentifier())
        {
            return "indicator";
        }
        if (data.Kind == NodeKind.Site)
        {
            return "infrastructure";
        }
        if (data.Kind != NodeKind.Entity)
        {
            return "identity";
        }
        var entity = EntityOf(node);
        var schema = data.Schema ?? entity?.Schema.Name;
        if (schema is not null && IocSchemas.Contains(schema) && IocIdentifier(node) is not null)
        {
            return "indicator";
        }
        if (schema is "Vessel" or "Airplane" or "Vehicle")
        {
            return "infrastructure";
        }
        return IsActorGroup(node, schema, entity) ? "threat-actor" : "identity";
    }

    /// <summary>A designated organisation that its list files as a cyber actor group (OpenSanctions topic <c>crime.cyber</c>,
    /// or an organisation on an IOC list) is a threat actor. Companies, people and organisations sanctioned under a cyber
    /// program (a catering firm, a ministry) stay identities: the program says why they were listed, not what they are.</summary>
    private bool IsActorGroup(int node, string? schema, Entity? entity)
    {
        if (schema is not ("Organization" or "LegalEntity") || (_graph.NodeData[node].Flags & NodeFlags.Designated) == 0)
        {
            return false;
        }
        var dataset = _graph.NodeData[node].Dataset ?? entity?.Dataset;
        if (dataset is not null && _content.Datasets.TryGetValue(dataset, out var described) && described.Kind == DatasetKind.Indicators)
        {
            return true;
        }
        return entity is not null && entity.Get("topics").Any(t => t.StartsWith("crime.cyber", StringComparison.Ordinal));
    }

    /// <summary>An entry of a list of VPN or proxy exits: the entry says so (a topic or keyword), or its list is named for
    /// one (Spur's Astrill exits, x4bnet's VPN ranges, Tor exit lists). Such IPs hide who signs in; they are not malicious.</summary>
    private bool IsAnonymizer(int node)
    {
        var entity = EntityOf(node);
        if (entity is not null && entity.Get("topics").Concat(entity.Get("keywords")).Any(AnonymizerWord))
        {
            return true;
        }
        var dataset = _graph.NodeData[node].Dataset ?? entity?.Dataset;
        return dataset is not null && (AnonymizerWord(dataset) || _content.Datasets.TryGetValue(dataset, out var described) && AnonymizerWord(described.Title));
    }

    private static readonly string[] AnonymizerWords = ["vpn", "proxy", "astrill", "anonymi", "tor_exit", "tor-exit"];

    private static bool AnonymizerWord(string text) => AnonymizerWords.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));

    private bool IsIndicatorList(string? dataset) =>
        dataset is not null && _content.Datasets.TryGetValue(dataset, out var described) && described.Kind == DatasetKind.Indicators;

    private IEnumerable<JsonObject> Node(int node)
    {
        var data = _graph.NodeData[node];
        var id = _ids[node]!;
        var type = id[..id.IndexOf("--", StringComparison.Ordinal)];
        if (data.Kind.IsIdentifier())
        {
            foreach (var stixObject in Identifier(node, id))
            {
                yield return stixObject;
            }
            yield break;
        }
        var entity = EntityOf(node);
        var stix = Start(type, id);
        stix["name"] = entity?.Caption ?? data.Caption;
        var designated = (data.Flags & NodeFlags.Designated) != 0;
        switch (type)
        {
            case "identity":
                stix["identity_class"] = IdentityClass(data.Kind, data.Schema ?? entity?.Schema.Name);
                stix["description"] = Describe(node, entity, designated);
                break;
            case "threat-actor":
                stix["description"] = Describe(node, entity, designated);
                if (entity is not null && entity.Get("alias").Concat(entity.Get("weakAlias")).Distinct(StringComparer.Ordinal).ToList() is { Count: > 0 } aliases)
                {
                    stix["aliases"] = Strings(aliases);
                }
                break;
            case "infrastructure":
                stix["description"] = Describe(node, entity, designated);
                stix["infrastructure_types"] = Strings([data.Kind == NodeKind.Site ? "unknown"
                    : (data.Schema ?? entity?.Schema.Name) == "Airplane" ? "aircraft" : "vessel"]);
                break;
            default:
                stix["description"] = Describe(node, entity, designated);
                stix["indicator_types"] = Strings([IsAnonymizer(node) ? "anonymization" : "malicious-activity"]);
                stix["pattern"] = StixVocabulary.Pattern(IocIdentifier(node)!);
                stix["pattern_type"] = "stix";
                break;
        }
        if (data.Kind == NodeKind.Entity && References(in data, entity) is { } references)
        {
            stix["external_references"] = references;
        }
        var extension = NodeExtension(node);
        if (data.Kind == NodeKind.Entity)
        {
            extension["entity"] = EntityJson(node, entity);
        }
        stix["extensions"] = Extensions(extension);
        yield return stix;
    }

    /// <summary>An identifier: its observable, an indicator with a pattern on it, and the indicator's <c>based-on</c>.</summary>
    private IEnumerable<JsonObject> Identifier(int node, string indicatorId)
    {
        var data = _graph.NodeData[node];
        var (type, property) = StixVocabulary.Observable(data.Kind, NodeIds.ValueOf(data.Id));
        var value = StixVocabulary.ObservedValue(data.Id);
        var contributing = new Dictionary<string, string>(StringComparer.Ordinal) { [property] = value };
        if (StixVocabulary.Qualifier(data.Id) is { } qualifier)
        {
            contributing[data.Kind == NodeKind.Wallet ? "currency" : "account_type"] = qualifier;
        }
        var observable = new JsonObject
        {
            ["type"] = type,
            ["spec_version"] = "2.1",
            ["id"] = StixVocabulary.ObservableId(type, contributing),
        };
        foreach (var (name, text) in contributing)
        {
            observable[name] = text;
        }
        if (UnmaskStixExtension.ObservableTypes.Contains(type))
        {
            observable["extensions"] = new JsonObject { [UnmaskStixExtension.Id] = new JsonObject { ["extension_type"] = "new-sco" } };
        }
        yield return observable;
        var indicator = Start("indicator", indicatorId);
        indicator["name"] = data.Caption;
        indicator["indicator_types"] = Strings([IndicatorType(node)]);
        indicator["pattern"] = StixVocabulary.Pattern(data.Id);
        indicator["pattern_type"] = "stix";
        indicator["extensions"] = Extensions(NodeExtension(node));
        yield return indicator;
        var basedOn = Start("relationship", Uuid5.StixId("relationship", data.Id + "|based-on"));
        basedOn["relationship_type"] = "based-on";
        basedOn["source_ref"] = indicatorId;
        basedOn["target_ref"] = (string)observable["id"]!;
        yield return basedOn;
    }

    /// <summary><c>benign</c> for hubs (registered agents, shared offices); <c>anonymization</c> for an IP someone signed in
    /// from (the vetting links only VPN, proxy and hosting exits); <c>malicious-activity</c> for a wallet, domain or IP of a
    /// designated entry; <c>attribution</c> for other identifiers tying to one; else <c>unknown</c>.</summary>
    private string IndicatorType(int node)
    {
        if (_graph.Hubs[node])
        {
            return "benign";
        }
        var kind = _graph.NodeData[node].Kind;
        var adjacent = _graph.Adjacent(node);
        var tiesToDesignated = false;
        foreach (var e in adjacent)
        {
            var other = _graph.Other(e, node);
            if (kind == NodeKind.Ip && (_graph.RelationNames[_graph.EdgeData[e].Relation] == Relations.SignedInFrom || IsAnonymizer(other)))
            {
                return "anonymization";
            }
            tiesToDesignated |= (_graph.NodeData[other].Flags & NodeFlags.Designated) != 0;
        }
        return !tiesToDesignated ? "unknown"
            : kind is NodeKind.Wallet or NodeKind.Domain or NodeKind.Ip ? "malicious-activity" : "attribution";
    }

    private IEnumerable<JsonObject> Edge(int e)
    {
        var edge = _graph.EdgeData[e];
        var from = _graph.NodeData[edge.From].Id;
        var to = _graph.NodeData[edge.To].Id;
        var relation = _graph.RelationNames[edge.Relation];
        var id = Uuid5.StixId("relationship", $"{from}|{relation}|{to}");
        var stix = Start("relationship", id);
        stix["relationship_type"] = StixVocabulary.RelationshipType(relation);
        stix["source_ref"] = _ids[edge.From];
        stix["target_ref"] = _ids[edge.To];
        if (edge.Evidence.Length > 0)
        {
            stix["description"] = edge.Evidence;
        }
        stix["extensions"] = Extensions(new JsonObject
        {
            ["relation"] = relation,
            ["source"] = edge.Source,
            ["weight"] = Math.Round(edge.Weight, 4),
        });
        yield return stix;
        if (edge.Evidence.Length > 0)
        {
            var note = Start("note", Uuid5.StixId("note", $"{from}|{relation}|{to}"));
            note["abstract"] = $"Evidence for {relation}";
            note["content"] = edge.Source.Length > 0 ? $"{edge.Evidence} (source: {edge.Source})" : edge.Evidence;
            note["object_refs"] = Strings([id]);
            yield return note;
        }
    }

    private IEnumerable<JsonObject> Case(CaseExport @case)
    {
        var groupingId = Uuid5.StixId("grouping", "case:" + @case.Id);
        var grouping = Start("grouping", groupingId);
        grouping["name"] = @case.Subject;
        grouping["description"] = $"Unmask case {@case.Id} ({@case.Status}), opened by {@case.OpenedBy} on {Date(@case.OpenedAt)}.";
        grouping["context"] = "suspicious-activity";
        var members = @case.Members.Select(MemberId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        // object_refs needs one object at least; a case whose members are outside the selection points at its producer.
        grouping["object_refs"] = Strings(members.Count > 0 ? members : [_producerId]);
        grouping["extensions"] = Extensions(new JsonObject
        {
            ["case"] = new JsonObject
            {
                ["id"] = @case.Id,
                ["status"] = @case.Status,
                ["opened_by"] = @case.OpenedBy,
                ["opened_at"] = Date(@case.OpenedAt),
                ["members"] = Strings(@case.Members),
            },
        });
        yield return grouping;
        for (var i = 0; i < @case.Decisions.Count; i++)
        {
            var decision = @case.Decisions[i];
            var opinion = Start("opinion", Uuid5.StixId("opinion", $"case:{@case.Id}|decision|{i}"));
            opinion["authors"] = Strings([decision.By]);
            opinion["explanation"] = $"{decision.Decision} on {Date(decision.At)}: {decision.Reason}";
            opinion["opinion"] = Opinion(decision.Decision);
            opinion["object_refs"] = Strings([groupingId]);
            opinion["extensions"] = Extensions(new JsonObject
            {
                ["case"] = new JsonObject { ["id"] = @case.Id, ["decision"] = decision.Decision, ["at"] = Date(decision.At) },
            });
            yield return opinion;
        }
        foreach (var finding in @case.Findings)
        {
            var note = Start("note", Uuid5.StixId("note", $"case:{@case.Id}|finding|{finding.Subject}|{finding.Code}"));
            note["abstract"] = $"{finding.Code} ({finding.Severity}) on {finding.Subject}";
            note["content"] = finding.Source.Length > 0 ? $"{finding.Evidence} (source: {finding.Source})" : finding.Evidence;
            note["authors"] = Strings([_producerName]);
            note["object_refs"] = Strings(MemberId(finding.Subject) is { } member ? [groupingId, member] : [groupingId]);
            var data = new JsonObject();
            foreach (var (key, value) in finding.Data.OrderBy(d => d.Key, StringComparer.Ordinal))
            {
                data[key] = value;
            }
            note["extensions"] = Extensions(new JsonObject
            {
                ["case"] = new JsonObject
                {
                    ["id"] = @case.Id, ["subject"] = finding.Subject, ["code"] = finding.Code, ["severity"] = finding.Severity,
                    ["source"] = finding.Source, ["data"] = data,
                },
            });
            yield return note;
        }
        foreach (var entry in @case.Audit)
        {
            var note = Start("note", Uuid5.StixId("note", $"case:{@case.Id}|audit|{entry.Sequence.ToString(CultureInfo.InvariantCulture)}"));
            note["abstract"] = $"{entry.Action} by {entry.Actor} on {Date(entry.At)}";
            note["content"] = entry.Details.Length > 0 ? entry.Details : entry.Action;
            note["authors"] = Strings([entry.Actor]);
            note["object_refs"] = Strings([groupingId]);
            note["extensions"] = Extensions(new JsonObject
            {
                ["case"] = new JsonObject
                {
                    ["id"] = @case.Id, ["sequence"] = entry.Sequence, ["at"] = Date(entry.At), ["action"] = entry.Action, ["hash"] = entry.Hash,
                },
            });
            yield return note;
        }
    }

    private static string Opinion(string decision) => decision.ToLowerInvariant() switch
    {
        "cleared" => "strongly-disagree",
        "escalated" => "agree",
        "reported" => "strongly-agree",
        _ => "neutral",
    };

    private string? MemberId(string nodeId) => _graph.TryIndexOf(nodeId, out var node) ? _ids[node] : null;

    private string Describe(int node, Entity? entity, bool designated)
    {
        ref readonly var data = ref _graph.NodeData[node];
        if (data.Kind == NodeKind.Site)
        {
            return (data.Flags & NodeFlags.Suspect) != 0 ? "Website analysed as a suspect (indicators for review)." : "Website of a reference firm.";
        }
        if (data.Kind.IsRecord())
        {
            return $"{data.Kind} {NodeIds.ValueOf(data.Id)} vetted by Unmask (risk {data.Risk.ToString(CultureInfo.InvariantCulture)}).";
        }
        var dataset = data.Dataset ?? entity?.Dataset;
        var list = dataset is not null && _content.Datasets.TryGetValue(dataset, out var described)
            ? $"{described.Title} ({described.Publisher})" : dataset ?? "a list";
        if (!designated)
        {
            return $"Listed for context in {list}; not a designated target.";
        }
        if (IsIndicatorList(dataset))
        {
            return $"Listed in {list}, an indicator list.";
        }
        var programs = entity is null ? [] : entity.Get("program").Concat(RelatedOf(entity).SelectMany(r => r.Get("program")))
            .Distinct(StringComparer.Ordinal).ToList();
        return $"Designated: listed in {list}" + (programs.Count > 0 ? $", programs {string.Join(", ", programs)}." : ".");
    }

    /// <summary>The list publisher's record: publisher as source, the entity id, and the record's URL when the list gives one.</summary>
    private JsonArray? References(in GraphBuilder.NodeRecord data, Entity? entity)
    {
        var dataset = data.Dataset ?? entity?.Dataset;
        if (dataset is null)
        {
            return null;
        }
        var reference = new JsonObject
        {
            ["source_name"] = _content.Datasets.TryGetValue(dataset, out var described) ? described.Publisher : dataset,
            ["description"] = described?.Title ?? dataset,
        };
        if (entity?.Get("sourceUrl").FirstOrDefault(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") is { } url)
        {
            reference["url"] = url;
        }
        reference["external_id"] = NodeIds.ValueOf(data.Id);
        return [reference];
    }

    private JsonObject NodeExtension(int node)
    {
        ref readonly var data = ref _graph.NodeData[node];
        var extension = new JsonObject
        {
            ["node_id"] = data.Id,
            ["kind"] = data.Kind.Prefix(),
            ["risk"] = (int)data.Risk,
            ["flags"] = (int)data.Flags,
        };
        if (data.Schema is not null)
        {
            extension["schema"] = data.Schema;
        }
        if (data.Dataset is not null)
        {
            extension["dataset"] = data.Dataset;
        }
        return extension;
    }

    /// <summary>The FollowTheMoney entity behind a list node, whole: every property as published, its datasets (with their
    /// titles and publishers), target flag, dates, and the context entities that refer to it (sanctions, identifications,
    /// addresses, links). Without the list entity (a graph-only export), what the node knows.</summary>
    private JsonObject EntityJson(int node, Entity? entity)
    {
        ref readonly var data = ref _graph.NodeData[node];
        if (entity is null)
        {
            var dataset = data.Dataset ?? "unmask_graph";
            var properties = new JsonObject { ["name"] = Strings([data.Caption]) };
            if (data.Schema is not null && IocSchemas.Contains(data.Schema) && IocIdentifier(node) is { } identifier)
            {
                AddIocProperties(properties, identifier);
            }
            return new JsonObject
            {
                ["id"] = NodeIds.ValueOf(data.Id),
                ["schema"] = data.Schema ?? "LegalEntity",
                ["dataset"] = dataset,
                ["datasets"] = Strings([dataset]),
                ["target"] = (data.Flags & NodeFlags.Designated) != 0,
                ["properties"] = properties,
                ["dataset_details"] = DatasetDetails([dataset]),
            };
        }
        var json = EntityBody(entity);
        json["dataset_details"] = DatasetDetails(entity.Datasets);
        if (RelatedOf(entity) is { Count: > 0 } related)
        {
            json["related"] = new JsonArray([.. related.Select(r => (JsonNode)EntityBody(r))]);
        }
        return json;
    }

    private static void AddIocProperties(JsonObject properties, string identifier)
    {
        var value = StixVocabulary.ObservedValue(identifier);
        var qualifier = StixVocabulary.Qualifier(identifier);
        switch (NodeIds.KindOf(identifier))
        {
            case NodeKind.Wallet:
                properties["publicKey"] = Strings([value]);
                if (qualifier is not null)
                {
                    properties["currencySymbol"] = Strings([qualifier.ToUpperInvariant()]);
                }
                break;
            case NodeKind.Domain:
                properties["domain"] = Strings([value]);
                break;
            case NodeKind.Ip:
                properties["ipAddress"] = Strings([value]);
                break;
            case NodeKind.Username:
                properties["username"] = Strings([value]);
                if (qualifier is not null)
                {
                    properties["service"] = Strings([qualifier]);
                }
                break;
            case NodeKind.Email:
                properties["email"] = Strings([value]);
                break;
        }
    }

    private static JsonObject EntityBody(Entity entity)
    {
        var properties = new JsonObject();
        foreach (var (name, values) in entity.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            properties[name] = Strings(values);
        }
        var json = new JsonObject
        {
            ["id"] = entity.Id,
            ["schema"] = entity.Schema.Name,
            ["dataset"] = entity.Dataset,
            ["datasets"] = Strings(entity.Datasets),
            ["target"] = entity.Target,
        };
        AddTime(json, "first_seen", entity.FirstSeen);
        AddTime(json, "last_seen", entity.LastSeen);
        AddTime(json, "last_change", entity.LastChange);
        if (entity.Referents.Count > 0)
        {
            json["referents"] = Strings(entity.Referents);
        }
        json["properties"] = properties;
        return json;
    }

    private JsonArray DatasetDetails(IEnumerable<string> datasets)
    {
        var details = new JsonArray();
        foreach (var name in datasets)
        {
            if (_content.Datasets.TryGetValue(name, out var dataset))
            {
                var detail = new JsonObject
                {
                    ["name"] = dataset.Name,
                    ["title"] = dataset.Title,
                    ["publisher"] = dataset.Publisher,
                    ["kind"] = dataset.Kind.ToString(),
                };
                if (dataset.PublishedOn is { } published)
                {
                    detail["published_on"] = published.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                }
                details.Add(detail);
            }
        }
        return details;
    }

    private static void AddTime(JsonObject json, string name, DateTimeOffset? time)
    {
        if (time is { } value)
        {
            json[name] = value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        }
    }

    private Entity? EntityOf(int node) =>
        _graph.NodeData[node].Kind == NodeKind.Entity && _content.Entities.TryGetValue(NodeIds.ValueOf(_graph.NodeData[node].Id), out var entity)
            ? entity : null;

    private List<Entity> RelatedOf(Entity entity) => _related.TryGetValue(entity.Id, out var related) ? related : [];

    /// <summary>Context entities (sanctions, identifications, addresses, ownerships...) have no node of their own: each
    /// travels with the first selected list entity it names.</summary>
    private void AttachContextEntities()
    {
        foreach (var entity in _content.Entities.Values.OrderBy(e => e.Id, StringComparer.Ordinal))
        {
            if (_graph.TryIndexOf(NodeIds.Entity(entity.Id), out var own) && _ids[own] is not null)
            {
                continue;
            }
            var owner = entity.Properties.Values.SelectMany(v => v)
                .FirstOrDefault(value => _graph.TryIndexOf(NodeIds.Entity(value), out var node) && _ids[node] is not null);
            if (owner is not null)
            {
                if (!_related.TryGetValue(owner, out var list))
                {
                    _related[owner] = list = [];
                }
                list.Add(entity);
            }
        }
    }

    /// <summary>The wallet, domain, IP or account an IOC list entry stands for (the identifier its entity node links to).</summary>
    private string? IocIdentifier(int node)
    {
        foreach (var e in _graph.Adjacent(node))
        {
            ref readonly var edge = ref _graph.EdgeData[e];
            var other = _graph.NodeData[edge.To];
            if (edge.From == node && other.Kind is NodeKind.Wallet or NodeKind.Domain or NodeKind.Ip or NodeKind.Username or NodeKind.Email)
            {
                return other.Id;
            }
        }
        return null;
    }

    private static string IdentityClass(NodeKind kind, string? schema) => kind switch
    {
        NodeKind.Applicant or NodeKind.Contractor => "individual",
        NodeKind.Vendor => "organization",
        _ => schema switch
        {
            "Person" => "individual",
            "Organization" or "Company" or "PublicBody" or "LegalEntity" => "organization",
            _ => "unknown",
        },
    };

    private JsonObject Start(string type, string id, bool createdBy = true)
    {
        var stixObject = new JsonObject { ["type"] = type, ["spec_version"] = "2.1", ["id"] = id };
        if (createdBy)
        {
            stixObject["created_by_ref"] = _producerId;
        }
        return stixObject;
    }

    private static JsonObject Extensions(JsonObject properties)
    {
        var extension = new JsonObject { ["extension_type"] = "property-extension" };
        foreach (var (name, value) in properties.ToList())
        {
            properties.Remove(name);
            extension[name] = value;
        }
        return new JsonObject { [UnmaskStixExtension.Id] = extension };
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);

    private static string Date(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

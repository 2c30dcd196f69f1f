using System.Globalization;
using Unmask.Domain;
using Unmask.LinkGraph.Model;

namespace Unmask.LinkGraph;

/// <summary>A site to add: its key (registrable domain or folder name), role and the fingerprints analysis found.</summary>
/// <param name="Copies">Reference sites this site copies: (reference key, similarity 0-1, evidence).</param>
/// <param name="OwnsKey">Whether the site owns the domain its key names (false for a suspect folder named <c>acme.com</c>).</param>
public sealed record SiteInput(
    string Key,
    string Caption,
    SiteRole Role,
    IReadOnlyList<string>? Trackers = null,
    IReadOnlyList<int>? Favicons = null,
    IReadOnlyList<string>? Emails = null,
    IReadOnlyList<string>? Phones = null,
    IReadOnlyList<string>? Addresses = null,
    IReadOnlyList<SiteCopy>? Copies = null,
    string Source = "site analysis",
    int Risk = 0,
    bool OwnsKey = true);

public sealed record SiteCopy(string ReferenceKey, double Similarity, string Evidence);

public enum SiteRole
{
    Suspect,
    Reference,
}

/// <summary>
/// Collects nodes and edges from every part (list entities, vetted records, analysed sites, screening hits) and builds
/// an immutable <see cref="LinkGraph"/>. Adding a node twice merges it (highest risk, first real caption, flags OR-ed);
/// adding an edge twice (same from, to, relation) keeps the first evidence and the highest weight. Not thread-safe.
/// </summary>
public sealed class GraphBuilder
{
    internal struct NodeRecord
    {
        public string Id;
        public string Caption;
        public NodeKind Kind;
        public byte Risk;
        public NodeFlags Flags;
        public bool HasCaption;
        public string? Schema;
        public string? Dataset;
    }

    internal struct EdgeRecord
    {
        public int From;
        public int To;
        public short Relation;
        public float Weight;
        public string Evidence;
        public string Source;
    }

    private Dictionary<string, int> _index;
    private readonly List<NodeRecord> _nodes;
    private readonly List<EdgeRecord> _edges;
    private readonly Dictionary<(int From, int To, short Relation), int> _edgeIndex;
    private readonly List<string> _relations = [];
    private readonly Dictionary<string, short> _relationIndex = new(StringComparer.Ordinal);

    public GraphBuilder(int expectedNodes = 0, int expectedEdges = 0)
    {
        _index = new Dictionary<string, int>(expectedNodes, StringComparer.Ordinal);
        _nodes = new List<NodeRecord>(expectedNodes);
        _edges = new List<EdgeRecord>(expectedEdges);
        _edgeIndex = new Dictionary<(int, int, short), int>(expectedEdges);
    }

    public int NodeCount => _nodes.Count;
    public int EdgeCount => _edges.Count;

    /// <summary>Adds or merges a node. <paramref name="caption"/> defaults to the id's value part.</summary>
    public string AddNode(string nodeId, string? caption = null, int risk = 0, NodeFlags flags = NodeFlags.None,
        string? schema = null, string? dataset = null)
    {
        var index = Intern(nodeId);
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_nodes);
        ref var node = ref span[index];
        if (!string.IsNullOrWhiteSpace(caption) && !node.HasCaption)
        {
            node.Caption = caption.Trim();
            node.HasCaption = true;
        }
        node.Risk = Math.Max(node.Risk, (byte)Math.Clamp(risk, 0, 100));
        node.Flags |= flags;
        node.Schema ??= schema;
        node.Dataset ??= dataset;
        return nodeId;
    }

    /// <summary>Raises a node's own risk (vetting result); never lowers it.</summary>
    public GraphBuilder SetRisk(string nodeId, int risk)
    {
        AddNode(nodeId, risk: risk);
        return this;
    }

    /// <summary>Adds a directed edge (both ends are created if new). Self-loops are ignored.</summary>
    /// <param name="weight">Strength of the link in (0, 1]; a match score for <c>matches</c>. Default 1.</param>
    public void AddEdge(string from, string to, string relation, string evidence, string source, double weight = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relation);
        var a = Intern(from);
        var b = Intern(to);
        if (a == b)
        {
            return;
        }
        var rel = RelationIndex(relation);
        var key = (a, b, rel);
        if (_edgeIndex.TryGetValue(key, out var existing))
        {
            var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_edges);
            span[existing].Weight = Math.Max(span[existing].Weight, (float)weight);
            return;
        }
        _edgeIndex[key] = _edges.Count;
        _edges.Add(new EdgeRecord { From = a, To = b, Relation = rel, Weight = (float)Math.Clamp(weight, 0, 1), Evidence = evidence ?? "", Source = source ?? "" });
        if (NodeIds.KindOf(to) == NodeKind.Address)
        {
            LinkBuilding(to, b);
        }
        if (NodeIds.KindOf(from) == NodeKind.Address)
        {
            LinkBuilding(from, a);
        }
    }

    /// <summary>A vetted record (<c>applicant:A-17</c>…) with the identifiers it gave. Returns its node id.</summary>
    public string AddRecord(NodeKind kind, string id, string caption, IEnumerable<RecordLink> links, int risk = 0)
    {
        var node = AddNode(NodeIds.Record(kind, id), caption, risk, schema: kind == NodeKind.Vendor ? "Company" : "Person");
        foreach (var link in links)
        {
            AddEdge(node, link.Target, link.Relation, link.Evidence, link.Source);
        }
        return node;
    }

    /// <summary>A screening hit: record → list entity, weighted by the score.</summary>
    public void AddMatch(string recordNode, string entityId, double score, string evidence, string source = "unmask screen") =>
        AddEdge(recordNode, entityId.StartsWith("entity:", StringComparison.Ordinal) ? entityId : NodeIds.Entity(entityId),
            Relations.Matches, evidence, source, score);

    /// <summary>An indexed or analysed site with its fingerprints and the reference sites it copies. Returns its node id.</summary>
    public string AddSite(SiteInput site)
    {
        var node = NodeIds.Site(site.Key);
        AddNode(node, site.Caption, site.Risk, site.Role == SiteRole.Suspect ? NodeFlags.Suspect : NodeFlags.Reference);
        var value = NodeIds.ValueOf(node);
        // A suspect read from a folder named like a domain is not served from it: no has_domain edge to join it to the
        // records that give that domain.
        if (site.OwnsKey && NodeIds.Domain(value) is { } domain && !value.Contains(' ', StringComparison.Ordinal))
        {
            AddEdge(node, domain, Relations.HasDomain, $"site {value} is served from {NodeIds.ValueOf(domain)}", site.Source);
        }
        foreach (var tracker in site.Trackers ?? [])
        {
            Link(node, NodeIds.Tracker(tracker), Relations.HasTracker, $"analytics tag {tracker} on {value}", site.Source);
        }
        foreach (var favicon in site.Favicons ?? [])
        {
            Link(node, NodeIds.Favicon(favicon), Relations.HasFavicon, $"favicon mmh3 {favicon.ToString(CultureInfo.InvariantCulture)} on {value}", site.Source);
        }
        foreach (var email in site.Emails ?? [])
        {
            Link(node, Given(email, NodeKind.Email) ?? NodeIds.Email(email), Relations.HasEmail, $"e-mail {email} on {value}", site.Source);
        }
        foreach (var phone in site.Phones ?? [])
        {
            Link(node, Given(phone, NodeKind.Phone) ?? NodeIds.Phone(phone), Relations.HasPhone, $"phone {phone} on {value}", site.Source);
        }
        foreach (var address in site.Addresses ?? [])
        {
            Link(node, Given(address, NodeKind.Address) ?? NodeIds.Address(address), Relations.HasAddress, $"address '{address}' on {value}", site.Source);
        }
        foreach (var copy in site.Copies ?? [])
        {
            AddEdge(node, NodeIds.Site(copy.ReferenceKey), Relations.Copies, copy.Evidence, site.Source, copy.Similarity);
        }
        return node;
    }

    /// <summary>
    /// A list entity. Legal entities become <c>entity:</c> nodes whose e-mail, phone, website, address, wallet and id-number
    /// properties become identifier nodes; FtM relationship entities (Ownership, Directorship, Family, Associate, Membership,
    /// Employment, Representation, UnknownLink) become edges; IOC entities (CryptoWallet, Domain, IpAddress, UserAccount)
    /// become an <c>entity:</c> node tied to their identifier node. Entities of sanctions and IOC datasets (or with the
    /// topic <c>sanction</c>) are designated, risk 100. Returns the entity's node id, or null for relationship entities.
    /// </summary>
    public string? AddEntity(Entity entity, DatasetKind datasetKind)
    {
        var source = entity.Dataset;
        var schema = entity.Schema.Name;
        if (TryAddRelationship(entity))
        {
            return null;
        }
        if (schema is "Identification" or "Passport")
        {
            var holder = entity.First("holder");
            foreach (var number in entity.Get("number").Concat(entity.Get("passportNumber")))
            {
                if (holder is not null)
                {
                    Link(NodeIds.Entity(holder), NodeIds.IdNumber(number), Relations.HasIdNumber, $"{schema} {number} in {source}", source);
                }
            }
            return null;
        }
        if (schema is "Sanction" or "Address" or "Position" or "BankAccount")
        {
            return null;
        }
        var designated = entity.Target && (datasetKind is DatasetKind.Sanctions or DatasetKind.Indicators
                         || entity.Get("topics").Any(t => t.StartsWith("sanction", StringComparison.OrdinalIgnoreCase)));
        var node = AddNode(NodeIds.Entity(entity.Id), entity.Caption, designated ? 100 : 0,
            designated ? NodeFlags.Designated : NodeFlags.None, schema, entity.Dataset);
        string Evidence(string property, string value) => $"{property} '{value}' on {source} record {entity.Id}";
        var country = entity.First("country") ?? entity.First("nationality") ?? entity.First("jurisdiction");
        foreach (var email in entity.Get("email"))
        {
            Link(node, NodeIds.Email(email), Relations.HasEmail, Evidence("email", email), source);
        }
        foreach (var phone in entity.Get("phone").Concat(entity.Get("number")))
        {
            Link(node, NodeIds.Phone(phone, country), Relations.HasPhone, Evidence("phone", phone), source);
        }
        foreach (var website in entity.Get("website"))
        {
            Link(node, NodeIds.Domain(website), Relations.HasWebsite, Evidence("website", website), source);
        }
        foreach (var domain in entity.Get("domain"))
        {
            Link(node, NodeIds.Domain(domain), Relations.HasDomain, Evidence("domain", domain), source);
        }
        foreach (var address in entity.Get("address"))
        {
            Link(node, NodeIds.Address(address), Relations.HasAddress, Evidence("address", address), source);
        }
        var currency = entity.First("currencySymbol");
        foreach (var wallet in entity.Get("cryptoWallet").Concat(entity.Get("publicKey")))
        {
            var walletNode = NodeIds.Wallet(wallet, currency);
            Link(node, walletNode, Relations.HasWallet, Evidence("wallet", wallet), source);
            if (schema == "CryptoWallet" && entity.First("holder") is { } holder)
            {
                Link(NodeIds.Entity(holder), walletNode, Relations.HasWallet, Evidence("holder of wallet", wallet), source);
            }
        }
        foreach (var ip in entity.Get("ipAddress").Concat(entity.Get("cidr")))
        {
            Link(node, NodeIds.Ip(ip), Relations.HasIp, Evidence("ip", ip), source);
        }
        foreach (var user in entity.Get("username"))
        {
            var userNode = NodeIds.Username(entity.First("service"), user);
            Link(node, userNode, Relations.HasUsername, Evidence("username", user), source);
            if (entity.First("owner") is { } owner)
            {
                Link(NodeIds.Entity(owner), userNode, Relations.HasUsername, Evidence("owner of account", user), source);
            }
        }
        foreach (var property in IdNumberProperties)
        {
            foreach (var number in entity.Get(property))
            {
                Link(node, NodeIds.IdNumber(number), Relations.HasIdNumber, Evidence(property, number), source);
            }
        }
        return node;
    }

    /// <summary>Freezes what was added into a queryable graph. The builder hands its data over and is empty afterwards
    /// (so a million-node build does not hold two copies); build once, at the end.</summary>
    public LinkGraph Build(GraphOptions? options = null)
    {
        var nodes = _nodes.ToArray();
        _nodes.Clear();
        _nodes.TrimExcess();
        _edgeIndex.Clear();
        _edgeIndex.TrimExcess();
        var edges = _edges.ToArray();
        _edges.Clear();
        _edges.TrimExcess();
        var index = _index;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        var relations = _relations.ToArray();
        _relations.Clear();
        _relationIndex.Clear();
        return new LinkGraph(nodes, edges, relations, index, options ?? GraphOptions.Default);
    }

    private static readonly string[] IdNumberProperties =
        ["idNumber", "registrationNumber", "taxNumber", "passportNumber", "innCode", "ogrnCode", "leiCode", "dunsCode", "swiftBic", "imoNumber", "vatCode"];

    private bool TryAddRelationship(Entity entity)
    {
        (string From, string To, string Relation)? shape = entity.Schema.Name switch
        {
            "Ownership" => ("asset", "owner", Relations.OwnedBy),
            "Directorship" => ("organization", "director", Relations.DirectedBy),
            "Family" => ("person", "relative", Relations.FamilyOf),
            "Associate" => ("person", "associate", Relations.AssociateOf),
            "Membership" => ("member", "organization", Relations.MemberOf),
            "Employment" => ("employee", "employer", Relations.EmployedAt),
            "Representation" => ("agent", "client", Relations.Represents),
            "UnknownLink" => ("subject", "object", Relations.LinkedTo),
            _ => null,
        };
        if (shape is not { } s)
        {
            return false;
        }
        var detail = entity.First("role") ?? entity.First("relationship") ?? entity.First("percentage");
        var evidence = $"{entity.Schema.Name} {entity.Id} in {entity.Dataset}" + (detail is null ? "" : $" ({detail})");
        foreach (var from in entity.Get(s.From))
        {
            foreach (var to in entity.Get(s.To))
            {
                AddEdge(NodeIds.Entity(from), NodeIds.Entity(to), s.Relation, evidence, entity.Dataset);
            }
        }
        return true;
    }

    private void Link(string from, string? to, string relation, string evidence, string source)
    {
        if (to is not null)
        {
            AddEdge(from, to, relation, evidence, source);
        }
    }

    private static string? Given(string value, NodeKind kind) =>
        value.StartsWith(kind.Prefix() + ":", StringComparison.Ordinal) ? value : null;

    // An address with a unit also points at its building, a weaker node that never joins people by itself.
    private void LinkBuilding(string addressNode, int addressIndex)
    {
        var value = NodeIds.ValueOf(addressNode);
        var unit = value.LastIndexOf(" unit ", StringComparison.Ordinal);
        if (unit <= 0)
        {
            return;
        }
        var building = "building:" + value[..unit];
        var b = Intern(building);
        var key = (addressIndex, b, RelationIndex(Relations.InBuilding));
        if (!_edgeIndex.ContainsKey(key))
        {
            _edgeIndex[key] = _edges.Count;
            _edges.Add(new EdgeRecord { From = addressIndex, To = b, Relation = key.Item3, Weight = 1, Evidence = $"'{value}' is in the building '{value[..unit]}'", Source = "address normaliser" });
        }
    }

    private int Intern(string nodeId)
    {
        if (_index.TryGetValue(nodeId, out var index))
        {
            return index;
        }
        if (!NodeIds.IsWellFormed(nodeId))
        {
            throw new ArgumentException($"node id '{nodeId}' is not '<kind>:<value>'", nameof(nodeId));
        }
        index = _nodes.Count;
        _index[nodeId] = index;
        _nodes.Add(new NodeRecord { Id = nodeId, Caption = NodeIds.ValueOf(nodeId), Kind = NodeIds.KindOf(nodeId) });
        return index;
    }

    private short RelationIndex(string relation)
    {
        if (!_relationIndex.TryGetValue(relation, out var index))
        {
            index = checked((short)_relations.Count);
            _relationIndex[relation] = index;
            _relations.Add(relation);
        }
        return index;
    }
}

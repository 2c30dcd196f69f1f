using System.Security.Cryptography;
using System.Text;
using Unmask.Domain;
using Unmask.LinkGraph.Model;

namespace Unmask.LinkGraph.Export;

/// <summary>
/// Maps export content to FtM entities (see docs/exports.md, "FollowTheMoney"): list entities with all their
/// properties, Sanction / Passport / Identification / Address entities generated from them, CryptoWallet and
/// UserAccount entities for shared wallets and accounts, graph-only holders as Person / Company / LegalEntity with
/// <c>target: false</c>, links as FtM interval schemata, and cases as Notes. Context entities read from FtM files
/// (Sanction, Identification, Address, Ownership...) are written as they are, and nothing they already say is
/// generated again. Generated ids are hashes of what the entity stands for, so the same content gives the same ids.
/// </summary>
internal sealed class FtmExport
{
    private readonly ExportContent _content;
    private readonly LinkGraph _graph;
    private readonly FtmDocument _document = new();
    private readonly HashSet<(string Holder, string Key)> _covered = [];

    private FtmExport(ExportContent content)
    {
        _content = content;
        _graph = content.Selection.Graph;
    }

    public static FtmDocument Build(ExportContent content)
    {
        var export = new FtmExport(content);
        export.Run();
        return export._document;
    }

    private void Run()
    {
        var selection = _content.Selection;
        foreach (var entity in _content.Entities.Values.Where(IsWritten))
        {
            NoteWhatItCovers(entity);
        }
        // Context entities are the ones the graph holds no node for; a list entity whose node a case selection left
        // out stays out.
        foreach (var entity in _content.Entities.Values.Where(e => !_graph.Contains(NodeIds.Entity(e.Id))).OrderBy(e => e.Id, StringComparer.Ordinal))
        {
            _document.Add(FromEntity(entity, target: false));
        }
        foreach (var node in selection.NodeIndices())
        {
            if (_graph.IsHolder(node))
            {
                AddHolder(node);
            }
        }
        foreach (var e in selection.EdgeIndices())
        {
            ref readonly var edge = ref _graph.EdgeData[e];
            if (_graph.IsHolder(edge.From) && _graph.IsHolder(edge.To)
                && !_covered.Contains((_graph.NodeData[edge.From].Id, $"{_graph.RelationNames[edge.Relation]}>{_graph.NodeData[edge.To].Id}")))
            {
                AddLink(e);
            }
        }
        foreach (var @case in _content.Cases)
        {
            FtmCases.Add(_document, @case, NodeFtmId);
        }
        _document.Seal();
    }

    /// <summary>Context entities (no graph node) are written; a list entity only when the selection holds its node.</summary>
    private bool IsWritten(Entity entity) =>
        !_graph.TryIndexOf(NodeIds.Entity(entity.Id), out var node) || _content.Selection.Contains(node);

    /// <summary>The FtM id of a graph node: a list entity's own id when FtM accepts it, else <c>unmask-&lt;kind&gt;-…</c>.</summary>
    internal static string NodeFtmId(string nodeId)
    {
        var kind = NodeIds.KindOf(nodeId);
        var id = kind == NodeKind.Entity ? FtmIds.OfEntity(NodeIds.ValueOf(nodeId)) : FtmIds.Of(kind.Prefix(), NodeIds.ValueOf(nodeId));
        return id.Length <= FtmIds.MaxLength ? id : FtmIds.Of("long", Hash(nodeId));
    }

    private static string EntityFtmId(string entityId) => NodeFtmId(NodeIds.Entity(entityId));

    // What context entities already say, so that it is not generated a second time: a Sanction for a holder's program,
    // an Identification of a number, a link between two entities, a wallet's or an account's holder.
    private void NoteWhatItCovers(Entity entity)
    {
        switch (entity.Schema.Name)
        {
            case "Sanction":
                foreach (var holder in entity.Get("entity"))
                {
                    _covered.Add((EntityFtmId(holder), "sanction"));
                    foreach (var program in entity.Get("program").Concat(entity.Get("programId")))
                    {
                        _covered.Add((EntityFtmId(holder), "sanction>" + program));
                    }
                }
                return;
            case "Identification" or "Passport":
                foreach (var holder in entity.Get("holder"))
                {
                    foreach (var number in entity.Get("number").Concat(entity.Get("passportNumber")))
                    {
                        _covered.Add((EntityFtmId(holder), "id>" + number));
                    }
                }
                return;
            case "CryptoWallet":
                foreach (var holder in entity.Get("holder"))
                {
                    foreach (var key in entity.Get("publicKey"))
                    {
                        _covered.Add((NodeIds.Entity(holder), NodeIds.Wallet(key, entity.First("currencySymbol")) ?? key));
                    }
                }
                return;
            case "UserAccount":
                foreach (var owner in entity.Get("owner"))
                {
                    foreach (var user in entity.Get("username"))
                    {
                        _covered.Add((NodeIds.Entity(owner), NodeIds.Username(entity.First("service"), user) ?? user));
                    }
                }
                return;
        }
        var link = FtmModel.Links.FirstOrDefault(l => l.Schema == entity.Schema.Name);
        if (link.Schema is null)
        {
            return;
        }
        foreach (var from in entity.Get(link.From))
        {
            foreach (var to in entity.Get(link.To))
            {
                _covered.Add((NodeIds.Entity(from), $"{link.Relation}>{NodeIds.Entity(to)}"));
            }
        }
    }

    private void AddHolder(int node)
    {
        ref readonly var data = ref _graph.NodeData[node];
        var designated = (data.Flags & NodeFlags.Designated) != 0;
        FtmEntity holder;
        var entity = data.Kind == NodeKind.Entity ? _content.Entities.GetValueOrDefault(NodeIds.ValueOf(data.Id)) : null;
        if (entity is not null)
        {
            holder = _document.Add(FromEntity(entity, entity.Target && designated));
            AddSanctions(entity, holder);
            AddIdentifications(entity, holder);
            foreach (var address in entity.Get("address"))
            {
                AddAddress(holder, address, SingleCountry(entity), entity);
            }
        }
        else
        {
            holder = _document.Add(new FtmEntity(NodeFtmId(data.Id), GraphSchema(data)) { Target = designated });
            holder.Add("name", data.Caption);
            // FtM consumers expect every entity in a dataset: Unmask's own work (vetted records, analysed sites) is
            // its own, so the entity reads back into the same dataset.
            holder.Datasets.Add(data.Dataset ?? (data.Kind == NodeKind.Site ? "unmask_sites" : "unmask_records"));
        }
        holder.Caption = data.Caption;
        var originalSchema = entity?.Schema.Name ?? data.Schema;
        holder.Extra = new FtmEntity.UnmaskExtra(data.Risk, (int)data.Flags, originalSchema == holder.Schema ? null : originalSchema,
            holder.Id.StartsWith(FtmIds.Prefix + "long-", StringComparison.Ordinal) ? data.Id : null);
        AddIdentifiers(node, holder, onlyShared: entity is not null);
    }

    /// <summary>A list or context entity with every property FtM has a place for; values FtM's types refuse and
    /// properties FtM lacks are kept as text in <c>notes</c> (or <c>description</c> on intervals), never dropped.</summary>
    private FtmEntity FromEntity(Entity entity, bool target)
    {
        var schema = entity.Schema.IsExtension ? "LegalEntity" : entity.Schema.Name;
        var result = new FtmEntity(EntityFtmId(entity.Id), schema)
        {
            Target = target,
            Caption = entity.Caption,
            Referents = [.. entity.Referents.Select(EntityFtmId)],
            FirstSeen = entity.FirstSeen,
            LastSeen = entity.LastSeen,
            LastChange = entity.LastChange,
        };
        result.Datasets.AddRange(entity.Datasets);
        // The same country hint the graph builder gives phone numbers, so a phone becomes the same E.164 number here.
        var hint = entity.First("country") ?? entity.First("nationality") ?? entity.First("jurisdiction");
        foreach (var property in entity.Properties.Keys.Order(StringComparer.Ordinal))
        {
            var definition = entity.Schema.FindProperty(property)!;
            foreach (var value in entity.Get(property))
            {
                AddProperty(result, entity, property, definition.Type, value, hint);
            }
        }
        if (entity.Schema.IsExtension)
        {
            // IOC extension schemas: FtM has no Domain or IP address entity. The closest shape FtM readers accept is
            // the unknown operator behind the value, a LegalEntity named by it (with the domain as its website), under
            // FtM's cybercrime topic; the Unmask schema stays in the "unmask" key so the graph reader restores it.
            result.Add("topics", "crime.cyber");
        }
        if (schema == "UserAccount" && result.Get("username").Count == 0)
        {
            // FtM requires a username; an IOC list's e-mail or phone account is known by that address.
            var handle = result.Get("email").Concat(result.Get("number")).FirstOrDefault();
            result.Add("username", handle).Add("service", result.Get("service").Count > 0 || handle is null ? null
                : result.Get("email").Count > 0 ? "email" : "phone");
        }
        return result;
    }

    private void AddProperty(FtmEntity result, Entity entity, string property, PropertyType type, string value, string? hint)
    {
        switch (entity.Schema.Name, property)
        {
            case (_, "cryptoWallet"):
                // Parsed wallets are the graph's wallet nodes, written as CryptoWallet entities held by this one.
                if (NodeIds.Wallet(value) is null)
                {
                    Unplaced(result, property, value);
                }
                return;
            case ("Domain", "domain"):
                result.Add("name", value).Add("website", FtmValues.Url(value));
                return;
            case ("IpAddress", "ipAddress" or "cidr"):
                result.Add("name", value);
                return;
        }
        var real = FtmModel.RealProperty(entity.Schema, result.Schema, property);
        if (real is null)
        {
            Unplaced(result, property, value);
            return;
        }
        var clean = type == PropertyType.Entity ? EntityFtmId(value) : FtmValues.Clean(real, type, value, hint);
        if (clean is null)
        {
            Unplaced(result, property, value);
            return;
        }
        result.Add(real, clean);
    }

    private static void Unplaced(FtmEntity result, string property, string value) =>
        result.Add(FtmModel.HasProperty(result.Schema, "notes") ? "notes" : "description", $"{property}: {value}");

    private static string? SingleCountry(Entity entity)
    {
        var countries = entity.Get("country").Concat(entity.Get("nationality")).Concat(entity.Get("jurisdiction"))
            .Distinct(StringComparer.Ordinal).ToList();
        return countries.Count == 1 && Countries.TryGetCode(countries[0], out var code) ? code : null;
    }

    /// <summary>One Sanction per program (FtM keeps programs on Sanction entities, as OpenSanctions does), or one for
    /// the list itself when a designated entity names none; never one that a context Sanction already states.</summary>
    private void AddSanctions(Entity entity, FtmEntity holder)
    {
        var programs = entity.Get("program");
        var ids = entity.Get("programId");
        var dataset = _content.Datasets.GetValueOrDefault(entity.Dataset);
        var listed = holder.Target && (dataset is null || dataset.Kind == DatasetKind.Sanctions);
        if (programs.Count == 0 && (!listed || _covered.Contains((holder.Id, "sanction"))))
        {
            return;
        }
        IReadOnlyList<string?> each = programs.Count == 0 ? [null] : [.. programs];
        for (var i = 0; i < each.Count; i++)
        {
            var program = each[i];
            if (program is not null && _covered.Contains((holder.Id, "sanction>" + program)))
            {
                continue;
            }
            var sanction = new FtmEntity(FtmIds.Of("sanction", Hash($"{entity.Id}|{program}")), "Sanction")
            {
                Caption = program ?? dataset?.Title ?? entity.Dataset,
                FirstSeen = entity.FirstSeen,
                LastSeen = entity.LastSeen,
                LastChange = entity.LastChange,
            };
            sanction.Datasets.AddRange(entity.Datasets);
            sanction.Add("entity", holder.Id).Add("program", program).Add("authority", dataset?.Publisher)
                .Add("publisher", dataset?.Title);
            // Programs and their ids are paired when the list gives as many of each; otherwise every id goes on every
            // Sanction (an id is never dropped, even when the list does not say which program it belongs to).
            var paired = ids.Count == each.Count ? [ids[i]] : ids;
            foreach (var id in paired)
            {
                sanction.Add("programId", FtmValues.Clean("programId", PropertyType.Identifier, id));
            }
            foreach (var url in entity.Get("sourceUrl"))
            {
                sanction.Add("sourceUrl", FtmValues.Url(url));
            }
            _document.Add(sanction);
        }
    }

    // Identification.holder's range is LegalEntity: a Vessel keeps its imoNumber and callSign as its own properties.
    private static readonly (string Property, string Schema)[] DocumentProperties =
        [("passportNumber", "Passport"), ("idNumber", "Identification"), ("socialSecurityNumber", "Identification")];

    private void AddIdentifications(Entity entity, FtmEntity holder)
    {
        if (!FtmModel.IsA(holder.Schema, "LegalEntity"))
        {
            return;
        }
        var numbers = DocumentProperties.SelectMany(p => entity.Get(p.Property).Select(n => (p.Property, p.Schema, Number: n)))
            .Concat(entity.Properties.Keys.Where(p => entity.Schema.FindProperty(p)!.Type == PropertyType.Identifier
                                                    && FtmModel.RealProperty(entity.Schema, holder.Schema, p) is null)
                .Order(StringComparer.Ordinal)
                .SelectMany(p => entity.Get(p).Select(n => (Property: p, Schema: "Identification", Number: n))));
        foreach (var (property, schema, number) in numbers)
        {
            if (_covered.Contains((holder.Id, "id>" + number)) || FtmValues.Clean("number", PropertyType.Identifier, number) is null)
            {
                continue;
            }
            var document = new FtmEntity(FtmIds.Of(schema.ToLowerInvariant(), Hash($"{entity.Id}|{property}|{number}")), schema)
            {
                Caption = number,
            };
            document.Datasets.AddRange(entity.Datasets);
            document.Add("holder", holder.Id).Add("number", number).Add("type", property);
            if (schema == "Passport" && entity.Get("nationality").Count == 1)
            {
                document.Add("country", FtmValues.Clean("country", PropertyType.Country, entity.Get("nationality")[0]));
            }
            _document.Add(document);
        }
    }

    /// <summary>An Address entity for an address string, shared by every holder that gives the same text, referenced
    /// by <c>addressEntity</c>; the holder keeps the string in <c>address</c> too, as FtM exports do.</summary>
    private void AddAddress(FtmEntity holder, string full, string? country, Entity? entity = null)
    {
        if (entity is not null && entity.Get("addressEntity").Any(id =>
                _content.Entities.TryGetValue(id, out var known) && known.Get("full").Contains(full, StringComparer.OrdinalIgnoreCase)))
        {
            return;
        }
        var lastPart = full.Split(',').Last().Trim();
        var address = new FtmEntity(FtmIds.Of("addr", Hash(full)), "Address") { Caption = full };
        address.Add("full", full).Add("name", full)
            .Add("country", Countries.TryGetCode(lastPart, out var code) ? code : country);
        address.Datasets.AddRange(entity?.Datasets ?? holder.Datasets);
        _document.Add(address);
        holder.Add("addressEntity", address.Id);
    }

    private static string GraphSchema(in GraphBuilder.NodeRecord data)
    {
        if (data.Schema is not null && Schemas.TryGet(data.Schema, out var schema) && !schema.IsExtension && !schema.IsAbstract
            && FtmModel.IsKnown(schema.Name))
        {
            return schema.Name;
        }
        return data.Kind switch
        {
            NodeKind.Applicant or NodeKind.Contractor => "Person",
            NodeKind.Vendor => "Company",
            // A site stands for whoever runs it: a firm or a person, FtM's LegalEntity.
            _ => "LegalEntity",
        };
    }

    /// <summary>FtM properties for identifier edges: phone, email, address, website, idNumber where the holder's schema
    /// has them. For a site, <c>website</c> is the domain it is served from.</summary>
    internal static string? PropertyFor(NodeKind holderKind, string relation, NodeKind identifierKind) => (relation, identifierKind) switch
    {
        (Relations.HasPhone, NodeKind.Phone) => "phone",
        (Relations.HasEmail, NodeKind.Email) => "email",
        (Relations.HasAddress, NodeKind.Address) => "address",
        (Relations.HasWebsite, NodeKind.Domain) when holderKind != NodeKind.Site => "website",
        (Relations.HasDomain, NodeKind.Domain) when holderKind == NodeKind.Site => "website",
        (Relations.HasIdNumber, NodeKind.IdNumber) => "idNumber",
        _ => null,
    };

    /// <summary>The holder's identifier edges. Wallets and accounts become CryptoWallet and UserAccount entities held by
    /// every holder that gave them; other identifiers become properties or, where FtM has none (analytics tags,
    /// favicons, hashed bank accounts, résumé passages, sign-in addresses), an Identification with the kind as its
    /// type and the relation as its summary. A list entity's own properties already carry its identifiers, so for it
    /// only wallets and accounts are added.</summary>
    private void AddIdentifiers(int node, FtmEntity holder, bool onlyShared)
    {
        var holderKind = _graph.NodeData[node].Kind;
        var holderNode = _graph.NodeData[node].Id;
        var edges = _graph.Adjacent(node).ToArray()
            .Where(e => _content.Selection.Contains(_graph.Other(e, node)) && !_graph.IsHolder(_graph.Other(e, node)))
            .OrderBy(e => _graph.NodeData[_graph.Other(e, node)].Id, StringComparer.Ordinal)
            .ThenBy(e => _graph.RelationNames[_graph.EdgeData[e].Relation], StringComparer.Ordinal);
        foreach (var e in edges)
        {
            var edge = _graph.EdgeData[e];
            var identifier = _graph.NodeData[_graph.Other(e, node)];
            var relation = _graph.RelationNames[edge.Relation];
            var value = NodeIds.ValueOf(identifier.Id);
            var forward = edge.From == node;
            if (forward && identifier.Kind == NodeKind.Wallet && relation == Relations.HasWallet)
            {
                if (FtmModel.IsA(holder.Schema, "LegalEntity") && !_covered.Contains((holderNode, identifier.Id)))
                {
                    var wallet = _document.Add(Wallet(identifier.Id)).Add("holder", holder.Id);
                    wallet.Datasets.AddRange(holder.Datasets.Where(d => !wallet.Datasets.Contains(d, StringComparer.Ordinal)));
                }
                continue;
            }
            if (forward && identifier.Kind == NodeKind.Username && relation == Relations.HasUsername)
            {
                if (FtmModel.IsA(holder.Schema, "LegalEntity") && !_covered.Contains((holderNode, identifier.Id)))
                {
                    _document.Add(Account(identifier.Id)).Add("owner", holder.Id);
                }
                continue;
            }
            if (onlyShared)
            {
                continue;
            }
            var property = forward ? PropertyFor(holderKind, relation, identifier.Kind) : null;
            if (property is not null && FtmModel.HasProperty(holder.Schema, property))
            {
                holder.Add(property, property == "website" ? FtmValues.Url(value) : value);
                if (property == "address")
                {
                    AddAddress(holder, value, null);
                }
                continue;
            }
            var from = _graph.NodeData[edge.From].Id;
            var to = _graph.NodeData[edge.To].Id;
            var identification = new FtmEntity(FtmIds.Of("ident", Hash($"{from}|{relation}|{to}")), "Identification") { Caption = value };
            identification.Add("holder", holder.Id).Add("type", identifier.Kind.Prefix()).Add("number", value)
                .Add("summary", forward ? relation : "reverse:" + relation).Add("description", edge.Evidence).Add("publisher", edge.Source);
            identification.Datasets.AddRange(holder.Datasets);
            _document.Add(identification);
        }
    }

    private static FtmEntity Wallet(string walletNode)
    {
        var key = NodeIds.ValueOf(walletNode);
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        var address = colon >= 0 ? key[(colon + 1)..] : key;
        var wallet = new FtmEntity(NodeFtmId(walletNode), "CryptoWallet") { Caption = address };
        wallet.Add("publicKey", address).Add("name", address);
        if (colon > 0 && key[..colon] is "btc" or "ltc" or "bch" or "trx" or "xmr" or "eth" or "zec" or "xrp" or "dash")
        {
            wallet.Add("currencySymbol", key[..colon].ToUpperInvariant());
        }
        return wallet;
    }

    private static FtmEntity Account(string usernameNode)
    {
        var key = NodeIds.ValueOf(usernameNode);
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        var user = colon >= 0 ? key[(colon + 1)..] : key;
        var account = new FtmEntity(NodeFtmId(usernameNode), "UserAccount") { Caption = user };
        account.Add("username", user).Add("name", user).Add("service", colon > 0 ? key[..colon] : null);
        return account;
    }

    private void AddLink(int e)
    {
        ref readonly var edge = ref _graph.EdgeData[e];
        var relation = _graph.RelationNames[edge.Relation];
        var from = _graph.NodeData[edge.From].Id;
        var to = _graph.NodeData[edge.To].Id;
        var schema = FtmRelations.SchemaFor(relation);
        var link = FtmModel.Links.First(l => l.Schema == schema);
        var entity = new FtmEntity(FtmIds.Of("link", Hash($"{from}|{relation}|{to}")), schema) { Caption = relation };
        entity.Add(link.From, NodeFtmId(from)).Add(link.To, NodeFtmId(to));
        if (relation != link.Relation)
        {
            entity.Add(FtmRelations.DetailProperty(schema), relation);
        }
        entity.Add("description", edge.Evidence).Add("publisher", edge.Source);
        // A link is in the datasets of its source end (the record or list entity that gave it).
        entity.Datasets.AddRange(_document.Find(NodeFtmId(from))?.Datasets ?? []);
        if (edge.Weight < 1)
        {
            entity.Add("summary", "weight=" + edge.Weight.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        }
        _document.Add(entity);
    }

    internal static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..20];
}

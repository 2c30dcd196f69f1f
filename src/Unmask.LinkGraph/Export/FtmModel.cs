using Unmask.Domain;

namespace Unmask.LinkGraph.Export;

/// <summary>
/// The parts of the real FollowTheMoney model (schema/*.yaml) the FtM exporter must respect and Unmask's own schema
/// table does not hold: the real inheritance and property names (from <see cref="FtmVocabulary"/>: Company and Vehicle
/// are Assets, Identification and the links are Intervals), the ranges of the entity properties we write, the properties
/// Unmask adds or names differently, and the length limits of identifier values.
/// </summary>
internal static class FtmModel
{
    /// <summary>Entity-typed properties and their ranges, by schema (inherited ones are found through the parents).</summary>
    private static readonly Dictionary<(string Schema, string Property), string> Ranges = new()
    {
        [("Thing", "addressEntity")] = "Address", [("LegalEntity", "parent")] = "LegalEntity",
        [("Vehicle", "owner")] = "LegalEntity", [("Vehicle", "operator")] = "LegalEntity",
        [("CryptoWallet", "holder")] = "LegalEntity", [("UserAccount", "owner")] = "LegalEntity",
        [("Identification", "holder")] = "LegalEntity", [("Sanction", "entity")] = "Thing", [("Note", "entity")] = "Thing",
        [("Position", "organization")] = "Organization",
        [("Ownership", "owner")] = "LegalEntity", [("Ownership", "asset")] = "Asset",
        [("Directorship", "director")] = "LegalEntity", [("Directorship", "organization")] = "Organization",
        [("Employment", "employee")] = "Person", [("Employment", "employer")] = "Organization",
        [("Membership", "member")] = "LegalEntity", [("Membership", "organization")] = "Organization",
        [("Representation", "agent")] = "LegalEntity", [("Representation", "client")] = "LegalEntity",
        [("UnknownLink", "subject")] = "Thing", [("UnknownLink", "object")] = "Thing",
        [("Associate", "person")] = "Person", [("Associate", "associate")] = "Person",
        [("Family", "person")] = "Person", [("Family", "relative")] = "Person",
        [("Occupancy", "holder")] = "Person", [("Occupancy", "post")] = "Position",
    };

    /// <summary>The interval schemata that read as a link between two entities: (from, to) as Unmask's graph edges run,
    /// and the relation the graph uses for them.</summary>
    internal static readonly (string Schema, string From, string To, string Relation)[] Links =
    [
        ("Ownership", "asset", "owner", Model.Relations.OwnedBy),
        ("Directorship", "organization", "director", Model.Relations.DirectedBy),
        ("Employment", "employee", "employer", Model.Relations.EmployedAt),
        ("Family", "person", "relative", Model.Relations.FamilyOf),
        ("Associate", "person", "associate", Model.Relations.AssociateOf),
        ("Membership", "member", "organization", Model.Relations.MemberOf),
        ("Representation", "agent", "client", Model.Relations.Represents),
        ("UnknownLink", "subject", "object", Model.Relations.LinkedTo),
    ];

    /// <summary>Identifier properties whose real limit is not FtM's default of 64 characters.</summary>
    private static readonly Dictionary<string, int> MaxLengths = new(StringComparer.Ordinal)
    {
        ["publicKey"] = 128, ["unscId"] = 16, ["wikidataId"] = 32, ["mmsi"] = 16, ["postalCode"] = 16,
    };

    public static bool IsA(string schema, string ancestor)
    {
        if (schema == ancestor)
        {
            return true;
        }
        return FtmVocabulary.ParentsOf(schema).Any(p => IsA(p, ancestor));
    }

    /// <summary>The range of an entity-typed property on <paramref name="schema"/> or its parents; null when unknown.</summary>
    public static string? RangeOf(string schema, string property)
    {
        if (Ranges.TryGetValue((schema, property), out var range))
        {
            return range;
        }
        foreach (var parent in FtmVocabulary.ParentsOf(schema))
        {
            if (RangeOf(parent, property) is { } inherited)
            {
                return inherited;
            }
        }
        return null;
    }

    /// <summary>True when real FtM defines <paramref name="property"/> on <paramref name="schema"/> or its parents.</summary>
    public static bool HasProperty(string schema, string property) => FtmVocabulary.HasProperty(schema, property);

    /// <summary>True for a schema real FtM has and an entity can have (not abstract).</summary>
    public static bool IsKnown(string schema) => FtmVocabulary.IsSchema(schema) && !FtmVocabulary.IsAbstract(schema);

    /// <summary>The properties an entity of the schema must have (each YAML file's <c>required</c>, parents' included).</summary>
    public static IEnumerable<string> Required(string schema) => schema switch
    {
        "Identification" or "Passport" => ["holder", "number"],
        "Sanction" => ["entity"],
        "UserAccount" => ["username"],
        "Occupancy" => ["holder", "post"],
        _ when Links.FirstOrDefault(l => l.Schema == schema) is { Schema: not null } link => [link.From, link.To],
        _ when IsA(schema, "LegalEntity") || IsA(schema, "Vessel") || schema == "Position" => ["name"],
        _ => [],
    };

    /// <summary>The name real FtM gives a property Unmask stores on <paramref name="schema"/> (written as
    /// <paramref name="ftmSchema"/>), or null when FtM has no such property there.</summary>
    public static string? RealProperty(Schema schema, string ftmSchema, string property)
    {
        var name = (schema.Name, property) switch
        {
            ("CryptoWallet", "managingExchange") => "mangingExchange", // sic, CryptoWallet.yaml
            ("Identification" or "Passport", "issueDate") => "startDate",
            ("Identification" or "Passport", "expiryDate") => "endDate",
            _ => property,
        };
        return HasProperty(ftmSchema, name) ? name : null;
    }

    public static int MaxLength(string property, PropertyType type) => type switch
    {
        PropertyType.Identifier or PropertyType.Wallet => MaxLengths.GetValueOrDefault(property, 64),
        PropertyType.String => property == "postalCode" ? 16 : 1024,
        PropertyType.Country or PropertyType.Gender => 16,
        PropertyType.Date => 32,
        PropertyType.Phone or PropertyType.Ip or PropertyType.Topic => 64,
        PropertyType.Name => 380,
        _ => 65000,
    };
}

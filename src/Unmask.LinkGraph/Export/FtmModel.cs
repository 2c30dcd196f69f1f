using Unmask.Domain;

namespace Unmask.LinkGraph.Export;

/// <summary>
/// The parts of the real FollowTheMoney model (schema/*.yaml) the FtM exporter must respect and Unmask's own schema
/// table does not hold: the real inheritance (Company and Vehicle are Assets, Identification and the links are
/// Intervals), the ranges of the entity properties we write, the properties Unmask adds or names differently, and the
/// length limits of identifier values.
/// </summary>
internal static class FtmModel
{
    private static readonly Dictionary<string, string[]> Parents = new(StringComparer.Ordinal)
    {
        ["Thing"] = [], ["Interval"] = [], ["Interest"] = ["Interval"], ["Value"] = [], ["Analyzable"] = [],
        ["Asset"] = ["Thing", "Value"], ["LegalEntity"] = ["Thing"], ["Organization"] = ["LegalEntity"],
        ["Company"] = ["Organization", "Asset"], ["PublicBody"] = ["Organization"], ["Person"] = ["LegalEntity"],
        ["Vehicle"] = ["Asset"], ["Vessel"] = ["Vehicle"], ["Airplane"] = ["Vehicle"], ["CryptoWallet"] = ["Thing", "Value"],
        ["UserAccount"] = ["Thing"], ["Address"] = ["Thing"], ["BankAccount"] = ["Asset"], ["Position"] = ["Thing"],
        ["Note"] = ["Thing", "Analyzable"], ["Identification"] = ["Interval"], ["Passport"] = ["Identification"],
        ["Sanction"] = ["Interval"], ["Ownership"] = ["Interest"], ["Directorship"] = ["Interest"], ["Employment"] = ["Interest"],
        ["Membership"] = ["Interest"], ["Representation"] = ["Interest"], ["UnknownLink"] = ["Interest"],
        ["Associate"] = ["Interval"], ["Family"] = ["Interval"], ["Occupancy"] = ["Interval"],
    };

    /// <summary>The properties each schema defines itself, as in its YAML file (inherited ones come through the parents).</summary>
    private static readonly Dictionary<string, HashSet<string>> OwnProperties = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Thing"] = "address addressEntity alephUrl alias country createdAt description indexText keywords modifiedAt name notes previousName program programId proof publisher publisherUrl retrievedAt sourceUrl summary topics weakAlias wikidataId wikipediaUrl",
        ["Interval"] = "alephUrl date description endDate indexText modifiedAt namesMentioned publisher publisherUrl recordId retrievedAt sourceUrl startDate summary",
        ["Interest"] = "role status",
        ["Value"] = "amount amountEur amountUsd currency",
        ["Analyzable"] = "companiesMentioned detectedCountry detectedLanguage emailMentioned ibanMentioned ipMentioned locationMentioned namesMentioned peopleMentioned phoneMentioned",
        ["Asset"] = "",
        ["LegalEntity"] = "bvdId classification dissolutionDate dunsCode email icijId idNumber incorporationDate innCode jurisdiction legalForm leiCode licenseNumber mainCountry npiCode ogrnCode okpoCode opencorporatesUrl parent phone registrationNumber sector status swiftBic taxNumber taxStatus uniqueEntityId vatCode website",
        ["Organization"] = "cageCode giiNumber imoNumber permId",
        ["Company"] = "bikCode caemCode capital cikCode coatoCode fnsCode fssCode ibcRuc ipoCode irsCode isinCode jibCode jurisdiction kppCode mbsCode okopfCode oksmCode okvedCode pfrNumber registrationNumber ricCode ticker voenCode",
        ["PublicBody"] = "",
        ["Person"] = "appearance birthCountry birthDate birthPlace citizenship deathDate education ethnicity eyeColor fatherName firstName gender hairColor height lastName middleName motherName nameSuffix nationality passportNumber political position religion secondName socialSecurityNumber spokenLanguage title weight",
        ["Vehicle"] = "buildDate deregistrationDate model operator owner registrationDate registrationNumber type",
        ["Vessel"] = "callSign crsNumber flag grossRegisteredTonnage imoNumber mmsi nameChangeDate navigationArea pastFlags pastTypes registrationPort tonnage",
        ["Airplane"] = "icaoCode manufacturer serialNumber",
        ["CryptoWallet"] = "balance balanceDate creationDate currencySymbol holder mangingExchange privateKey publicKey",
        ["UserAccount"] = "email ipAddress number owner password service username",
        ["Address"] = "city country full googlePlaceId latitude longitude osmId postOfficeBox postalCode region remarks state street street2",
        ["BankAccount"] = "accountNumber accountType balance balanceDate bank bankAddress bankName bic closingDate iban maxBalance maxBalanceDate openingDate",
        ["Position"] = "dissolutionDate inceptionDate numberOfSeats organization subnationalArea",
        ["Note"] = "entity",
        ["Identification"] = "authority country holder number type",
        ["Passport"] = "birthDate birthPlace gender givenName passportNumber personalNumber surname",
        ["Sanction"] = "authority authorityId country duration entity listingDate program programId programUrl provisions reason status unscId",
        ["Ownership"] = "asset legalBasis owner ownershipType percentage sharesCount sharesCurrency sharesType sharesValue",
        ["Directorship"] = "director organization secretary",
        ["Employment"] = "employee employer",
        ["Membership"] = "member organization",
        ["Representation"] = "agent client",
        ["UnknownLink"] = "object subject",
        ["Associate"] = "associate person relationship",
        ["Family"] = "person relationship relative",
        ["Occupancy"] = "declarationDate holder post status",
    }.ToDictionary(p => p.Key, p => p.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

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
        return Parents.TryGetValue(schema, out var parents) && parents.Any(p => IsA(p, ancestor));
    }

    /// <summary>The range of an entity-typed property on <paramref name="schema"/> or its parents; null when unknown.</summary>
    public static string? RangeOf(string schema, string property)
    {
        if (Ranges.TryGetValue((schema, property), out var range))
        {
            return range;
        }
        if (Parents.TryGetValue(schema, out var parents))
        {
            foreach (var parent in parents)
            {
                if (RangeOf(parent, property) is { } inherited)
                {
                    return inherited;
                }
            }
        }
        return null;
    }

    /// <summary>True when real FtM defines <paramref name="property"/> on <paramref name="schema"/> or its parents.</summary>
    public static bool HasProperty(string schema, string property) =>
        (OwnProperties.TryGetValue(schema, out var own) && own.Contains(property))
        || (Parents.TryGetValue(schema, out var parents) && parents.Any(p => HasProperty(p, property)));

    /// <summary>True for the schemas the exporter knows (the ones in this table).</summary>
    public static bool IsKnown(string schema) => Parents.ContainsKey(schema);

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

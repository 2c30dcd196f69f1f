using T = Unmask.Domain.PropertyType;

namespace Unmask.Domain;

/// <summary>
/// The subset of the FollowTheMoney model (alephdata/followthemoney, schema/*.yaml) that Unmask reads, stores and
/// exports, with FtM's own schema names, inheritance and property names. Two extension schemas (Domain, IpAddress)
/// and one extension property (LegalEntity.cryptoWallet) carry IOC-list values that FtM has no place for; the FtM
/// exporter turns them into standard FtM shapes.
/// </summary>
public static class Schemas
{
    private static readonly Dictionary<string, Schema> All = Build();

    public static Schema Thing => Get("Thing");
    public static Schema LegalEntity => Get("LegalEntity");
    public static Schema Person => Get("Person");
    public static Schema Organization => Get("Organization");
    public static Schema Company => Get("Company");
    public static Schema Vessel => Get("Vessel");
    public static Schema Airplane => Get("Airplane");
    public static Schema CryptoWallet => Get("CryptoWallet");
    public static Schema UserAccount => Get("UserAccount");
    public static Schema Domain => Get("Domain");
    public static Schema IpAddress => Get("IpAddress");
    public static Schema Address => Get("Address");
    public static Schema Sanction => Get("Sanction");

    public static IEnumerable<Schema> Every => All.Values;

    public static Schema Get(string name) =>
        All.TryGetValue(name, out var schema) ? schema : throw new KeyNotFoundException($"unknown schema '{name}'");

    public static bool TryGet(string name, out Schema schema)
    {
        if (All.TryGetValue(name, out var found))
        {
            schema = found;
            return true;
        }
        schema = null!;
        return false;
    }

    /// <summary>True when <paramref name="schema"/> is <paramref name="ancestor"/> or inherits from it.</summary>
    public static bool IsA(this Schema schema, string ancestor)
    {
        if (schema.Name == ancestor)
        {
            return true;
        }
        foreach (var parent in schema.Parents)
        {
            if (Get(parent).IsA(ancestor))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Finds a property defined on the schema or any of its ancestors.</summary>
    public static PropertyDefinition? FindProperty(this Schema schema, string property)
    {
        if (schema.OwnProperties.TryGetValue(property, out var definition))
        {
            return definition;
        }
        foreach (var parent in schema.Parents)
        {
            var inherited = Get(parent).FindProperty(property);
            if (inherited is not null)
            {
                return inherited;
            }
        }
        return null;
    }

    /// <summary>The most specific schema that both can be, e.g. Person + LegalEntity = Person; Person + Company = none.</summary>
    public static Schema? Common(Schema left, Schema right)
    {
        if (left.IsA(right.Name))
        {
            return left;
        }
        return right.IsA(left.Name) ? right : null;
    }

    private static Dictionary<string, Schema> Build()
    {
        var list = new List<Schema>
        {
            New("Thing", [], isAbstract: true, matchable: false,
                P("name", T.Name), P("summary", T.Text), P("description", T.Text), P("country", T.Country), P("alias", T.Name),
                P("previousName", T.Name), P("weakAlias", T.Name, matchable: false), P("sourceUrl", T.Url, matchable: false),
                P("publisher", T.String, matchable: false), P("publisherUrl", T.Url, matchable: false), P("wikidataId", T.Identifier),
                P("keywords", T.String), P("topics", T.Topic), P("address", T.Address), P("addressEntity", T.Entity, "Address"),
                P("program", T.String), P("programId", T.Identifier, matchable: false), P("notes", T.Text),
                P("createdAt", T.Date, matchable: false), P("modifiedAt", T.Date, matchable: false), P("retrievedAt", T.Date, matchable: false)),
            New("LegalEntity", ["Thing"], isAbstract: false, matchable: true,
                P("email", T.Email), P("phone", T.Phone), P("website", T.Url), P("legalForm", T.String), P("incorporationDate", T.Date),
                P("dissolutionDate", T.Date), P("status", T.String), P("sector", T.String), P("classification", T.String),
                P("registrationNumber", T.Identifier), P("idNumber", T.Identifier), P("taxNumber", T.Identifier),
                P("vatCode", T.Identifier), P("jurisdiction", T.Country), P("mainCountry", T.Country), P("innCode", T.Identifier),
                P("ogrnCode", T.Identifier), P("leiCode", T.Identifier), P("dunsCode", T.Identifier), P("swiftBic", T.Identifier),
                P("imoNumber", T.Identifier), P("parent", T.Entity, "LegalEntity"),
                // Unmask extension: digital-currency addresses published on the entity's own list record (OFAC remarks).
                P("cryptoWallet", T.Wallet)),
            New("Organization", ["LegalEntity"], isAbstract: false, matchable: true,
                P("cageCode", T.Identifier), P("permId", T.Identifier), P("giiNumber", T.Identifier)),
            New("Company", ["Organization"], isAbstract: false, matchable: true,
                P("capital", T.Number), P("cikCode", T.Identifier), P("ticker", T.Identifier), P("isinCode", T.Identifier)),
            New("PublicBody", ["Organization"], isAbstract: false, matchable: true),
            New("Person", ["LegalEntity"], isAbstract: false, matchable: true,
                P("title", T.String), P("firstName", T.Name), P("secondName", T.Name), P("middleName", T.Name), P("fatherName", T.Name),
                P("motherName", T.Name), P("lastName", T.Name), P("nameSuffix", T.Name), P("birthDate", T.Date), P("birthPlace", T.String),
                P("birthCountry", T.Country), P("deathDate", T.Date), P("position", T.String), P("nationality", T.Country),
                P("citizenship", T.Country), P("passportNumber", T.Identifier), P("socialSecurityNumber", T.Identifier),
                P("gender", T.Gender), P("education", T.String)),
            New("Vehicle", ["Thing"], isAbstract: true, matchable: false,
                P("registrationNumber", T.Identifier), P("type", T.String), P("model", T.String), P("owner", T.Entity, "LegalEntity"),
                P("operator", T.Entity, "LegalEntity"), P("buildDate", T.Date)),
            New("Vessel", ["Vehicle"], isAbstract: false, matchable: true,
                P("imoNumber", T.Identifier), P("flag", T.Country), P("callSign", T.Identifier), P("tonnage", T.Number),
                P("grossRegisteredTonnage", T.Number), P("pastFlags", T.Country), P("mmsi", T.Identifier)),
            New("Airplane", ["Vehicle"], isAbstract: false, matchable: true,
                P("serialNumber", T.Identifier), P("icaoCode", T.Identifier), P("manufacturer", T.String)),
            New("CryptoWallet", ["Thing"], isAbstract: false, matchable: true,
                P("publicKey", T.Wallet), P("currencySymbol", T.String), P("holder", T.Entity, "LegalEntity"),
                P("managingExchange", T.String), P("balance", T.Number)),
            New("UserAccount", ["Thing"], isAbstract: false, matchable: true,
                P("owner", T.Entity, "LegalEntity"), P("service", T.String), P("email", T.Email), P("number", T.Phone),
                P("username", T.Identifier), P("ipAddress", T.Ip)),
            New("Address", ["Thing"], isAbstract: false, matchable: false,
                P("full", T.Address), P("street", T.String), P("city", T.String), P("postalCode", T.String), P("region", T.String),
                P("state", T.String), P("postOfficeBox", T.String), P("remarks", T.Text)),
            New("Identification", ["Thing"], isAbstract: false, matchable: false,
                P("holder", T.Entity, "LegalEntity"), P("type", T.String), P("number", T.Identifier), P("authority", T.String),
                P("issueDate", T.Date), P("expiryDate", T.Date)),
            New("Passport", ["Identification"], isAbstract: false, matchable: false, P("passportNumber", T.Identifier)),
            New("Sanction", ["Thing"], isAbstract: false, matchable: false,
                P("entity", T.Entity, "Thing"), P("authority", T.String), P("authorityId", T.Identifier), P("unscId", T.Identifier),
                P("programUrl", T.Url), P("provisions", T.String), P("reason", T.Text), P("listingDate", T.Date),
                P("startDate", T.Date), P("endDate", T.Date), P("date", T.Date)),
            Link("Ownership", "owner", "LegalEntity", "asset", "Thing", P("percentage", T.String), P("role", T.String)),
            Link("Directorship", "director", "LegalEntity", "organization", "Organization", P("role", T.String)),
            Link("Family", "person", "Person", "relative", "Person", P("relationship", T.String)),
            Link("Associate", "person", "Person", "associate", "Person", P("relationship", T.String)),
            Link("UnknownLink", "subject", "Thing", "object", "Thing", P("role", T.String)),
            Link("Membership", "member", "LegalEntity", "organization", "Organization", P("role", T.String)),
            Link("Employment", "employee", "Person", "employer", "LegalEntity", P("role", T.String)),
            Link("Representation", "agent", "LegalEntity", "client", "LegalEntity", P("role", T.String)),
            Link("Occupancy", "holder", "Person", "post", "Thing", P("status", T.String)),
            New("Position", ["Thing"], isAbstract: false, matchable: false, P("organization", T.Entity, "Organization")),
            New("BankAccount", ["Thing"], isAbstract: false, matchable: false,
                P("accountNumber", T.Identifier), P("iban", T.Identifier), P("bankName", T.String), P("bic", T.Identifier)),
            // Unmask extensions for IOC lists.
            New("Domain", ["Thing"], isAbstract: false, matchable: true, isExtension: true, P("domain", T.Domain)),
            New("IpAddress", ["Thing"], isAbstract: false, matchable: false, isExtension: true, P("ipAddress", T.Ip), P("cidr", T.Ip)),
        };
        return list.ToDictionary(s => s.Name, StringComparer.Ordinal);
    }

    private static PropertyDefinition P(string name, PropertyType type, string? range = null, bool matchable = true) =>
        new(name, type, range, matchable);

    private static Schema New(string name, string[] parents, bool isAbstract, bool matchable, params PropertyDefinition[] properties) =>
        new(name, parents, isAbstract, matchable, properties, isExtension: false);

    private static Schema New(string name, string[] parents, bool isAbstract, bool matchable, bool isExtension, params PropertyDefinition[] properties) =>
        new(name, parents, isAbstract, matchable, properties, isExtension);

    private static Schema Link(string name, string from, string fromRange, string to, string toRange, params PropertyDefinition[] more) =>
        new(name, ["Thing"], isAbstract: false, matchable: false,
            [P(from, T.Entity, fromRange), P(to, T.Entity, toRange), P("startDate", T.Date), P("endDate", T.Date), .. more], isExtension: false);
}

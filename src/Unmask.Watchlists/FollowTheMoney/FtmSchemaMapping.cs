using Unmask.Domain;

namespace Unmask.Watchlists.FollowTheMoney;

/// <summary>
/// Where an FtM schema that Unmask does not model goes. The parents are those of alephdata/followthemoney
/// (<c>followthemoney/schema/*.yaml</c>, <c>extends</c>, first parent); a schema is read as its nearest modelled,
/// non-abstract ancestor. FtM link schemas whose nearest ancestor is the abstract <c>Interest</c>/<c>Interval</c>
/// become <c>UnknownLink</c>, keeping their two ends as subject/object and their schema name as the role.
/// Everything else (documents, assets, events, ...) has no modelled ancestor but <c>Thing</c> and is skipped.
/// </summary>
public static class FtmSchemaMapping
{
    private static readonly Dictionary<string, string> Parent = new(StringComparer.Ordinal)
    {
        ["Article"] = "Document", ["Audio"] = "Document", ["Folder"] = "Document", ["HyperText"] = "Document", ["Image"] = "Document",
        ["Pages"] = "Document", ["PlainText"] = "Document", ["Table"] = "Document", ["Video"] = "Document", ["Email"] = "Folder",
        ["Package"] = "Folder", ["Workbook"] = "Folder", ["Message"] = "Folder", ["Document"] = "Thing",
        ["RealEstate"] = "Asset", ["Security"] = "Asset", ["Contract"] = "Asset", ["License"] = "Contract", ["Asset"] = "Thing",
        ["Assessment"] = "Thing", ["CourtCase"] = "Thing", ["Note"] = "Thing", ["Project"] = "Thing", ["CallForTenders"] = "Thing",
        ["Event"] = "Thing", ["Trip"] = "Event",
        // FtM's Vehicle is concrete (cars, trucks); Unmask keeps it abstract and models Vessel and Airplane only.
        ["Vehicle"] = "Thing",
    };

    /// <summary>FtM link schemas with no modelled ancestor, read as UnknownLink: (subject property, object property).</summary>
    private static readonly Dictionary<string, (string Subject, string Object)> Links = new(StringComparer.Ordinal)
    {
        ["Succession"] = ("predecessor", "successor"),
        ["Payment"] = ("payer", "beneficiary"),
        ["Debt"] = ("debtor", "creditor"),
        ["ProjectParticipant"] = ("participant", "project"),
        ["CourtCaseParty"] = ("party", "case"),
        ["Documentation"] = ("entity", "document"),
        ["ContractAward"] = ("supplier", "contract"),
        ["Similar"] = ("candidate", "match"),
    };

    /// <summary>The schema an FtM schema name is read as, or null when it is to be skipped.</summary>
    public static FtmSchemaTarget? Resolve(string ftmSchema)
    {
        var name = ftmSchema;
        for (var depth = 0; depth < 10; depth++)
        {
            if (Schemas.TryGet(name, out var schema))
            {
                return schema.IsAbstract ? null : new FtmSchemaTarget(schema, name == ftmSchema ? null : name, null);
            }
            if (Links.TryGetValue(name, out var ends))
            {
                return new FtmSchemaTarget(Schemas.Get("UnknownLink"), "UnknownLink", ends);
            }
            if (!Parent.TryGetValue(name, out var parent))
            {
                return null;
            }
            name = parent;
        }
        return null;
    }
}

/// <param name="Schema">The Unmask schema entities are created with.</param>
/// <param name="MappedTo">Set when the FtM schema was mapped to another one (its name), null when used as is.</param>
/// <param name="LinkEnds">For link schemas read as UnknownLink, the FtM properties that become subject and object.</param>
public sealed record FtmSchemaTarget(Schema Schema, string? MappedTo, (string Subject, string Object)? LinkEnds);

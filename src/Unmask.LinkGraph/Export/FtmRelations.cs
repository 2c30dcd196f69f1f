using System.Collections.Frozen;
using System.Reflection;
using Unmask.LinkGraph.Model;

namespace Unmask.LinkGraph.Export;

/// <summary>
/// Which FtM link schema carries which graph relation, both ways. The schema says the relation for its own kind of
/// link (Ownership is <c>owned_by</c>); a relation FtM has no schema for travels as the <c>role</c> of an UnknownLink,
/// or the <c>relationship</c> of an Associate (<c>alias_of</c>, <c>same_operator</c>). A role or relationship that is
/// not one of Unmask's relation names ("Director", "business partner") is FtM data and leaves the schema's relation.
/// </summary>
internal static class FtmRelations
{
    private static readonly FrozenSet<string> Known = typeof(Relations)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The link schema for a relation, before ranges are checked.</summary>
    public static string SchemaFor(string relation) => relation switch
    {
        Relations.OwnedBy => "Ownership",
        Relations.DirectedBy => "Directorship",
        Relations.EmployedAt => "Employment",
        Relations.FamilyOf => "Family",
        Relations.AssociateOf or Relations.AliasOf or Relations.SameOperator => "Associate",
        Relations.MemberOf => "Membership",
        Relations.Represents => "Representation",
        _ => "UnknownLink",
    };

    /// <summary>The property that names the relation when the schema's own relation is not the one meant.</summary>
    public static string DetailProperty(string schema) => schema is "Associate" or "Family" ? "relationship" : "role";

    /// <summary>The graph relation a link entity stands for; <paramref name="first"/> reads a property's first value.</summary>
    public static string RelationOf(string schema, Func<string, string?> first)
    {
        var link = FtmModel.Links.First(l => l.Schema == schema);
        return first(DetailProperty(schema)) is { } detail && Known.Contains(detail) ? detail : link.Relation;
    }
}

using Unmask.Domain;

namespace Unmask.Storage;

/// <summary>How <c>lists show</c> counts an entity's names and identifiers, the same way for every backend.</summary>
public static class EntityCounting
{
    private static readonly HashSet<PropertyType> IdentifierTypes =
    [
        PropertyType.Identifier, PropertyType.Email, PropertyType.Phone, PropertyType.Wallet, PropertyType.Domain, PropertyType.Ip,
    ];

    public static int Names(Entity entity) => entity.NameCount;

    /// <summary>Values of identifier-typed properties (ids, passports, e-mails, phones, wallets, domains, IPs) and websites.</summary>
    public static int Identifiers(Entity entity)
    {
        var count = 0;
        foreach (var (property, values) in entity.Properties)
        {
            var definition = entity.Schema.FindProperty(property);
            if (definition is not null && (IdentifierTypes.Contains(definition.Type) || property == "website")
                && property is not "programId")
            {
                count += values.Count;
            }
        }
        return count;
    }
}

using Unmask.Domain;

namespace Unmask.Storage;

/// <summary>An entity's names and identifiers as the store keeps them (one row each, so other tools can query them) and
/// counts them for <c>lists show</c>, the same way for every backend.</summary>
public static class EntityCounting
{
    private static readonly HashSet<PropertyType> IdentifierTypes =
    [
        PropertyType.Identifier, PropertyType.Email, PropertyType.Phone, PropertyType.Wallet, PropertyType.Domain, PropertyType.Ip,
    ];

    public static int Names(Entity entity) => NameValues(entity).Count();

    /// <summary>Values of identifier-typed properties (ids, passports, e-mails, phones, wallets, domains, IPs) and websites.</summary>
    public static int Identifiers(Entity entity) => IdentifierValues(entity).Count();

    /// <summary>Every name of the entity once, with the property it was first found in (name, alias, previousName, weakAlias).</summary>
    public static IEnumerable<EntityName> NameValues(Entity entity)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in (string[])["name", "alias", "previousName", "weakAlias"])
        {
            foreach (var name in entity.Get(property))
            {
                if (seen.Add(name))
                {
                    yield return new EntityName(property, name);
                }
            }
        }
    }

    /// <summary>The values <see cref="Identifiers"/> counts, each with its property and the property's type.</summary>
    public static IEnumerable<EntityIdentifier> IdentifierValues(Entity entity)
    {
        foreach (var (property, values) in entity.Properties)
        {
            var definition = entity.Schema.FindProperty(property);
            if (definition is not null && (IdentifierTypes.Contains(definition.Type) || property == "website")
                && property is not "programId")
            {
                var type = property == "website" ? "url" : definition.Type.ToString().ToLowerInvariant();
                foreach (var value in values)
                {
                    yield return new EntityIdentifier(property, type, value);
                }
            }
        }
    }
}

/// <summary>One name of an entity and the property that holds it.</summary>
public sealed record EntityName(string Property, string Name);

/// <summary>One identifier of an entity: its property (<c>passportNumber</c>), type (<c>identifier</c>, <c>email</c>,
/// <c>phone</c>, <c>wallet</c>, <c>domain</c>, <c>ip</c>, <c>url</c>) and value.</summary>
public sealed record EntityIdentifier(string Property, string Type, string Value);

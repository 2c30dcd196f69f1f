namespace Unmask.Domain;

/// <summary>One property of a schema: its FtM name, its value type, and for entity references the schema it points to.</summary>
public sealed record PropertyDefinition(string Name, PropertyType Type, string? Range = null, bool Matchable = true);

/// <summary>A FollowTheMoney schema (Person, Company, ...) with its parents and the properties it defines itself.</summary>
public sealed class Schema
{
    private readonly Dictionary<string, PropertyDefinition> _ownProperties;

    internal Schema(string name, IReadOnlyList<string> parents, bool isAbstract, bool matchable, IEnumerable<PropertyDefinition> properties, bool isExtension)
    {
        Name = name;
        Parents = parents;
        IsAbstract = isAbstract;
        Matchable = matchable;
        IsExtension = isExtension;
        _ownProperties = properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
    }

    public string Name { get; }
    public IReadOnlyList<string> Parents { get; }
    public bool IsAbstract { get; }

    /// <summary>Whether entities of this schema are screened by name (FtM's "matchable").</summary>
    public bool Matchable { get; }

    /// <summary>True for the few schemas Unmask adds to FtM for IOC lists (Domain, IpAddress).</summary>
    public bool IsExtension { get; }

    public IReadOnlyDictionary<string, PropertyDefinition> OwnProperties => _ownProperties;

    public override string ToString() => Name;
}

namespace Unmask.Domain.Identifiers;

/// <summary>Kinds of identifiers that can join entities in the link graph or decide a screening match.</summary>
public enum IdentifierKind
{
    Phone,
    Email,
    Domain,
    Wallet,
    Address,
    Tracker,
    Favicon,
    Ip,
    IpRange,
    IdNumber,
    Passport,
    Bank,
    Username,
}

/// <summary>A normalised identifier value of a given kind, e.g. (Email, "jane@example.com").</summary>
public readonly record struct Identifier(IdentifierKind Kind, string Value)
{
    /// <summary>Node id form used by the link graph and CONTRACT.md, e.g. <c>email:jane@example.com</c>.</summary>
    public string Key => $"{Kind.ToString().ToLowerInvariant()}:{Value}";

    public override string ToString() => Key;
}

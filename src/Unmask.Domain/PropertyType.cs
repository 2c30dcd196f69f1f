namespace Unmask.Domain;

/// <summary>The value types of FollowTheMoney properties that Unmask uses. Values are always stored as strings,
/// as in FtM; the type says how a value is normalised and compared.</summary>
public enum PropertyType
{
    String,
    Text,
    Name,
    Date,
    Country,
    Identifier,
    Email,
    Phone,
    Url,
    Address,
    Entity,
    Topic,
    Ip,
    Number,
    Wallet,
    Domain,
    Gender,
}

using Unmask.Domain;
using Unmask.Domain.Identifiers;
using Unmask.Screening;
using Unmask.Screening.Names;

namespace Unmask.Application.Screening;

/// <summary>Turns what a user typed (a name, a schema, a birth date, a country, an id number) into a screening query,
/// refusing what cannot be a valid query with a reason.</summary>
public static class ScreeningQueries
{
    public const int MaxNameLength = 1000;

    public static readonly IReadOnlyList<string> SchemaNames = ["Person", "Company", "Organization", "LegalEntity", "Vessel", "Airplane", "CryptoWallet", "Domain", "Any"];

    /// <summary>Builds a query; returns what is wrong instead when the input cannot be screened.</summary>
    public static (ScreeningQuery? Query, QueryError? Error) Build(string? id, string? name, string? schema, string? birthDate, string? country, string? idNumber)
    {
        var cleanName = string.IsNullOrEmpty(name) ? "" : TextNormalizer.WithoutHiddenCharacters(name.Length > MaxNameLength * 4 ? name[..(MaxNameLength * 4)] : name);
        if (cleanName.Length == 0)
        {
            return (null, new QueryError("name", string.IsNullOrWhiteSpace(name) ? "is empty" : "has no letters or digits to match on (only control, invisible or combining characters)"));
        }
        if (cleanName.Length > MaxNameLength)
        {
            // Names this long are not names (pasted documents); screen the first part rather than refuse the row.
            cleanName = cleanName[..MaxNameLength];
        }
        var schemaName = string.IsNullOrWhiteSpace(schema) ? "Any" : Normalise(schema.Trim());
        if (schemaName is null)
        {
            return (null, new QueryError("schema", $"'{Shown(schema!)}' is not one of {string.Join(", ", SchemaNames)}"));
        }
        var properties = new Dictionary<string, IReadOnlyList<string>> { ["name"] = [cleanName] };
        if (!string.IsNullOrWhiteSpace(birthDate))
        {
            if (!PartialDate.TryParseIso(birthDate, out var date) && !PartialDate.TryParseText(birthDate, out date))
            {
                return (null, new QueryError("birth_date", $"'{Shown(birthDate)}' is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)"));
            }
            properties["birthDate"] = [date.ToString()];
        }
        if (!string.IsNullOrWhiteSpace(country))
        {
            if (!Countries.TryGetCode(country, out var code))
            {
                return (null, new QueryError("country", $"'{Shown(country)}' is not a country name or ISO code"));
            }
            properties["country"] = [code];
        }
        if (!string.IsNullOrWhiteSpace(idNumber))
        {
            properties["idNumber"] = [idNumber.Trim()];
            properties["passportNumber"] = [idNumber.Trim()];
        }
        if (schemaName == "CryptoWallet")
        {
            if (!CryptoWalletAddress.TryParse(cleanName, out _))
            {
                return (null, new QueryError("name", $"'{Shown(cleanName)}' is not a wallet address"));
            }
            properties["cryptoWallet"] = [cleanName];
            properties["publicKey"] = [cleanName];
        }
        else if (schemaName == "Domain")
        {
            if (!DomainName.TryParse(cleanName, out var domain))
            {
                return (null, new QueryError("name", $"'{Shown(cleanName)}' is not a domain name"));
            }
            properties["domain"] = [domain.Value];
            properties["website"] = [domain.Value];
        }
        else if (!Screener.HasNameToMatch(cleanName))
        {
            return (null, new QueryError("name", $"'{Shown(cleanName)}' has no letters or digits to match on"));
        }
        else if (EmailAddress.TryParse(cleanName, out var email) && !cleanName.Contains(' ', StringComparison.Ordinal))
        {
            properties["email"] = [email.Value];
        }
        return (new ScreeningQuery(id, schemaName, properties), null);
    }

    private static string? Normalise(string schema) =>
        SchemaNames.FirstOrDefault(s => string.Equals(s, schema, StringComparison.OrdinalIgnoreCase))
        ?? (schema.Equals("Thing", StringComparison.OrdinalIgnoreCase) ? "Any" : null);

    /// <summary>A value as an error message quotes it: on one line, nothing hidden, cut when long.</summary>
    private static string Shown(string value) => TextNormalizer.WithoutHiddenCharacters(value.Length <= 60 ? value : value[..60] + "…");
}

/// <summary>Why a query cannot be screened: the input column at fault (name, schema, birth_date, country) and what is wrong
/// with its value.</summary>
public sealed record QueryError(string Column, string Problem)
{
    /// <summary>The column and the problem in one phrase, as a batch row reports it: "birth_date '31 Feb' is not a date".</summary>
    public string Reason => $"{Column} {Problem}";

    public override string ToString() => Reason;
}

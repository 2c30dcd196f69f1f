using Unmask.Domain;
using Unmask.Domain.Identifiers;
using Unmask.Screening;

namespace Unmask.Application.Screening;

/// <summary>Turns what a user typed (a name, a schema, a birth date, a country, an id number) into a screening query,
/// refusing what cannot be a valid query with a reason.</summary>
public static class ScreeningQueries
{
    public const int MaxNameLength = 1000;

    public static readonly IReadOnlyList<string> SchemaNames = ["Person", "Company", "Organization", "LegalEntity", "Vessel", "Airplane", "CryptoWallet", "Domain", "Any"];

    /// <summary>Builds a query; returns an error message instead when the input cannot be screened.</summary>
    public static (ScreeningQuery? Query, string? Error) Build(string? id, string? name, string? schema, string? birthDate, string? country, string? idNumber)
    {
        var cleanName = Clean(name);
        if (cleanName.Length == 0)
        {
            return (null, "name is empty");
        }
        if (cleanName.Length > MaxNameLength)
        {
            // Names this long are not names (pasted documents); screen the first part rather than refuse the row.
            cleanName = cleanName[..MaxNameLength];
        }
        var schemaName = string.IsNullOrWhiteSpace(schema) ? "Any" : Normalise(schema.Trim());
        if (schemaName is null)
        {
            return (null, $"schema '{schema}' is not one of {string.Join(", ", SchemaNames)}");
        }
        var properties = new Dictionary<string, IReadOnlyList<string>> { ["name"] = [cleanName] };
        if (!string.IsNullOrWhiteSpace(birthDate))
        {
            if (!PartialDate.TryParseIso(birthDate, out var date) && !PartialDate.TryParseText(birthDate, out date))
            {
                return (null, $"birth_date '{birthDate}' is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)");
            }
            properties["birthDate"] = [date.ToString()];
        }
        if (!string.IsNullOrWhiteSpace(country))
        {
            if (!Countries.TryGetCode(country, out var code))
            {
                return (null, $"country '{country}' is not a country name or ISO code");
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
                return (null, $"'{cleanName}' is not a wallet address");
            }
            properties["cryptoWallet"] = [cleanName];
            properties["publicKey"] = [cleanName];
        }
        else if (schemaName == "Domain")
        {
            if (!DomainName.TryParse(cleanName, out var domain))
            {
                return (null, $"'{cleanName}' is not a domain name");
            }
            properties["domain"] = [domain.Value];
            properties["website"] = [domain.Value];
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

    private static string Clean(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "";
        }
        var chars = name.Where(c => !char.IsControl(c) || c is '\t' or '\n').Select(c => char.IsWhiteSpace(c) ? ' ' : c).ToArray();
        return string.Join(' ', new string(chars).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}

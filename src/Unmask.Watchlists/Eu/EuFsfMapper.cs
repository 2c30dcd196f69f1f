using Unmask.Domain;

namespace Unmask.Watchlists.Eu;

/// <summary>
/// Maps the parts of an EU Financial Sanctions Files (FSF) record onto an entity. The XML carries each part as the
/// attributes of one element (<c>nameAlias wholeName=…</c>); the CSV carries the same fields as <c>NameAlias_WholeName</c>
/// columns. Both readers hand in a lookup by the XML attribute name, so the mapping is written once.
/// Built from the EU's FSF documentation and public parsers of it (no real FSF file was available to us).
/// </summary>
internal sealed class EuFsfMapper(string file)
{
    public const string Dataset = "eu_fsf";
    public const string Title = "EU Financial Sanctions Files (FSF)";
    public const string Publisher = "European Commission (FPI)";

    /// <summary>The entity for a <c>sanctionEntity</c> (or the first CSV row of an Entity_LogicalId).</summary>
    public Entity Start(string dataset, Func<string, string> entity, string subjectType, long line)
    {
        var logicalId = entity("logicalId");
        if (logicalId.Length == 0)
        {
            throw new InputException(file, line, "sanction entity has no logicalId");
        }
        // subjectType code is "person" or "enterprise" (the CSV also writes the classification code "P"/"E").
        var schema = subjectType.ToLowerInvariant() switch
        {
            "person" or "p" => Schemas.Person,
            "enterprise" or "e" => Schemas.Organization,
            _ => Schemas.LegalEntity,
        };
        var result = new Entity(EntityIds.Make(dataset, logicalId), schema, dataset);
        result.Add("topics", "sanction");
        result.Add("programId", entity("euReferenceNumber"));
        // unitedNationId is the UN REFERENCE_NUMBER (e.g. KPi.033) when the listing transposes a UN one.
        result.Add("programId", entity("unitedNationId"));
        AddDate(result, "createdAt", entity("designationDate"), "designationDate", line);
        result.Add("notes", entity("designationDetails"));
        return result;
    }

    public void AddRemark(Entity entity, string remark) => entity.Add("notes", remark);

    public void AddRegulation(Entity entity, Func<string, string> regulation, long line)
    {
        entity.Add("program", regulation("programme"));
        entity.Add("sourceUrl", regulation("publicationUrl"));
        var title = regulation("numberTitle");
        if (title.Length > 0)
        {
            entity.Add("notes", "Regulation " + title);
        }
        if (!entity.Has("createdAt"))
        {
            AddDate(entity, "createdAt", regulation("publicationDate"), "regulation publicationDate", line);
        }
        AddDate(entity, "modifiedAt", regulation("entryIntoForceDate"), "regulation entryIntoForceDate", line);
    }

    public void AddName(Entity entity, Func<string, string> alias)
    {
        var whole = alias("wholeName");
        if (whole.Length == 0)
        {
            whole = string.Join(' ', new[] { alias("firstName"), alias("middleName"), alias("lastName") }.Where(p => p.Length > 0));
        }
        // strong="false" marks a weak alias (the FSF documentation: "weak aka"); remarks may also say "low quality".
        var weak = alias("strong").Equals("false", StringComparison.OrdinalIgnoreCase)
            || alias("remark").Contains("low quality", StringComparison.OrdinalIgnoreCase);
        if (weak)
        {
            entity.Add("weakAlias", whole);
        }
        else if (!entity.Has("name"))
        {
            entity.Add("name", whole);
        }
        else
        {
            entity.Add("alias", whole);
        }
        var person = entity.Schema == Schemas.Person;
        if (person)
        {
            entity.Add("firstName", alias("firstName"));
            entity.Add("middleName", alias("middleName"));
            entity.Add("lastName", alias("lastName"));
            entity.Add("title", alias("title"));
            entity.Add("position", alias("function"));
            entity.Add("gender", alias("gender") switch
            {
                "M" or "m" => "male",
                "F" or "f" => "female",
                _ => null,
            });
        }
        else
        {
            entity.Add("notes", alias("function"));
        }
    }

    public void AddBirth(Entity entity, Func<string, string> birth, long line)
    {
        if (entity.Schema != Schemas.Person)
        {
            return;
        }
        var full = birth("birthdate");
        if (full.Length > 0)
        {
            entity.Add("birthDate", ParseDate(full, "birthdate", line).ToString());
        }
        else if (birth("year").Length > 0)
        {
            var year = Number(birth("year"), "year", line);
            var month = birth("monthOfYear").Length > 0 ? Number(birth("monthOfYear"), "monthOfYear", line) : (int?)null;
            var day = month is not null && birth("dayOfMonth").Length > 0 ? Number(birth("dayOfMonth"), "dayOfMonth", line) : (int?)null;
            // circa="true" means "about that year": the year is kept as given.
            if (!PartialDate.TryCreate(year, month, day, out var date))
            {
                throw new InputException(file, line, $"birth date {birth("dayOfMonth")}/{birth("monthOfYear")}/{birth("year")} is not a date");
            }
            entity.Add("birthDate", date.ToString());
        }
        foreach (var bound in new[] { "yearRangeFrom", "yearRangeTo" })
        {
            if (birth(bound).Length > 0)
            {
                entity.Add("birthDate", ParseDate(birth(bound), bound, line).ToString());
            }
        }
        entity.Add("birthPlace", Join(birth("place"), birth("city"), birth("region"), Country(birth("countryDescription"))));
        if (CountryCode(birth("countryIso2Code")) is { } code)
        {
            entity.Add("birthCountry", code);
        }
    }

    public void AddCitizenship(Entity entity, Func<string, string> citizenship)
    {
        var code = CountryCode(citizenship("countryIso2Code"))
            ?? (Countries.TryGetCode(citizenship("countryDescription"), out var byName) ? byName : null);
        entity.Add(entity.Schema == Schemas.Person ? "nationality" : "country", code);
    }

    public void AddIdentification(Entity entity, Func<string, string> identification)
    {
        var number = identification("number");
        if (number.Length == 0)
        {
            number = identification("latinNumber");
        }
        if (number.Length == 0)
        {
            return;
        }
        var type = identification("identificationTypeCode").ToLowerInvariant();
        var property = type switch
        {
            "passport" when entity.Schema == Schemas.Person => "passportNumber",
            "regnumber" => "registrationNumber",
            "fiscalcode" or "tax" or "taxid" => "taxNumber",
            "swiftbic" => "swiftBic",
            _ when entity.Schema == Schemas.Person => "idNumber",
            _ => "registrationNumber",
        };
        entity.Add(property, number);
        entity.Add(property, identification("latinNumber"));
        var description = Join(identification("identificationTypeDescription"), number, Country(identification("countryDescription")),
            identification("issuedBy"), identification("issueDate"));
        entity.Add("notes", "Identification: " + description);
    }

    public void AddAddress(Entity entity, Func<string, string> address)
    {
        entity.Add("address", Join(address("street"), address("poBox"), address("zipCode"), address("city"), address("place"),
            address("region"), Country(address("countryDescription"))));
        entity.Add("country", CountryCode(address("countryIso2Code")));
    }

    /// <summary>An address <c>contactInfo key=… value=…</c> (PHONE, EMAIL, WEB, FAX).</summary>
    public void AddContact(Entity entity, string key, string value)
    {
        var property = key.ToUpperInvariant() switch
        {
            "PHONE" or "TEL" => "phone",
            "EMAIL" => "email",
            "WEB" or "WEBSITE" => "website",
            _ => null,
        };
        if (property is null)
        {
            return;
        }
        foreach (var item in value.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            entity.Add(property, item);
        }
    }

    /// <summary>FSF writes <c>00</c> and "UNKNOWN" for an unknown country.</summary>
    private static string? CountryCode(string iso2) =>
        iso2.Length == 2 && iso2 != "00" && Countries.TryGetCode(iso2, out var code) ? code : null;

    private static string Country(string description) =>
        description.Equals("UNKNOWN", StringComparison.OrdinalIgnoreCase) ? "" : description;

    private void AddDate(Entity entity, string property, string text, string field, long line)
    {
        if (text.Length > 0)
        {
            entity.Add(property, ParseDate(text, field, line).ToString());
        }
    }

    /// <summary>FSF dates are ISO (<c>2017-11-30</c>, sometimes with a zone); the CSV may write <c>DD/MM/YYYY</c>.</summary>
    public PartialDate ParseDate(string text, string field, long line)
    {
        var value = text.Trim();
        if (value.Length > 10 && value[4] == '-' && value[7] == '-' && value[10] is 'Z' or '+' or '-')
        {
            value = value[..10];
        }
        if (PartialDate.TryParseIso(value, out var date) || PartialDate.TryParseDayFirst(value, out date))
        {
            return date;
        }
        throw new InputException(file, line, $"{field} is '{text}': not a date (expected YYYY-MM-DD)");
    }

    private int Number(string text, string field, long line) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new InputException(file, line, $"birth date {field} is '{text}': not a number");

    private static string Join(params string[] parts) =>
        string.Join(", ", parts.Select(p => p.Trim()).Where(p => p.Length > 0));
}

using System.Globalization;
using Unmask.Domain;

namespace Unmask.Watchlists.Uk;

/// <summary>
/// Folds OFSI rows into one entity per <c>Group ID</c>. OFSI writes one row per name variant and sorts the file by
/// name, not by group (in the 2014, 2018 and 2025 copies most groups are spread over the file: 1,560 / 1,844 / 3,818 rows
/// re-open a group seen earlier), so the reader cannot emit a target when its group "ends": it keeps the entities
/// (not the rows) until the file is read, then yields them in first-seen order.
/// </summary>
internal sealed class OfsiTargets(string dataset, string file)
{
    private readonly Dictionary<string, Entity> _byGroup = new(StringComparer.Ordinal);
    private readonly List<Entity> _order = [];

    public IReadOnlyList<Entity> Entities => _order;

    /// <summary>Rows without a Group ID (cannot be attached to a target).</summary>
    public int Orphans { get; private set; }

    /// <summary>DOBs whose day does not exist in that month (kept to the month).</summary>
    public int ImpossibleBirthDays { get; private set; }

    /// <summary>Rows whose Group Type disagrees with the first row of their group (the first one wins).</summary>
    public int TypeConflicts { get; private set; }

    public void Add(OfsiLayout layout, IReadOnlyList<string> row, long line)
    {
        string Cell(string column) => layout.Get(row, column);

        var groupId = Cell("Group ID");
        if (groupId.Length == 0)
        {
            Orphans++;
            return;
        }
        var schema = SchemaOf(Cell("Group Type"), line);
        if (!_byGroup.TryGetValue(groupId, out var entity))
        {
            entity = new Entity(EntityIds.Make(dataset, groupId), schema, dataset);
            entity.Add("topics", "sanction");
            _byGroup[groupId] = entity;
            _order.Add(entity);
        }
        else if (entity.Schema != schema)
        {
            TypeConflicts++;
        }

        AddNames(entity, layout, row);
        AddPersonDetails(entity, layout, row, line);
        AddDocuments(entity, layout, row);
        AddAddress(entity, layout, row);
        entity.Add("program", Cell("Regime"));
        AddOtherInformation(entity, Cell("Other Information"), layout.HasSeparateNumbers);
        AddDate(entity, "createdAt", Cell("Listed On"), "Listed On", line);
        AddDate(entity, "modifiedAt", Cell("Last Updated"), "Last Updated", line);
    }

    private Schema SchemaOf(string groupType, long line) => groupType.ToLowerInvariant() switch
    {
        "individual" => Schemas.Person,
        "entity" => Schemas.Organization,
        "ship" => Schemas.Vessel,
        "" => Schemas.LegalEntity,
        _ => throw new InputException(file, line, $"Group Type is '{groupType}': expected Individual, Entity or Ship"),
    };

    private static void AddNames(Entity entity, OfsiLayout layout, IReadOnlyList<string> row)
    {
        string[] given = [layout.Get(row, "Name 1"), layout.Get(row, "Name 2"), layout.Get(row, "Name 3"),
            layout.Get(row, "Name 4"), layout.Get(row, "Name 5")];
        // Name 6 is the surname (or the whole name of an entity or ship); the 2018 file has a few with a leading space.
        var last = layout.Get(row, "Name 6");
        var full = string.Join(' ', given.Append(last).Where(p => p.Length > 0));
        var aliasType = layout.Get(row, "Alias Type");
        var lowQuality = layout.Get(row, "Alias Quality").Equals("Low quality", StringComparison.OrdinalIgnoreCase);
        switch (aliasType.ToLowerInvariant())
        {
            case "prime alias" or "primary name":
                entity.Add("name", full);
                if (entity.Schema == Schemas.Person)
                {
                    entity.Add("firstName", given[0]);
                    foreach (var middle in given[1..])
                    {
                        entity.Add("middleName", middle);
                    }
                    entity.Add("lastName", last);
                }
                break;
            case "fka":
                entity.Add("previousName", full);
                break;
            default:
                // "AKA" and "Primary name variation" (transliteration variants) are aliases; OFSI marks weak ones "Low quality".
                entity.Add(lowQuality ? "weakAlias" : "alias", full);
                break;
        }
        entity.Add("alias", layout.Get(row, "Name Non-Latin Script"));
    }

    /// <summary>Reports the counted, tolerated problems once each.</summary>
    public void ReportWarnings(ReadContext context)
    {
        if (Orphans > 0)
        {
            context.Warn($"{Orphans} row(s) without a Group ID were skipped");
        }
        if (TypeConflicts > 0)
        {
            context.Warn($"{TypeConflicts} row(s) disagree with their group's Group Type (the first row's type was kept)");
        }
        if (ImpossibleBirthDays > 0)
        {
            context.Warn($"{ImpossibleBirthDays} DOB value(s) name a day that does not exist (e.g. 29/02 of a non-leap year); kept to the month");
        }
    }

    private void AddPersonDetails(Entity entity, OfsiLayout layout, IReadOnlyList<string> row, long line)
    {
        var person = entity.Schema == Schemas.Person;
        var dob = layout.Get(row, "DOB");
        if (dob.Length > 0)
        {
            Put(entity, "birthDate", ParseBirthDate(dob, line).ToString());
        }
        if (person)
        {
            entity.Add("title", layout.Get(row, "Title"));
        }
        var position = layout.Get(row, "Position");
        entity.Add(person ? "position" : "notes", position);

        var towns = OfsiText.SplitNumbered(layout.Get(row, "Town of Birth"));
        var countries = OfsiText.SplitNumbered(layout.Get(row, "Country of Birth"));
        if (towns.Count == 1 && countries.Count == 1)
        {
            Put(entity, "birthPlace", $"{towns[0]}, {countries[0]}");
        }
        else
        {
            foreach (var place in towns.Concat(countries))
            {
                Put(entity, "birthPlace", place);
            }
        }
        foreach (var country in countries)
        {
            if (Countries.TryGetCode(country, out var code))
            {
                Put(entity, "birthCountry", code);
            }
        }
        foreach (var nationality in OfsiText.SplitNumbered(layout.Get(row, "Nationality")))
        {
            if (Countries.TryGetCode(nationality, out var code))
            {
                Put(entity, "nationality", code);
            }
            else
            {
                // Older files write demonyms ("German", "Moroccan"); keep them readable, out of the country field.
                entity.Add("notes", "Nationality: " + nationality);
            }
        }
    }

    private static void AddDocuments(Entity entity, OfsiLayout layout, IReadOnlyList<string> row)
    {
        if (layout.HasSeparateNumbers)
        {
            foreach (var number in OfsiText.SplitNumbered(layout.Get(row, "Passport Number")))
            {
                Put(entity, "passportNumber", number);
            }
            foreach (var number in OfsiText.SplitNumbered(layout.Get(row, "National Identification Number")))
            {
                Put(entity, "idNumber", number);
            }
            AddNote(entity, "Passport", layout.Get(row, "Passport Details"));
            AddNote(entity, "National identification", layout.Get(row, "National Identification Details"));
            return;
        }
        // The 29-column layout mixes number and prose in one cell: take the number, keep the prose as a note.
        var passports = layout.Get(row, "Passport Details");
        foreach (var item in OfsiText.SplitNumbered(passports))
        {
            Put(entity, "passportNumber", OfsiText.DocumentNumber(item));
        }
        AddNote(entity, "Passport", passports);
        var ids = layout.Get(row, "NI Number");
        foreach (var item in OfsiText.SplitNumbered(ids))
        {
            Put(entity, "idNumber", OfsiText.DocumentNumber(item));
        }
        AddNote(entity, "National identification", ids);
    }

    private static void AddAddress(Entity entity, OfsiLayout layout, IReadOnlyList<string> row)
    {
        var country = layout.Get(row, "Country");
        string[] parts = [layout.Get(row, "Address 1"), layout.Get(row, "Address 2"), layout.Get(row, "Address 3"),
            layout.Get(row, "Address 4"), layout.Get(row, "Address 5"), layout.Get(row, "Address 6"),
            layout.Get(row, "Post/Zip Code"), country];
        entity.Add("address", string.Join(", ", parts.Where(p => p.Length > 0)));
        foreach (var item in OfsiText.SplitNumbered(country))
        {
            if (Countries.TryGetCode(item, out var code))
            {
                entity.Add("country", code);
            }
        }
    }

    private static void AddOtherInformation(Entity entity, string text, bool tagged)
    {
        if (text.Length == 0)
        {
            return;
        }
        entity.Add("notes", text);
        if (!tagged)
        {
            entity.Add("programId", OfsiText.FreeTextUnReference(text));
            return;
        }
        foreach (var (key, value) in OfsiText.Tagged(text))
        {
            switch (key)
            {
                case "UK Sanctions List Ref" or "UN Ref":
                    // "(UK Sanctions List Ref):DPR0189. (UN Ref):KPe.018." link the target to the FCDO and UN lists.
                    entity.Add("programId", FirstWord(value));
                    break;
                case "Gender" when entity.Schema == Schemas.Person:
                    entity.Add("gender", FirstWord(value).ToLowerInvariant());
                    break;
                case "Phone number" or "Tel":
                    AddEach(entity, "phone", value);
                    break;
                case "Email address":
                    foreach (var item in OfsiText.SplitNumbered(value))
                    {
                        foreach (var word in item.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                        {
                            if (word.Contains('@', StringComparison.Ordinal))
                            {
                                Put(entity, "email", word.TrimEnd('.', ',', ';'));
                            }
                        }
                    }
                    break;
                case "Website":
                    AddEach(entity, "website", value);
                    break;
                case "Business Reg No":
                    AddEach(entity, "registrationNumber", value);
                    break;
                case "Type of entity":
                    Put(entity, "legalForm", value);
                    break;
                case "IMO number":
                    Put(entity, "imoNumber", FirstWord(value));
                    break;
                case "Flag of ship" or "Previous flags":
                    foreach (var item in OfsiText.SplitNumbered(value))
                    {
                        if (Countries.TryGetCode(item, out var code))
                        {
                            Put(entity, key == "Flag of ship" ? "flag" : "pastFlags", code);
                        }
                    }
                    break;
                case "Type of ship":
                    Put(entity, "type", value);
                    break;
                case "Tonnage of ship" when FirstWord(value).All(char.IsAsciiDigit):
                    Put(entity, "tonnage", FirstWord(value));
                    break;
                case "Year built" when PartialDate.TryParseIso(FirstWord(value), out var built):
                    Put(entity, "buildDate", built.ToString());
                    break;
            }
        }
    }

    /// <summary>A tagged value's first word: prose often follows a reference ("(UN Ref):KPe.018. The Second Academy…").</summary>
    private static string FirstWord(string value)
    {
        var end = value.IndexOfAny([' ', '\n', '\r', '\t']);
        return (end < 0 ? value : value[..end]).TrimEnd('.', ',', ';');
    }

    private static void AddEach(Entity entity, string property, string value)
    {
        foreach (var item in OfsiText.SplitNumbered(value))
        {
            Put(entity, property, item);
        }
    }

    private void AddDate(Entity entity, string property, string text, string column, long line)
    {
        if (text.Length > 0)
        {
            entity.Add(property, ParseDate(text, column, file, line).ToString());
        }
    }

    private static void AddNote(Entity entity, string label, string text)
    {
        if (text.Length > 0)
        {
            entity.Add("notes", $"{label}: {text}");
        }
    }

    /// <summary>Adds a value only when the entity's schema has the property (ships have no passport, people no IMO flag).</summary>
    private static void Put(Entity entity, string property, string? value)
    {
        if (entity.Schema.FindProperty(property) is not null)
        {
            entity.Add(property, value);
        }
    }

    /// <summary>
    /// A DOB; a day that does not exist in its month (HM Treasury 2014 lists "29/02/1969") is a publisher typo, so the
    /// year and month are kept and the row is counted in <see cref="ImpossibleBirthDays"/>. Other malformed DOBs are bad input.
    /// </summary>
    private PartialDate ParseBirthDate(string text, long line)
    {
        var parts = text.Split('/');
        if (parts.Length == 3 && parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit))
            && int.Parse(parts[0], CultureInfo.InvariantCulture) is >= 1 and <= 31
            && PartialDate.TryCreate(int.Parse(parts[2], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture), null, out var month)
            && !PartialDate.TryParseDayFirst(text, out _))
        {
            ImpossibleBirthDays++;
            return month;
        }
        return ParseDate(text, "DOB", file, line);
    }

    /// <summary>
    /// OFSI dates: <c>DD/MM/YYYY</c> with zeros for unknown parts (<c>00/00/1980</c> = 1980, <c>00/05/1980</c> = May 1980);
    /// the 2025 file also writes <c>YYYY</c> and <c>MM/YYYY</c> in DOB. Anything else (e.g. <c>31/02/1980</c>) is bad input.
    /// </summary>
    public static PartialDate ParseDate(string text, string column, string file, long line)
    {
        var value = text.Trim();
        if (PartialDate.TryParseDayFirst(value, out var date))
        {
            return date;
        }
        if (value.Length == 4 && PartialDate.TryParseIso(value, out date))
        {
            return date;
        }
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash is 1 or 2 && value.Length - slash == 5
            && int.TryParse(value[..slash], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            && int.TryParse(value[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && PartialDate.TryCreate(year, month == 0 ? null : month, null, out date))
        {
            return date;
        }
        throw new InputException(file, line, $"column '{column}' is '{text}': not a date (expected DD/MM/YYYY, zeros for unknown parts)");
    }
}

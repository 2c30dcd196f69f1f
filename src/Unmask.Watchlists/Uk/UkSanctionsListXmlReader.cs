using System.Runtime.CompilerServices;
using System.Xml;
using System.Xml.Linq;
using Unmask.Domain;
using Unmask.Watchlists.Io;

namespace Unmask.Watchlists.Uk;

/// <summary>
/// The FCDO "UK Sanctions List" XML (<c>UK_Sanctions_List.xml</c>): root <c>&lt;Designations&gt;</c>, one
/// <c>&lt;Designation&gt;</c> per target with <c>UniqueID</c> (e.g. <c>DPR0189</c>), <c>OFSIGroupID</c>, <c>UNReferenceNumber</c>,
/// <c>Names/Name</c> (<c>Name1</c>…<c>Name6</c>, <c>NameType</c> "Primary Name"/"Primary Name Variation"/"Alias"),
/// <c>NonLatinNames/NonLatinName</c>, <c>RegimeName</c>, <c>IndividualEntityShip</c>, <c>DesignationSource</c>,
/// <c>SanctionsImposed</c>, <c>OtherInformation</c>, <c>UKStatementofReasons</c>, <c>Addresses/Address</c>,
/// <c>PhoneNumbers</c>, <c>EmailAddresses</c>, <c>IndividualDetails/Individual</c> (<c>DOBs/DOB</c>, <c>Nationalities</c>,
/// <c>PassportDetails/Passport</c>, <c>NationalIdentifierDetails/NationalIdentifier</c>, <c>BirthDetails/Location</c>,
/// <c>Positions</c>, <c>Genders</c>), <c>EntityDetails/Entity</c>, <c>ShipDetails/Ship</c>, <c>DateDesignated</c>,
/// <c>LastUpdated</c>. Built from the FCDO's published format description and public code that parses the file; no real
/// copy was available to test against (see shared/data/README.md, "Not found"), so element names are matched
/// case-insensitively and unknown elements are ignored.
/// </summary>
public sealed class UkSanctionsListXmlReader : IListReader
{
    public const string DefaultDataset = "gb_fcdo_sanctions";

    public ListFormat Format => ListFormat.UkSanctionsListXml;

    public bool Sniff(ReadOnlySpan<byte> head) => Sniffing.XmlRootName(head) == "Designations";

    public async IAsyncEnumerable<Entity> ReadAsync(ListInput input, ReadContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var dataset = context.DatasetName(DefaultDataset);
        using var xml = SafeXml.Create(input.Open(), input.Name, input.Limits);
        var lineInfo = (IXmlLineInfo)xml;
        var rootSeen = false;
        DateOnly? published = null;
        var unnamed = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            XElement? record = null;
            long line = 0;
            try
            {
                // XNode.ReadFrom leaves the reader on the node after the record, which may already be the next record.
                var onRecord = rootSeen && xml.NodeType == XmlNodeType.Element && xml.LocalName == "Designation";
                while (!onRecord && await xml.ReadAsync())
                {
                    if (xml.NodeType != XmlNodeType.Element)
                    {
                        continue;
                    }
                    BoundedXml.CheckDepth(xml, input.Limits, input.Name);
                    if (!rootSeen)
                    {
                        if (xml.LocalName != "Designations")
                        {
                            throw new InputException(input.Name, lineInfo.LineNumber,
                                $"root element is <{xml.LocalName}>, expected <Designations>: not a UK Sanctions List XML file");
                        }
                        rootSeen = true;
                        published = DateOf(xml.GetAttribute("DateGenerated"));
                        continue;
                    }
                    if (xml.LocalName == "DateGenerated")
                    {
                        published = DateOf(BoundedXml.ReadElement(xml, input.Limits, input.Name).Value);
                        onRecord = xml.NodeType == XmlNodeType.Element && xml.LocalName == "Designation";
                        continue;
                    }
                    onRecord = xml.LocalName == "Designation";
                }
                if (onRecord)
                {
                    line = lineInfo.LineNumber;
                    record = BoundedXml.ReadElement(xml, input.Limits, input.Name);
                }
            }
            catch (XmlException error)
            {
                throw SafeXml.Error(input.Name, error);
            }
            if (!rootSeen)
            {
                throw new InputException(input.Name, null, "no <Designations> root element: not a UK Sanctions List XML file");
            }
            context.Dataset ??= new Dataset(dataset, "UK Sanctions List", "Foreign, Commonwealth & Development Office (FCDO)",
                published, DatasetKind.Sanctions);
            if (record is null)
            {
                break;
            }
            var entity = Map(record, dataset, input.Name, line);
            if (!entity.Has("name"))
            {
                unnamed++;
            }
            yield return entity;
        }
        if (unnamed > 0)
        {
            context.Warn($"{unnamed} designation(s) have no primary name");
        }
    }

    private static DateOnly? DateOf(string? text) =>
        PartialDate.TryParseIso(text, out var date) && date.Precision == DatePrecision.Day
            ? new DateOnly(date.Year, date.Month!.Value, date.Day!.Value)
            : null;

    private static Entity Map(XElement record, string dataset, string file, long line)
    {
        var uniqueId = Text(record, "UniqueID");
        if (uniqueId.Length == 0)
        {
            throw new InputException(file, line, "<Designation> has no UniqueID");
        }
        var type = Text(record, "IndividualEntityShip");
        var schema = type.ToLowerInvariant() switch
        {
            "individual" => Schemas.Person,
            "entity" => Schemas.Organization,
            "ship" => Schemas.Vessel,
            _ => Schemas.LegalEntity,
        };
        var entity = new Entity(EntityIds.Make(dataset, uniqueId), schema, dataset);
        entity.Add("topics", "sanction");
        entity.Add("programId", uniqueId);
        foreach (var reference in Descendants(record, "UNReferenceNumber"))
        {
            entity.Add("programId", reference.Value);
        }
        entity.Add("program", Text(record, "RegimeName"));
        entity.Add("notes", Text(record, "OtherInformation"));
        entity.Add("notes", Text(record, "UKStatementofReasons"));
        var imposed = Text(record, "SanctionsImposed");
        if (imposed.Length > 0)
        {
            entity.Add("notes", "Sanctions imposed: " + imposed);
        }
        AddDate(entity, "createdAt", Text(record, "DateDesignated"), "DateDesignated", file, line);
        AddDate(entity, "modifiedAt", Text(record, "LastUpdated"), "LastUpdated", file, line);

        foreach (var name in Descendants(Child(record, "Names"), "Name"))
        {
            AddName(entity, name);
        }
        foreach (var nonLatin in Descendants(Child(record, "NonLatinNames"), "NameNonLatinScript"))
        {
            entity.Add("alias", nonLatin.Value);
        }
        foreach (var address in Descendants(Child(record, "Addresses"), "Address"))
        {
            var parts = Enumerable.Range(1, 6).Select(i => Text(address, "AddressLine" + i))
                .Append(Text(address, "AddressPostalCode")).Append(Text(address, "AddressCountry"));
            entity.Add("address", string.Join(", ", parts.Where(p => p.Length > 0)));
            AddCountry(entity, "country", Text(address, "AddressCountry"));
        }
        foreach (var phone in Descendants(Child(record, "PhoneNumbers"), "PhoneNumber"))
        {
            Put(entity, "phone", phone.Value);
        }
        foreach (var emails in Descendants(Child(record, "EmailAddresses"), "EmailAddress"))
        {
            // Several addresses can share one element, separated by spaces or semicolons.
            foreach (var email in emails.Value.Split([' ', ';', ','], StringSplitOptions.RemoveEmptyEntries))
            {
                if (email.Contains('@', StringComparison.Ordinal))
                {
                    Put(entity, "email", email);
                }
            }
        }
        foreach (var website in Descendants(Child(record, "Websites"), "Website"))
        {
            Put(entity, "website", website.Value);
        }
        foreach (var individual in Descendants(Child(record, "IndividualDetails"), "Individual"))
        {
            AddIndividual(entity, individual, file, line);
        }
        foreach (var organisation in Descendants(Child(record, "EntityDetails"), "Entity"))
        {
            foreach (var number in Descendants(organisation, "BusinessRegistrationNumber"))
            {
                Put(entity, "registrationNumber", number.Value);
            }
            foreach (var form in Descendants(organisation, "TypeOfEntity"))
            {
                Put(entity, "legalForm", form.Value);
            }
        }
        foreach (var ship in Descendants(Child(record, "ShipDetails"), "Ship"))
        {
            foreach (var imo in Descendants(ship, "IMONumber"))
            {
                Put(entity, "imoNumber", imo.Value);
            }
            foreach (var shipType in Descendants(ship, "TypeOfShip"))
            {
                Put(entity, "type", shipType.Value);
            }
            foreach (var flag in Descendants(ship, "CurrentBelievedFlagOfShip"))
            {
                AddCountry(entity, "flag", flag.Value);
            }
            foreach (var flag in Descendants(ship, "PreviousFlag"))
            {
                AddCountry(entity, "pastFlags", flag.Value);
            }
            foreach (var owner in Descendants(ship, "CurrentOwnerOperator"))
            {
                entity.Add("notes", "Current owner/operator: " + owner.Value.Trim());
            }
        }
        return entity;
    }

    private static void AddName(Entity entity, XElement name)
    {
        string[] given = [Text(name, "Name1"), Text(name, "Name2"), Text(name, "Name3"), Text(name, "Name4"), Text(name, "Name5")];
        var last = Text(name, "Name6");
        var full = string.Join(' ', given.Append(last).Where(p => p.Length > 0));
        var nameType = Text(name, "NameType").ToLowerInvariant();
        var weak = Text(name, "AliasStrength").Contains("weak", StringComparison.OrdinalIgnoreCase)
            || Text(name, "AliasStrength").Contains("low", StringComparison.OrdinalIgnoreCase);
        if (nameType == "primary name")
        {
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
        }
        else if (nameType.Contains("former", StringComparison.Ordinal) || nameType == "fka")
        {
            entity.Add("previousName", full);
        }
        else
        {
            // "Primary Name Variation" (transliterations) and "Alias".
            entity.Add(weak ? "weakAlias" : "alias", full);
        }
    }

    private static void AddIndividual(Entity entity, XElement individual, string file, long line)
    {
        foreach (var dob in Descendants(individual, "DOB"))
        {
            if (ParseUkDate(dob.Value) is { } date)
            {
                Put(entity, "birthDate", date.ToString());
            }
            else if (dob.Value.Trim().Length > 0)
            {
                throw new InputException(file, line, $"DOB is '{dob.Value.Trim()}': not a date (expected DD/MM/YYYY, dd/mm for unknown parts)");
            }
        }
        foreach (var title in Descendants(individual, "Title"))
        {
            Put(entity, "title", title.Value);
        }
        foreach (var position in Descendants(individual, "Position"))
        {
            Put(entity, "position", position.Value);
        }
        foreach (var gender in Descendants(individual, "Gender"))
        {
            Put(entity, "gender", gender.Value.Trim().ToLowerInvariant());
        }
        foreach (var nationality in Descendants(individual, "Nationality"))
        {
            AddCountry(entity, "nationality", nationality.Value);
        }
        foreach (var location in Descendants(individual, "Location"))
        {
            var town = Text(location, "TownOfBirth");
            var country = Text(location, "CountryOfBirth");
            Put(entity, "birthPlace", string.Join(", ", new[] { town, country }.Where(p => p.Length > 0)));
            if (Countries.TryGetCode(country, out var code))
            {
                Put(entity, "birthCountry", code);
            }
        }
        foreach (var passport in Descendants(individual, "Passport"))
        {
            Put(entity, "passportNumber", Text(passport, "PassportNumber"));
            var info = Text(passport, "PassportAdditionalInformation");
            if (info.Length > 0)
            {
                entity.Add("notes", $"Passport {Text(passport, "PassportNumber")}: {info}");
            }
        }
        foreach (var identifier in Descendants(individual, "NationalIdentifier"))
        {
            Put(entity, "idNumber", Text(identifier, "NationalIdentifierNumber"));
            var info = Text(identifier, "NationalIdentifierAdditionalInformation");
            if (info.Length > 0)
            {
                entity.Add("notes", $"National identifier {Text(identifier, "NationalIdentifierNumber")}: {info}");
            }
        }
    }

    /// <summary>
    /// DD/MM/YYYY; the FCDO writes unknown parts as letters (<c>dd/mm/1980</c>, <c>dd/05/1980</c>) where OFSI writes zeros.
    /// Returns null for text that is not such a date.
    /// </summary>
    private static PartialDate? ParseUkDate(string text)
    {
        var value = text.Trim().Replace("dd", "00", StringComparison.OrdinalIgnoreCase).Replace("mm", "00", StringComparison.OrdinalIgnoreCase);
        if (PartialDate.TryParseDayFirst(value, out var date) || (value.Length == 4 && PartialDate.TryParseIso(value, out date)))
        {
            return date;
        }
        return null;
    }

    private static void AddDate(Entity entity, string property, string text, string field, string file, long line)
    {
        if (text.Length == 0)
        {
            return;
        }
        var date = ParseUkDate(text) ?? (PartialDate.TryParseIso(text, out var iso) ? iso : (PartialDate?)null)
            ?? throw new InputException(file, line, $"{field} is '{text}': not a date (expected DD/MM/YYYY)");
        entity.Add(property, date.ToString());
    }

    private static void AddCountry(Entity entity, string property, string text)
    {
        if (Countries.TryGetCode(text, out var code))
        {
            Put(entity, property, code);
        }
    }

    private static void Put(Entity entity, string property, string? value)
    {
        if (entity.Schema.FindProperty(property) is not null)
        {
            entity.Add(property, value);
        }
    }

    private static XElement? Child(XElement parent, string name) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName.Equals(name, StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<XElement> Descendants(XElement? parent, string name) =>
        parent is null ? [] : parent.Descendants().Where(e => e.Name.LocalName.Equals(name, StringComparison.OrdinalIgnoreCase));

    private static string Text(XElement parent, string name) => Child(parent, name)?.Value.Trim() ?? "";
}

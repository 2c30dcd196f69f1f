using System.Runtime.CompilerServices;
using System.Xml;
using System.Xml.Linq;
using Unmask.Domain;
using Unmask.Watchlists.Io;

namespace Unmask.Watchlists.Un;

/// <summary>
/// The UN Security Council Consolidated List XML (scsanctions.un.org, schema sc-sanctions.xsd): root
/// <c>&lt;CONSOLIDATED_LIST dateGenerated=…&gt;</c> with <c>INDIVIDUALS/INDIVIDUAL</c> and <c>ENTITIES/ENTITY</c> records, no namespace.
/// Each record is read as its own subtree, so the file is streamed.
/// </summary>
public sealed class UnConsolidatedXmlReader : IListReader
{
    public const string DefaultDataset = "un_sc_sanctions";

    public ListFormat Format => ListFormat.UnConsolidatedXml;

    public bool Sniff(ReadOnlySpan<byte> head) => Sniffing.XmlRootName(head) == "CONSOLIDATED_LIST";

    public async IAsyncEnumerable<Entity> ReadAsync(ListInput input, ReadContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var dataset = context.DatasetName(DefaultDataset);
        using var xml = SafeXml.Create(input.Open(), input.Name, input.Limits);
        var lineInfo = (IXmlLineInfo)xml;
        var count = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            XElement? record;
            long line;
            try
            {
                if (!await MoveToNextRecordAsync(xml, input, context, dataset))
                {
                    break;
                }
                line = lineInfo.LineNumber;
                record = BoundedXml.ReadElement(xml, input.Limits, input.Name);
            }
            catch (XmlException error)
            {
                throw SafeXml.Error(input.Name, error);
            }
            count++;
            yield return record.Name.LocalName == "INDIVIDUAL"
                ? ReadIndividual(record, dataset, input.Name, line)
                : ReadEntity(record, dataset, input.Name, line);
        }
        if (context.Dataset is null)
        {
            throw new InputException(input.Name, null, "no CONSOLIDATED_LIST root element: not a UN consolidated list");
        }
        if (count == 0)
        {
            context.Warn("the UN list contains no INDIVIDUAL or ENTITY records");
        }
    }

    /// <summary>Advances to the next INDIVIDUAL or ENTITY start tag; sets the dataset when it passes the root.</summary>
    private static async Task<bool> MoveToNextRecordAsync(XmlReader xml, ListInput input, ReadContext context, string dataset)
    {
        // XNode.ReadFrom leaves the reader on the node after the record, which may already be the next record.
        if (context.Dataset is not null && IsRecordStart(xml))
        {
            return true;
        }
        while (await xml.ReadAsync())
        {
            if (xml.NodeType != XmlNodeType.Element)
            {
                continue;
            }
            BoundedXml.CheckDepth(xml, input.Limits, input.Name);
            if (context.Dataset is null)
            {
                if (xml.LocalName != "CONSOLIDATED_LIST")
                {
                    throw new InputException(input.Name, ((IXmlLineInfo)xml).LineNumber,
                        $"root element is <{xml.LocalName}>, expected <CONSOLIDATED_LIST>: not a UN consolidated list");
                }
                context.Dataset = new Dataset(dataset, "UN Security Council Consolidated List", "UN Security Council",
                    PublishedOn(xml.GetAttribute("dateGenerated")), DatasetKind.Sanctions);
                continue;
            }
            if (IsRecordStart(xml))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsRecordStart(XmlReader xml) =>
        xml.NodeType == XmlNodeType.Element && xml.LocalName is "INDIVIDUAL" or "ENTITY";

    private static DateOnly? PublishedOn(string? dateGenerated) =>
        PartialDate.TryParseIso(dateGenerated, out var date) && date.Precision == DatePrecision.Day
            ? new DateOnly(date.Year, date.Month!.Value, date.Day!.Value)
            : null;

    private static Entity ReadIndividual(XElement record, string dataset, string file, long line)
    {
        var entity = Start(record, Schemas.Person, dataset, file, line);
        string[] parts = [Text(record, "FIRST_NAME"), Text(record, "SECOND_NAME"), Text(record, "THIRD_NAME"), Text(record, "FOURTH_NAME")];
        // The UN writes the literal "na" (not available) in some name parts (e.g. FOURTH_NAME of TAi.153).
        for (var i = 0; i < parts.Length; i++)
        {
            if (IsNotAvailable(parts[i]))
            {
                parts[i] = "";
            }
        }
        entity.Add("name", string.Join(' ', parts.Where(p => p.Length > 0)));
        entity.Add("firstName", parts[0]);
        entity.Add("secondName", parts[1]);
        entity.Add("middleName", parts[2]);
        entity.Add("middleName", parts[3]);
        entity.Add("alias", Text(record, "NAME_ORIGINAL_SCRIPT"));
        entity.Add("gender", Text(record, "GENDER").ToLowerInvariant());
        foreach (var title in Values(record, "TITLE"))
        {
            entity.Add("title", title);
        }
        foreach (var designation in Values(record, "DESIGNATION"))
        {
            entity.Add("position", designation);
        }
        foreach (var nationality in Values(record, "NATIONALITY"))
        {
            AddCountry(entity, "nationality", nationality, "Nationality");
        }
        foreach (var alias in record.Elements("INDIVIDUAL_ALIAS"))
        {
            var name = Text(alias, "ALIAS_NAME");
            // QUALITY is Good, Low or empty; "Low" marks a weak alias (UN list notes: "low quality a.k.a.").
            var property = Text(alias, "QUALITY").Equals("Low", StringComparison.OrdinalIgnoreCase) ? "weakAlias" : "alias";
            entity.Add(property, name);
            var aliasBirth = Text(alias, "DATE_OF_BIRTH");
            if (aliasBirth.Length > 0)
            {
                entity.Add("birthDate", ParseDate(aliasBirth, "INDIVIDUAL_ALIAS/DATE_OF_BIRTH", file, line).ToString());
            }
            entity.Add("birthPlace", Join(Text(alias, "CITY_OF_BIRTH"), Text(alias, "COUNTRY_OF_BIRTH")));
            AddBirthCountry(entity, Text(alias, "COUNTRY_OF_BIRTH"));
        }
        foreach (var birth in record.Elements("INDIVIDUAL_DATE_OF_BIRTH"))
        {
            AddBirthDates(entity, birth, file, line);
        }
        foreach (var place in record.Elements("INDIVIDUAL_PLACE_OF_BIRTH"))
        {
            entity.Add("birthPlace", Join(Text(place, "STREET"), Text(place, "CITY"), Text(place, "STATE_PROVINCE"), Text(place, "COUNTRY")));
            AddBirthCountry(entity, Text(place, "COUNTRY"));
            entity.Add("notes", Text(place, "NOTE"));
        }
        foreach (var document in record.Elements("INDIVIDUAL_DOCUMENT"))
        {
            AddDocument(entity, document);
        }
        foreach (var address in record.Elements("INDIVIDUAL_ADDRESS"))
        {
            AddAddress(entity, address);
        }
        return entity;
    }

    private static Entity ReadEntity(XElement record, string dataset, string file, long line)
    {
        var entity = Start(record, Schemas.Organization, dataset, file, line);
        entity.Add("name", Text(record, "FIRST_NAME"));
        entity.Add("alias", Text(record, "NAME_ORIGINAL_SCRIPT"));
        foreach (var alias in record.Elements("ENTITY_ALIAS"))
        {
            // Entity alias QUALITY is "a.k.a.", "f.k.a." or empty in this list (not Good/Low as for individuals).
            var quality = Text(alias, "QUALITY");
            var property = quality.Equals("f.k.a.", StringComparison.OrdinalIgnoreCase) ? "previousName"
                : quality.Equals("Low", StringComparison.OrdinalIgnoreCase) ? "weakAlias"
                : "alias";
            entity.Add(property, Text(alias, "ALIAS_NAME"));
        }
        foreach (var address in record.Elements("ENTITY_ADDRESS"))
        {
            AddAddress(entity, address);
        }
        return entity;
    }

    private static Entity Start(XElement record, Schema schema, string dataset, string file, long line)
    {
        var dataId = Text(record, "DATAID");
        if (dataId.Length == 0)
        {
            throw new InputException(file, line, $"<{record.Name.LocalName}> has no DATAID");
        }
        var entity = new Entity(EntityIds.Make(dataset, dataId), schema, dataset);
        entity.Add("topics", "sanction");
        entity.Add("program", Text(record, "UN_LIST_TYPE"));
        // REFERENCE_NUMBER (e.g. KPi.033) is how the UK and EU lists point back to a UN listing.
        entity.Add("programId", Text(record, "REFERENCE_NUMBER"));
        var listedOn = Text(record, "LISTED_ON");
        if (listedOn.Length > 0)
        {
            entity.Add("createdAt", ParseDate(listedOn, "LISTED_ON", file, line).ToString());
        }
        var updates = Values(record, "LAST_DAY_UPDATED")
            .Select(v => ParseDate(v, "LAST_DAY_UPDATED", file, line).ToString())
            .Order(StringComparer.Ordinal)
            .ToList();
        if (updates.Count > 0)
        {
            entity.Add("modifiedAt", updates[^1]);
        }
        entity.Add("notes", Text(record, "COMMENTS1"));
        return entity;
    }

    private static void AddBirthDates(Entity entity, XElement birth, string file, long line)
    {
        var date = Text(birth, "DATE");
        var year = Text(birth, "YEAR");
        var from = Text(birth, "FROM_YEAR");
        var to = Text(birth, "TO_YEAR");
        if (date.Length > 0)
        {
            entity.Add("birthDate", ParseDate(date, "INDIVIDUAL_DATE_OF_BIRTH/DATE", file, line).ToString());
        }
        if (year.Length > 0)
        {
            entity.Add("birthDate", ParseDate(year, "INDIVIDUAL_DATE_OF_BIRTH/YEAR", file, line).ToString());
        }
        // TYPE_OF_DATE BETWEEN gives FROM_YEAR and TO_YEAR: both ends become birth dates.
        if (from.Length > 0)
        {
            entity.Add("birthDate", ParseDate(from, "INDIVIDUAL_DATE_OF_BIRTH/FROM_YEAR", file, line).ToString());
        }
        if (to.Length > 0)
        {
            entity.Add("birthDate", ParseDate(to, "INDIVIDUAL_DATE_OF_BIRTH/TO_YEAR", file, line).ToString());
        }
        var note = Text(birth, "NOTE");
        if (note.Length > 0)
        {
            entity.Add("notes", "Date of birth: " + note);
        }
    }

    private static void AddDocument(Entity entity, XElement document)
    {
        var number = Text(document, "NUMBER");
        if (number.Length == 0)
        {
            return;
        }
        var type = Text(document, "TYPE_OF_DOCUMENT") + " " + Text(document, "TYPE_OF_DOCUMENT2");
        // Types are free text, partly in French or Spanish ("Numéro de passeport", "Número de pasaporte").
        var isPassport = type.Contains("passport", StringComparison.OrdinalIgnoreCase)
            || type.Contains("passeport", StringComparison.OrdinalIgnoreCase)
            || type.Contains("pasaporte", StringComparison.OrdinalIgnoreCase);
        entity.Add(isPassport ? "passportNumber" : "idNumber", number);
        var issuer = Text(document, "ISSUING_COUNTRY");
        var details = Join(type.Trim(), number, issuer, Text(document, "COUNTRY_OF_ISSUE"), Text(document, "CITY_OF_ISSUE"),
            Text(document, "DATE_OF_ISSUE"), Text(document, "NOTE"));
        entity.Add("notes", "Document: " + details);
    }

    private static void AddAddress(Entity entity, XElement address)
    {
        var country = Text(address, "COUNTRY");
        entity.Add("address", Join(Text(address, "STREET"), Text(address, "CITY"), Text(address, "STATE_PROVINCE"),
            Text(address, "ZIP_CODE"), country));
        AddCountry(entity, "country", country, "Country");
    }

    private static void AddCountry(Entity entity, string property, string text, string label)
    {
        if (text.Length == 0 || IsNotAvailable(text))
        {
            return;
        }
        if (Countries.TryGetCode(text, out var code))
        {
            entity.Add(property, code);
        }
        else
        {
            // Not a country we can code (e.g. "former Soviet Union"): keep the text, out of the country field.
            entity.Add("notes", $"{label}: {text}");
        }
    }

    private static void AddBirthCountry(Entity entity, string text)
    {
        if (Countries.TryGetCode(text, out var code))
        {
            entity.Add("birthCountry", code);
        }
    }

    private static PartialDate ParseDate(string text, string field, string file, long line) =>
        PartialDate.TryParseIso(WithoutTimeZone(text), out var date)
            ? date
            : throw new InputException(file, line, $"{field} is '{text}': not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)");

    /// <summary>xs:date allows a zone suffix and the UN uses it on some LISTED_ON values: <c>2015-04-07-04:00</c>, <c>…Z</c>.</summary>
    private static string WithoutTimeZone(string text)
    {
        if (text.Length > 10 && text[4] == '-' && text[7] == '-' && text[10] is 'Z' or '+' or '-')
        {
            return text[..10];
        }
        return text;
    }

    private static bool IsNotAvailable(string text) => text.Equals("na", StringComparison.OrdinalIgnoreCase);

    private static string Text(XElement parent, string name) => parent.Element(name)?.Value.Trim() ?? "";

    private static IEnumerable<string> Values(XElement parent, string name) =>
        parent.Elements(name).Elements("VALUE").Select(v => v.Value.Trim()).Where(v => v.Length > 0);

    private static string Join(params string[] parts) =>
        string.Join(", ", parts.Select(p => p.Trim()).Where(p => p.Length > 0));
}

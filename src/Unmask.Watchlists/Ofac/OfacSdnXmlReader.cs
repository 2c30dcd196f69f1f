using System.Globalization;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using Unmask.Domain;
using Unmask.Watchlists.Io;

namespace Unmask.Watchlists.Ofac;

/// <summary>
/// OFAC's classic <c>sdnList</c> XML (<c>sdn.xml</c>, and <c>consolidated.xml</c> for the non-SDN lists). The default
/// namespace changed from <c>http://tempuri.org/sdnList.xsd</c> to
/// <c>https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML</c>; elements are matched on local
/// names so both (and any later one) are read. <c>publshInformation</c> (sic) gives the date as MM/DD/YYYY.
/// </summary>
public sealed class OfacSdnXmlReader : IListReader
{
    private static readonly HashSet<string> Records = new(StringComparer.Ordinal) { "publshInformation", "sdnEntry" };

    public ListFormat Format => ListFormat.OfacSdnXml;

    public bool Sniff(ReadOnlySpan<byte> head) => Sniffing.XmlRootName(head) == "sdnList";

    public async IAsyncEnumerable<Entity> ReadAsync(ListInput input, ReadContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var consolidated = input.FileName.Contains("cons", StringComparison.OrdinalIgnoreCase);
        var datasetName = context.DatasetName(consolidated ? "us_ofac_cons" : "us_ofac_sdn");
        var title = consolidated ? "OFAC Consolidated Sanctions List (Non-SDN Lists)" : "OFAC Specially Designated Nationals (SDN) List";
        int? declaredCount = null;
        var count = 0;
        await using var stream = input.Open();
        await foreach (var record in OfacXml.ReadRecordsAsync(stream, input.Name, input.Limits, "sdnList", Records, cancellationToken))
        {
            if (record.Element.Name.LocalName == "publshInformation")
            {
                context.Dataset = new Dataset(datasetName, title, "US Treasury OFAC", PublishDate(record, input.Name), DatasetKind.Sanctions);
                declaredCount = RecordCount(record, input.Name);
                continue;
            }
            context.Dataset ??= new Dataset(datasetName, title, "US Treasury OFAC", null, DatasetKind.Sanctions);
            count++;
            yield return Build(datasetName, record, input.Name);
        }
        if (count == 0)
        {
            throw new InputException(input.Name, null, "no sdnEntry records");
        }
        if (declaredCount is { } declared && declared != count)
        {
            context.Warn($"{input.Name}: Record_Count says {declared:N0} entries but the file has {count:N0}");
        }
    }

    private static Entity Build(string dataset, XmlRecord record, string file)
    {
        var e = record.Element;
        var uid = e.Text("uid") ?? throw new InputException(file, record.Line, "sdnEntry without uid");
        var schema = e.Text("sdnType")?.ToLowerInvariant() switch
        {
            "individual" => Schemas.Person,
            "entity" => Schemas.Organization,
            "vessel" => Schemas.Vessel,
            "aircraft" => Schemas.Airplane,
            null => Schemas.LegalEntity,
            var other => throw new InputException(file, record.Line, $"sdnEntry {uid}: unknown sdnType '{other}'"),
        };
        var entity = new Entity(EntityIds.Make(dataset, uid), schema, dataset);
        var lastName = e.Text("lastName") ?? throw new InputException(file, record.Line, $"sdnEntry {uid} has no lastName");
        var firstName = e.Text("firstName");
        entity.Add("name", FullName(lastName, firstName));
        if (schema == Schemas.Person)
        {
            entity.Add("lastName", lastName);
            entity.Add("firstName", firstName);
        }
        if (e.Text("title") is { } title)
        {
            OfacFields.AddOrNote(entity, "title", title, $"Title: {title}");
        }
        entity.Add("topics", "sanction");
        foreach (var program in e.Items("programList", "program"))
        {
            entity.Add("program", program.Value);
        }
        foreach (var aka in e.Items("akaList", "aka"))
        {
            AddAka(entity, aka);
        }
        foreach (var id in e.Items("idList", "id"))
        {
            AddId(entity, id);
        }
        foreach (var address in e.Items("addressList", "address"))
        {
            AddAddress(entity, address);
        }
        foreach (var nationality in e.Items("nationalityList", "nationality"))
        {
            OfacFields.Add(entity, "nationality", nationality.Text("country") ?? "");
        }
        foreach (var citizenship in e.Items("citizenshipList", "citizenship"))
        {
            OfacFields.Add(entity, "citizen", citizenship.Text("country") ?? "");
        }
        foreach (var item in e.Items("dateOfBirthList", "dateOfBirthItem"))
        {
            if (item.Text("dateOfBirth") is not { } text)
            {
                continue;
            }
            var dates = OfacDates.Parse(text);
            if (dates.Count == 0)
            {
                throw new InputException(file, record.Line, $"sdnEntry {uid}: dateOfBirth '{text}' is not a date (expected e.g. 15 Mar 1955, 1962 or 01 Jan 1953 to 31 Dec 1954)");
            }
            foreach (var date in dates)
            {
                OfacFields.AddOrNote(entity, "birthDate", date, $"DOB {text}");
            }
        }
        foreach (var item in e.Items("placeOfBirthList", "placeOfBirthItem"))
        {
            OfacFields.Add(entity, "POB", item.Text("placeOfBirth") ?? "");
        }
        if (e.Child("vesselInfo") is { } vessel)
        {
            OfacFields.Add(entity, "Vessel Call Sign", vessel.Text("callSign") ?? "");
            OfacFields.Add(entity, "Vessel Type", vessel.Text("vesselType") ?? "");
            OfacFields.Add(entity, "Vessel Flag", vessel.Text("vesselFlag") ?? "");
            OfacFields.Add(entity, "Vessel Tonnage", vessel.Text("tonnage") ?? "");
            OfacFields.Add(entity, "Vessel Gross Registered Tonnage", vessel.Text("grossRegisteredTonnage") ?? "");
            if (vessel.Text("vesselOwner") is { } owner)
            {
                entity.Add("notes", $"Vessel owner: {owner}");
            }
        }
        if (e.Text("remarks") is { } remarks)
        {
            // Remarks here hold only what has no element of its own ("all offices worldwide", "(Linked To: …)").
            OfacRemarks.Apply(entity, remarks, file, record.Line);
        }
        return entity;
    }

    /// <summary>OFAC's own rendering of a name: "LAST, First" for individuals, the whole name (in lastName) otherwise.</summary>
    internal static string FullName(string lastName, string? firstName) =>
        string.IsNullOrWhiteSpace(firstName) ? lastName : $"{lastName}, {firstName}";

    private static void AddAka(Entity entity, XElement aka)
    {
        var lastName = aka.Text("lastName");
        if (lastName is null)
        {
            return;
        }
        var name = FullName(lastName, aka.Text("firstName"));
        var weak = string.Equals(aka.Text("category"), "weak", StringComparison.OrdinalIgnoreCase);
        var property = aka.Text("type")?.ToLowerInvariant() switch
        {
            "f.k.a." => "previousName",
            _ when weak => "weakAlias",
            _ => "alias",
        };
        entity.Add(property, name);
    }

    private static void AddId(Entity entity, XElement id)
    {
        var type = id.Text("idType");
        var number = id.Text("idNumber");
        if (type is null || number is null)
        {
            return;
        }
        var country = id.Text("idCountry");
        var issued = id.Text("issueDate");
        var expires = id.Text("expirationDate");
        if (!OfacFields.Add(entity, type, number, country))
        {
            // e.g. "Additional Sanctions Information -", "Secondary sanctions risk:", directive determinations.
            entity.Add("notes", $"{type} {number}" + (country is null ? "" : $" ({country})"));
        }
        if (issued is not null || expires is not null)
        {
            entity.Add("notes", $"{type} {number}" + (country is null ? "" : $" ({country})")
                + (issued is null ? "" : $" issued {issued}") + (expires is null ? "" : $" expires {expires}"));
        }
    }

    private static void AddAddress(Entity entity, XElement address)
    {
        var country = address.Text("country");
        var parts = new[]
        {
            address.Text("address1"), address.Text("address2"), address.Text("address3"), address.Text("city"),
            address.Text("stateOrProvince"), address.Text("postalCode"), country,
        };
        entity.Add("address", string.Join(", ", parts.Where(p => p is not null)));
        if (country is not null && Countries.TryGetCode(country, out var code))
        {
            entity.Add("country", code);
        }
    }

    private static DateOnly? PublishDate(XmlRecord record, string file)
    {
        var text = record.Element.Text("Publish_Date");
        if (text is null)
        {
            return null;
        }
        // OFAC writes Publish_Date as MM/DD/YYYY (04/06/2018 = 6 April 2018).
        if (DateOnly.TryParseExact(text, ["MM/dd/yyyy", "M/d/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        throw new InputException(file, record.Line, $"Publish_Date '{text}' is not a date (expected MM/DD/YYYY)");
    }

    private static int? RecordCount(XmlRecord record, string file)
    {
        var text = record.Element.Text("Record_Count");
        if (text is null)
        {
            return null;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InputException(file, record.Line, $"Record_Count '{text}' is not a number");
    }
}

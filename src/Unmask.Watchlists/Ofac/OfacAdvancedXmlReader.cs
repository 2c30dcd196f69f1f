using System.Globalization;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using Unmask.Domain;
using Unmask.Watchlists.Io;

namespace Unmask.Watchlists.Ofac;

/// <summary>
/// OFAC Sanctions List Service "Enhanced XML" (<c>ENHANCED_XML</c> exports, root <c>sanctionsData</c>): a
/// <c>referenceValues</c> lookup (id → text, with ISO codes for countries), <c>featureTypes</c>, then one
/// <c>entities/entity</c> per target with names and their translations (Arabic, Cyrillic, Chinese, Korean scripts),
/// addresses, typed features (birthdate, nationality, vessel and aircraft details, digital currency addresses, e-mail,
/// website…), identity documents, programmes, lists and relationships. Entity ids are OFAC's ent_num (the same number
/// as in sdn.csv).
/// </summary>
public sealed class OfacAdvancedXmlReader : IListReader
{
    private static readonly HashSet<string> Records = new(StringComparer.Ordinal)
    {
        "publicationInfo", "referenceValues", "featureTypes", "entity",
    };

    private static readonly string[] AddressPartOrder = ["ADDRESS1", "ADDRESS2", "ADDRESS3", "CITY", "STATE/PROVINCE", "POSTAL CODE", "REGION"];

    public ListFormat Format => ListFormat.OfacAdvancedXml;

    public bool Sniff(ReadOnlySpan<byte> head) => Sniffing.XmlRootName(head) == "sanctionsData";

    public async IAsyncEnumerable<Entity> ReadAsync(ListInput input, ReadContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var datasetName = context.DatasetName("us_ofac_enhanced");
        const string Title = "OFAC Sanctions List Service (Enhanced XML)";
        var references = new Dictionary<string, Reference>(StringComparer.Ordinal);
        var count = 0;
        await using var stream = input.Open();
        await foreach (var record in OfacXml.ReadRecordsAsync(stream, input.Name, input.Limits, "sanctionsData", Records, cancellationToken))
        {
            switch (record.Element.Name.LocalName)
            {
                case "publicationInfo":
                    context.Dataset = new Dataset(datasetName, Title, "US Treasury OFAC", DataAsOf(record, input.Name), DatasetKind.Sanctions);
                    continue;
                case "referenceValues":
                    foreach (var value in record.Element.Children("referenceValue"))
                    {
                        if (value.Attribute("refId")?.Value is { } refId)
                        {
                            references[refId] = new Reference(value.Text("type") ?? "", value.Text("value") ?? "", value.Text("isoCode"));
                        }
                    }
                    continue;
                case "featureTypes":
                    continue; // every feature repeats its type's name, so the table is not needed to read entities
            }
            context.Dataset ??= new Dataset(datasetName, Title, "US Treasury OFAC", null, DatasetKind.Sanctions);
            count++;
            yield return new EntityBuilder(datasetName, record, input.Name, references).Build();
        }
        if (count == 0)
        {
            throw new InputException(input.Name, null, "no entity records");
        }
    }

    private static DateOnly? DataAsOf(XmlRecord record, string file)
    {
        var text = record.Element.Text("dataAsOf");
        if (text is null)
        {
            return null;
        }
        if (PartialDate.TryParseIso(text, out var date) && date.Precision == DatePrecision.Day)
        {
            return new DateOnly(date.Year, date.Month!.Value, date.Day!.Value);
        }
        throw new InputException(file, record.Line, $"publicationInfo/dataAsOf '{text}' is not a date (expected YYYY-MM-DDThh:mm:ss)");
    }

    private sealed record Reference(string Type, string Value, string? IsoCode);

    private sealed class EntityBuilder(string dataset, XmlRecord record, string file, IReadOnlyDictionary<string, Reference> references)
    {
        private readonly XElement _e = record.Element;
        private Entity _entity = null!;
        private string _id = "";

        public Entity Build()
        {
            _id = _e.Attribute("id")?.Value.Trim() is { Length: > 0 } id ? id : throw Error("entity without an id attribute");
            var general = _e.Child("generalInfo");
            var schema = general?.Text("entityType")?.ToLowerInvariant() switch
            {
                "individual" => Schemas.Person,
                "entity" => Schemas.Organization,
                "vessel" => Schemas.Vessel,
                "aircraft" => Schemas.Airplane,
                null => Schemas.LegalEntity,
                var other => throw Error($"unknown entityType '{other}'"),
            };
            _entity = new Entity(EntityIds.Make(dataset, _id), schema, dataset);
            _entity.Add("topics", "sanction");
            AddNames();
            if (!_entity.Has("name"))
            {
                throw Error("entity has no primary name");
            }
            if (general?.Text("title") is { } title)
            {
                OfacFields.AddOrNote(_entity, "title", title, $"Title: {title}");
            }
            _entity.Add("notes", general?.Text("remarks"));
            foreach (var program in _e.Items("sanctionsPrograms", "sanctionsProgram"))
            {
                _entity.Add("program", program.Value);
            }
            AddLists();
            foreach (var authority in _e.Items("legalAuthorities", "legalAuthority"))
            {
                _entity.Add("notes", $"Legal authority: {authority.Value.Trim()}");
            }
            foreach (var type in _e.Items("sanctionsTypes", "sanctionsType"))
            {
                _entity.Add("notes", $"Sanctions type: {type.Value.Trim()}");
            }
            foreach (var address in _e.Items("addresses", "address"))
            {
                AddAddress(address);
            }
            foreach (var feature in _e.Items("features", "feature"))
            {
                AddFeature(feature);
            }
            foreach (var document in _e.Items("identityDocuments", "identityDocument"))
            {
                AddDocument(document);
            }
            foreach (var relationship in _e.Items("relationships", "relationship"))
            {
                var related = relationship.Child("relatedEntity");
                var relatedId = related?.Attribute("entityId")?.Value;
                _entity.Add("notes", $"{relationship.Text("type")}: {related?.Value.Trim()}" + (relatedId is null ? "" : $" (OFAC {relatedId})"));
            }
            return _entity;
        }

        private void AddNames()
        {
            foreach (var name in _e.Items("names", "name"))
            {
                var isPrimary = IsTrue(name.Text("isPrimary"));
                var aliasType = name.Text("aliasType")?.ToUpperInvariant();
                var property = isPrimary ? "name"
                    : aliasType == "F.K.A." ? "previousName"
                    : IsTrue(name.Text("isLowQuality")) ? "weakAlias"
                    : "alias";
                foreach (var translation in name.Items("translations", "translation"))
                {
                    var full = translation.Text("formattedFullName");
                    if (full is null)
                    {
                        continue;
                    }
                    full = OfacXml.WithoutBidiMarks(full);
                    var primaryTranslation = IsTrue(translation.Text("isPrimary"));
                    // Original-script spellings of the primary name are names the target goes by: aliases.
                    _entity.Add(property == "name" && !primaryTranslation ? "alias" : property, full);
                    if (property == "name" && primaryTranslation && _entity.Schema.IsA("Person"))
                    {
                        AddNameParts(translation);
                    }
                }
            }
        }

        private void AddNameParts(XElement translation)
        {
            _entity.Add("firstName", translation.Text("formattedFirstName"));
            _entity.Add("lastName", translation.Text("formattedLastName"));
            foreach (var part in translation.Items("nameParts", "namePart"))
            {
                var property = part.Text("type") switch
                {
                    "Middle Name" => "middleName",
                    "Patronymic" => "fatherName",
                    "Matronymic" => "motherName",
                    _ => null,
                };
                if (property is not null)
                {
                    _entity.Add(property, part.Text("value"));
                }
            }
        }

        private void AddLists()
        {
            PartialDate? earliest = null;
            foreach (var list in _e.Items("sanctionsLists", "sanctionsList"))
            {
                _entity.Add("notes", $"On the {list.Value.Trim()}");
                if (PartialDate.TryParseIso(list.Attribute("datePublished")?.Value, out var published)
                    && (earliest is null || string.CompareOrdinal(published.ToString(), earliest.Value.ToString()) < 0))
                {
                    earliest = published;
                }
            }
            if (earliest is { } listed)
            {
                _entity.Add("createdAt", listed.ToString());
            }
        }

        private void AddAddress(XElement address)
        {
            var country = address.Child("country");
            var countryName = country?.Value.Trim();
            var code = CountryCode(country);
            if (code is not null)
            {
                _entity.Add("country", code);
            }
            var translations = address.Items("translations", "translation").ToList();
            foreach (var translation in translations)
            {
                var parts = translation.Items("addressParts", "addressPart")
                    .Select(p => (Type: p.Text("type")?.ToUpperInvariant() ?? "", Value: p.Text("value")))
                    .Where(p => p.Value is not null)
                    .OrderBy(p => Array.IndexOf(AddressPartOrder, p.Type) is var i and >= 0 ? i : AddressPartOrder.Length)
                    .Select(p => OfacXml.WithoutBidiMarks(p.Value!))
                    .ToList();
                if (!string.IsNullOrEmpty(countryName))
                {
                    parts.Add(countryName);
                }
                _entity.Add("address", string.Join(", ", parts));
            }
            if (translations.Count == 0 && !string.IsNullOrEmpty(countryName))
            {
                _entity.Add("address", countryName);
            }
        }

        private void AddFeature(XElement feature)
        {
            var type = OfacFields.NormaliseType(feature.Text("type") ?? "");
            var value = feature.Text("value") ?? "";
            if (type.Length == 0 || value.Length == 0)
            {
                return;
            }
            if (string.Equals(feature.Text("reliability"), "False", StringComparison.OrdinalIgnoreCase))
            {
                // OFAC marks details it knows to be false (e.g. a fraudulent passport) with reliability "False".
                _entity.Add("notes", $"{type} {value} (reliability: False)");
                return;
            }
            switch (type.ToUpperInvariant())
            {
                case "BIRTHDATE":
                    foreach (var date in Dates(feature.Child("valueDate"), value, "Birthdate"))
                    {
                        OfacFields.AddOrNote(_entity, "birthDate", date, $"Birthdate {value}");
                    }
                    return;
                case "NATIONALITY COUNTRY":
                case "CITIZENSHIP COUNTRY":
                case "VESSEL FLAG":
                case "OTHER VESSEL FLAG":
                case "NATIONALITY OF REGISTRATION":
                case "REGISTRATION COUNTRY":
                    // These carry a COUNTRY reference with its ISO code; "Bahamas, The" and the like resolve that way.
                    OfacFields.Add(_entity, type, ReferenceIso(feature.Text("valueRefId")) ?? value);
                    return;
            }
            if (!OfacFields.Add(_entity, type, value))
            {
                _entity.Add("notes", $"{type} {value}");
            }
        }

        private void AddDocument(XElement document)
        {
            var type = document.Text("type");
            var number = document.Text("documentNumber");
            if (type is null || number is null)
            {
                return;
            }
            var country = document.Text("issuingCountry");
            if (!OfacFields.Add(_entity, type, number, country))
            {
                _entity.Add("notes", $"{type} {number}" + (country is null ? "" : $" ({country})"));
            }
            var issued = First(Dates(document.Child("issueDate"), "", "issueDate"));
            var expires = First(Dates(document.Child("expirationDate"), "", "expirationDate"));
            if (issued is not null || expires is not null || document.Text("isValid") == "false")
            {
                _entity.Add("notes", $"{type} {number}" + (country is null ? "" : $" ({country})")
                    + (issued is null ? "" : $" issued {issued}") + (expires is null ? "" : $" expires {expires}")
                    + (document.Text("isValid") == "false" ? " (not valid)" : ""));
            }
        }

        /// <summary>
        /// A <c>valueDate</c> as ISO dates. Each end of a date is a begin/end span whose width gives the precision
        /// (1972-01-01..1972-12-31 is the year 1972); a range (<c>isDateRange</c>) yields both ends.
        /// Falls back to the text value (<c>circa 1957</c>) when the spans are irregular.
        /// </summary>
        private IReadOnlyList<string> Dates(XElement? valueDate, string text, string field)
        {
            if (valueDate is not null)
            {
                var fromBegin = Day(valueDate, "fromDateBegin", field);
                var fromEnd = Day(valueDate, "fromDateEnd", field);
                var toBegin = Day(valueDate, "toDateBegin", field);
                var toEnd = Day(valueDate, "toDateEnd", field);
                if (IsTrue(valueDate.Text("isDateRange")))
                {
                    var from = Span(fromBegin, fromEnd);
                    var to = Span(toBegin, toEnd);
                    if (from is not null && to is not null)
                    {
                        return [from, to];
                    }
                }
                else if (Span(fromBegin, toEnd) is { } single)
                {
                    return [single];
                }
            }
            if (text.Length == 0)
            {
                return [];
            }
            var parsed = OfacDates.Parse(text);
            return parsed.Count > 0 ? parsed : throw Error($"{field} '{text}' is not a date");
        }

        private static string? First(IReadOnlyList<string> values) => values.Count > 0 ? values[0] : null;

        private DateOnly? Day(XElement valueDate, string name, string field)
        {
            var text = valueDate.Text(name);
            if (text is null)
            {
                return null;
            }
            return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? day
                : throw Error($"{field}/{name} '{text}' is not a date (expected YYYY-MM-DD)");
        }

        private static string? Span(DateOnly? begin, DateOnly? end)
        {
            if (begin is not { } b || end is not { } e)
            {
                return begin?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }
            if (b == e)
            {
                return b.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }
            if (b.Day == 1 && e.Year == b.Year && e.Month == b.Month && e.Day == DateTime.DaysInMonth(e.Year, e.Month))
            {
                return b.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            }
            if (b.Month == 1 && b.Day == 1 && e.Year == b.Year && e.Month == 12 && e.Day == 31)
            {
                return b.Year.ToString("D4", CultureInfo.InvariantCulture);
            }
            return null;
        }

        private string? CountryCode(XElement? country)
        {
            if (country is null)
            {
                return null;
            }
            if (ReferenceIso(country.Attribute("refId")?.Value) is { } iso)
            {
                return iso;
            }
            return Countries.TryGetCode(country.Value, out var code) ? code : null;
        }

        private string? ReferenceIso(string? refId) =>
            refId is not null && references.TryGetValue(refId, out var reference) && reference.IsoCode is { Length: 2 } iso
                ? iso.ToLowerInvariant()
                : null;

        private InputException Error(string reason) => new(file, record.Line, _id.Length == 0 ? reason : $"entity {_id}: {reason}");

        private static bool IsTrue(string? text) => string.Equals(text, "true", StringComparison.OrdinalIgnoreCase);
    }
}

using System.Runtime.CompilerServices;
using Unmask.Domain;
using Unmask.Watchlists.Io;
using Unmask.Watchlists.Uk;

namespace Unmask.Watchlists.Eu;

/// <summary>
/// The EU Financial Sanctions Files "global" CSV (<c>csvFullSanctionsList_1_1</c>): semicolon-separated, UTF-8, a header row
/// of section-prefixed columns (<c>fileGenerationDate;Entity_LogicalId;Entity_EU_ReferenceNumber;…;NameAlias_WholeName;…;
/// Address_City;…;BirthDate_BirthDate;…;Identification_Number;…;Citizenship_CountryIso2Code;…</c>), then one row per name
/// alias, address, birth date, identification or citizenship of a target, each repeating the <c>Entity_*</c> columns.
/// Rows are folded by <c>Entity_LogicalId</c>; since we could not check that the publisher keeps a target's rows together,
/// the folded entities are held until the file ends. Columns are found by name, so added or reordered columns are
/// tolerated. Written from the EU's FSF documentation and public code that parses it; no real FSF file was available.
/// </summary>
public sealed class EuFsfCsvReader : IListReader
{
    public ListFormat Format => ListFormat.EuFsfCsv;

    public bool Sniff(ReadOnlySpan<byte> head)
    {
        var text = Sniffing.Text(head);
        var end = text.IndexOfAny(['\r', '\n']);
        var firstLine = end < 0 ? text : text[..end];
        return firstLine.Contains(';', StringComparison.Ordinal)
            && (firstLine.Contains("Entity_LogicalId", StringComparison.OrdinalIgnoreCase)
                || firstLine.StartsWith("fileGenerationDate;", StringComparison.OrdinalIgnoreCase) && text.Contains("Entity_LogicalId", StringComparison.OrdinalIgnoreCase));
    }

    public async IAsyncEnumerable<Entity> ReadAsync(ListInput input, ReadContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var dataset = context.DatasetName(EuFsfMapper.Dataset);
        var mapper = new EuFsfMapper(input.Name);
        await using var stream = new TextGuardStream(input.Open(), input.Name, input.Limits);
        var records = new CsvRecordReader(stream, input.Name, input.Limits, (byte)';');
        Dictionary<string, int>? columns = null;
        string generated = "";
        var byId = new Dictionary<string, Entity>(StringComparer.Ordinal);
        var order = new List<Entity>();
        var orphans = 0;
        var sawRecord = false;
        while (await records.ReadAsync(cancellationToken) is { } record)
        {
            var (fields, line) = record;
            sawRecord = true;
            if (columns is null)
            {
                // Some copies put "fileGenerationDate;<date>" on a line of its own above the header.
                if (fields.Count <= 2 && fields[0].Trim().Equals("fileGenerationDate", StringComparison.OrdinalIgnoreCase))
                {
                    generated = fields.Count > 1 ? fields[1].Trim() : "";
                    continue;
                }
                columns = Header(fields, input.Name, line);
                continue;
            }
            if (fields.Count != columns.Count)
            {
                throw new InputException(input.Name, line, $"expected {columns.Count} fields, found {fields.Count}");
            }
            string Get(string column) => columns.TryGetValue(column, out var i) ? fields[i].Trim() : "";
            Func<string, string> Section(string prefix, IReadOnlyDictionary<string, string>? renames = null) => attribute =>
            {
                var name = renames is not null && renames.TryGetValue(attribute, out var renamed) ? renamed : Capitalise(attribute);
                return Get(prefix + name);
            };

            if (generated.Length == 0)
            {
                generated = Get("fileGenerationDate");
            }
            var logicalId = Get("Entity_LogicalId");
            if (logicalId.Length == 0)
            {
                orphans++;
                continue;
            }
            if (!byId.TryGetValue(logicalId, out var entity))
            {
                var subject = Get("Entity_SubjectType");
                var classification = Get("Entity_SubjectType_ClassificationCode");
                var subjectType = subject.Length > 1 ? subject : classification.Length > 0 ? classification : subject;
                entity = mapper.Start(dataset, Section("Entity_", EntityColumns), subjectType, line);
                byId[logicalId] = entity;
                order.Add(entity);
            }
            mapper.AddRemark(entity, Get("Entity_Remark"));
            mapper.AddRegulation(entity, Section("Entity_Regulation_"), line);
            mapper.AddName(entity, Section("NameAlias_"));
            mapper.AddBirth(entity, Section("BirthDate_", BirthColumns), line);
            mapper.AddCitizenship(entity, Section("Citizenship_"));
            mapper.AddIdentification(entity, Section("Identification_", IdentificationColumns));
            mapper.AddAddress(entity, Section("Address_"));
            mapper.AddRemark(entity, Get("Address_Remark"));
        }
        if (!sawRecord)
        {
            throw new InputException(input.Name, null, "empty file");
        }
        if (columns is null)
        {
            throw new InputException(input.Name, null, "no header row: not an EU FSF CSV");
        }
        DateOnly? published = null;
        if (generated.Length > 0)
        {
            var date = mapper.ParseDate(generated, "fileGenerationDate", 2);
            published = date.Precision == DatePrecision.Day ? new DateOnly(date.Year, date.Month!.Value, date.Day!.Value) : null;
        }
        context.Dataset = new Dataset(dataset, EuFsfMapper.Title, EuFsfMapper.Publisher, published, DatasetKind.Sanctions);
        if (orphans > 0)
        {
            context.Warn($"{orphans} row(s) without an Entity_LogicalId were skipped");
        }
        foreach (var entity in order)
        {
            yield return entity;
        }
    }

    // CSV column names that differ from "<Section>_<XmlAttribute>".
    private static readonly Dictionary<string, string> EntityColumns = new(StringComparer.Ordinal)
    {
        ["euReferenceNumber"] = "EU_ReferenceNumber",
    };

    private static readonly Dictionary<string, string> BirthColumns = new(StringComparer.Ordinal)
    {
        ["birthdate"] = "BirthDate",
        ["dayOfMonth"] = "Day",
        ["monthOfYear"] = "Month",
    };

    private static readonly Dictionary<string, string> IdentificationColumns = new(StringComparer.Ordinal)
    {
        ["identificationTypeCode"] = "TypeCode",
        ["identificationTypeDescription"] = "TypeDescription",
        ["issueDate"] = "IssuedDate",
    };

    private static string Capitalise(string attribute) =>
        attribute.Length == 0 ? attribute : char.ToUpperInvariant(attribute[0]) + attribute[1..];

    private static Dictionary<string, int> Header(List<string> fields, string file, long line)
    {
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < fields.Count; i++)
        {
            columns.TryAdd(fields[i].Trim(), i);
        }
        if (!columns.ContainsKey("Entity_LogicalId") || !columns.ContainsKey("NameAlias_WholeName"))
        {
            throw new InputException(file, line, "header lacks Entity_LogicalId or NameAlias_WholeName: not an EU FSF CSV");
        }
        // Field counts are checked against the header, so keep its width (duplicate names would shrink the dictionary).
        return columns.Count == fields.Count ? columns : throw new InputException(file, line, "header repeats a column name");
    }
}

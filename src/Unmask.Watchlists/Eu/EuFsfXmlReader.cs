using System.Runtime.CompilerServices;
using System.Xml;
using System.Xml.Linq;
using Unmask.Domain;
using Unmask.Watchlists.Io;

namespace Unmask.Watchlists.Eu;

/// <summary>
/// The EU Financial Sanctions Files XML, version 1.1 (<c>xmlFullSanctionsList_1_1</c>): root
/// <c>&lt;export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate=…&gt;</c>, one <c>sanctionEntity</c> per target
/// with <c>logicalId</c>, <c>euReferenceNumber</c>, <c>unitedNationId</c>, <c>designationDate</c> attributes and children
/// <c>regulation</c>, <c>subjectType</c>, <c>nameAlias</c>, <c>citizenship</c>, <c>birthdate</c>, <c>identification</c>,
/// <c>address</c>, <c>remark</c>. Written from the EU's FSF documentation and public code that parses the file; no real
/// FSF file was available to test against (see shared/data/README.md, "Not found"). Elements are matched by local name.
/// </summary>
public sealed class EuFsfXmlReader : IListReader
{
    public ListFormat Format => ListFormat.EuFsfXml;

    public bool Sniff(ReadOnlySpan<byte> head)
    {
        if (Sniffing.XmlRootName(head) != "export")
        {
            return false;
        }
        return Sniffing.Text(head).Contains("fpi/fsd/export", StringComparison.OrdinalIgnoreCase);
    }

    public async IAsyncEnumerable<Entity> ReadAsync(ListInput input, ReadContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var dataset = context.DatasetName(EuFsfMapper.Dataset);
        var mapper = new EuFsfMapper(input.Name);
        using var xml = SafeXml.Create(input.Open(), input.Name, input.Limits);
        var lineInfo = (IXmlLineInfo)xml;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            XElement record;
            long line;
            try
            {
                if (!await MoveToNextEntityAsync(xml, input, context, dataset))
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
            yield return Map(record, mapper, dataset, line);
        }
        if (context.Dataset is null)
        {
            throw new InputException(input.Name, null, "no <export> root element: not an EU FSF file");
        }
    }

    private static async Task<bool> MoveToNextEntityAsync(XmlReader xml, ListInput input, ReadContext context, string dataset)
    {
        // XNode.ReadFrom leaves the reader on the node after the record, which may already be the next record.
        if (context.Dataset is not null && IsEntityStart(xml))
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
                if (xml.LocalName != "export")
                {
                    throw new InputException(input.Name, ((IXmlLineInfo)xml).LineNumber,
                        $"root element is <{xml.LocalName}>, expected <export>: not an EU FSF file");
                }
                DateOnly? published = null;
                if (PartialDate.TryParseIso(xml.GetAttribute("generationDate"), out var date) && date.Precision == DatePrecision.Day)
                {
                    published = new DateOnly(date.Year, date.Month!.Value, date.Day!.Value);
                }
                context.Dataset = new Dataset(dataset, EuFsfMapper.Title, EuFsfMapper.Publisher, published, DatasetKind.Sanctions);
                continue;
            }
            if (IsEntityStart(xml))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsEntityStart(XmlReader xml) => xml.NodeType == XmlNodeType.Element && xml.LocalName == "sanctionEntity";

    private static Entity Map(XElement record, EuFsfMapper mapper, string dataset, long line)
    {
        var subjectType = Child(record, "subjectType");
        var entity = mapper.Start(dataset, Attributes(record),
            subjectType is null ? "" : Attr(subjectType, "code") is { Length: > 0 } code ? code : Attr(subjectType, "classificationCode"), line);
        foreach (var child in record.Elements())
        {
            switch (child.Name.LocalName)
            {
                case "remark":
                    mapper.AddRemark(entity, child.Value);
                    break;
                case "regulation":
                    mapper.AddRegulation(entity, name => name == "publicationUrl" ? Child(child, "publicationUrl")?.Value.Trim() ?? "" : Attr(child, name), line);
                    break;
                case "nameAlias":
                    mapper.AddName(entity, name => name == "remark" ? string.Join(" ", Children(child, "remark").Select(r => r.Value)) : Attr(child, name));
                    break;
                case "birthdate":
                    mapper.AddBirth(entity, Attributes(child), line);
                    break;
                case "citizenship":
                    mapper.AddCitizenship(entity, Attributes(child));
                    break;
                case "identification":
                    mapper.AddIdentification(entity, Attributes(child));
                    break;
                case "address":
                    mapper.AddAddress(entity, Attributes(child));
                    foreach (var contact in Children(child, "contactInfo"))
                    {
                        mapper.AddContact(entity, Attr(contact, "key"), Attr(contact, "value"));
                    }
                    break;
            }
        }
        return entity;
    }

    private static Func<string, string> Attributes(XElement element) => name => Attr(element, name);

    private static string Attr(XElement element, string name) => element.Attribute(name)?.Value.Trim() ?? "";

    private static XElement? Child(XElement element, string localName) => Children(element, localName).FirstOrDefault();

    private static IEnumerable<XElement> Children(XElement element, string localName) =>
        element.Elements().Where(e => e.Name.LocalName == localName);
}

using System.Buffers;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Unmask.Domain;

namespace Unmask.Watchlists.Io;

/// <summary>
/// Reads one record of a streamed XML list into an <see cref="XElement"/> (instead of <see cref="XNode.ReadFrom"/>) while
/// enforcing <see cref="ReadLimits"/>: element depth, the length of each text value (read in chunks, so an oversized value
/// is refused before it is held whole) and the total text of the record.
/// </summary>
public static class BoundedXml
{
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    /// <summary>Reads the element the reader is on, leaving the reader on the node after its end tag (as
    /// <see cref="XNode.ReadFrom"/> does). Comments and processing instructions are dropped.</summary>
    public static XElement ReadElement(XmlReader reader, ReadLimits limits, string file)
    {
        if (reader.NodeType != XmlNodeType.Element)
        {
            throw new InvalidOperationException($"the reader is on a {reader.NodeType}, not an element");
        }
        var budget = new RecordBudget(limits, file, reader);
        var root = StartElement(reader, budget);
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return root;
        }
        // Records are read by the hundred thousand (xlsx cells): the chunk buffer is rented, not allocated each time.
        var buffer = ArrayPool<char>.Shared.Rent(4096);
        try
        {
            return ReadChildren(reader, root, buffer, budget, limits, file);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static XElement ReadChildren(XmlReader reader, XElement root, char[] buffer, RecordBudget budget, ReadLimits limits, string file)
    {
        var current = root;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    CheckDepth(reader, limits, file);
                    var child = StartElement(reader, budget);
                    current.Add(child);
                    if (!reader.IsEmptyElement)
                    {
                        current = child;
                    }
                    break;
                case XmlNodeType.EndElement:
                    if (current == root)
                    {
                        reader.Read();
                        return root;
                    }
                    current = current.Parent!;
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace:
                    current.Add(new XText(ReadText(reader, buffer, budget, current.Name.LocalName)));
                    break;
            }
        }
        // The parser reports an unclosed element itself; reaching the end here means the document ended inside the record.
        throw new InputException(file, budget.Line, $"the file ends inside <{root.Name.LocalName}>");
    }

    /// <summary>Refuses an element nested deeper than <see cref="ReadLimits.MaxXmlDepth"/>.</summary>
    public static void CheckDepth(XmlReader reader, ReadLimits limits, string file)
    {
        if (reader.Depth >= limits.MaxXmlDepth)
        {
            throw new InputException(file, LineOf(reader),
                $"XML elements nested more than {limits.MaxXmlDepth} deep (<{reader.LocalName}>): refused");
        }
    }

    private static XElement StartElement(XmlReader reader, RecordBudget budget)
    {
        var element = new XElement(XNamespace.Get(reader.NamespaceURI) + reader.LocalName);
        // Empty elements cost their name, so a record of a million <a/> is as bounded as one of a million characters.
        budget.Spend(reader.LocalName.Length + 2);
        if (reader.MoveToFirstAttribute())
        {
            do
            {
                // Namespace declarations are already part of the element names.
                if (reader.NamespaceURI == XmlnsNamespace)
                {
                    continue;
                }
                var value = reader.Value;
                budget.CheckValue(value.Length, $"attribute {reader.LocalName} of <{element.Name.LocalName}>");
                budget.Spend(value.Length);
                element.SetAttributeValue(XNamespace.Get(reader.NamespaceURI) + reader.LocalName, value);
            }
            while (reader.MoveToNextAttribute());
            reader.MoveToElement();
        }
        return element;
    }

    private static string ReadText(XmlReader reader, char[] buffer, RecordBudget budget, string elementName)
    {
        if (!reader.CanReadValueChunk)
        {
            var value = reader.Value;
            budget.CheckValue(value.Length, $"<{elementName}>");
            budget.Spend(value.Length);
            return value;
        }
        var text = new StringBuilder();
        int read;
        while ((read = reader.ReadValueChunk(buffer, 0, buffer.Length)) > 0)
        {
            text.Append(buffer, 0, read);
            budget.CheckValue(text.Length, $"<{elementName}>");
            budget.Spend(read);
        }
        return text.ToString();
    }

    private static long? LineOf(XmlReader reader) => reader is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : null;

    /// <summary>What one record may still hold: each value up to <see cref="ReadLimits.MaxFieldChars"/>, all of them
    /// together up to <see cref="ReadLimits.MaxRecordChars"/>.</summary>
    private sealed class RecordBudget(ReadLimits limits, string file, XmlReader reader)
    {
        private long _spent;

        public long? Line { get; } = LineOf(reader);

        public void CheckValue(int length, string what)
        {
            if (length > limits.MaxFieldChars)
            {
                throw new InputException(file, LineOf(reader),
                    $"the text of {what} is longer than {limits.MaxFieldChars:N0} characters: refused");
            }
        }

        public void Spend(int chars)
        {
            _spent += chars;
            if (_spent > limits.MaxRecordChars)
            {
                throw new InputException(file, Line, $"record holds more than {limits.MaxRecordChars:N0} characters of text: refused");
            }
        }
    }
}

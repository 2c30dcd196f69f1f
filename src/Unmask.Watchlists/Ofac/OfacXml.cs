using System.Runtime.CompilerServices;
using System.Xml;
using System.Xml.Linq;
using Unmask.Domain;
using Unmask.Watchlists.Io;

namespace Unmask.Watchlists.Ofac;

/// <summary>One record element read from a list file, with the line it starts on.</summary>
internal readonly record struct XmlRecord(XElement Element, long Line);

/// <summary>Streaming helpers shared by the OFAC XML readers: records are read one subtree at a time and matched on
/// local names, because OFAC has changed the default namespace of the same schema over the years.</summary>
internal static class OfacXml
{
    /// <summary>Streams every element whose local name is in <paramref name="records"/>, descending into all other
    /// elements. The root must be <paramref name="root"/>. XML errors become <see cref="InputException"/>s.</summary>
    public static async IAsyncEnumerable<XmlRecord> ReadRecordsAsync(Stream stream, string file, ReadLimits limits, string root,
        IReadOnlySet<string> records, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = SafeXml.Create(stream, file, limits);
        try
        {
            await reader.MoveToContentAsync();
        }
        catch (XmlException error)
        {
            throw SafeXml.Error(file, error);
        }
        if (reader.NodeType != XmlNodeType.Element || reader.LocalName != root)
        {
            throw new InputException(file, LineOf(reader), $"root element is <{reader.LocalName}>, expected <{root}>");
        }
        while (true)
        {
            XmlRecord? next;
            try
            {
                next = await NextAsync(reader, records, limits, file, cancellationToken);
            }
            catch (XmlException error)
            {
                throw SafeXml.Error(file, error);
            }
            if (next is null)
            {
                yield break;
            }
            yield return next.Value;
        }
    }

    private static async Task<XmlRecord?> NextAsync(XmlReader reader, IReadOnlySet<string> records, ReadLimits limits, string file,
        CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (reader.NodeType == XmlNodeType.Element)
            {
                BoundedXml.CheckDepth(reader, limits, file);
            }
            if (reader.NodeType == XmlNodeType.Element && records.Contains(reader.LocalName))
            {
                var line = LineOf(reader) ?? 0;
                return new XmlRecord(BoundedXml.ReadElement(reader, limits, file), line);
            }
            if (!await reader.ReadAsync())
            {
                return null;
            }
        }
    }

    private static long? LineOf(XmlReader reader) => reader is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : null;

    public static XElement? Child(this XElement element, string localName)
    {
        foreach (var child in element.Elements())
        {
            if (child.Name.LocalName == localName)
            {
                return child;
            }
        }
        return null;
    }

    public static IEnumerable<XElement> Children(this XElement element, string localName) =>
        element.Elements().Where(e => e.Name.LocalName == localName);

    /// <summary>Children of the child list: <c>Items("akaList", "aka")</c>.</summary>
    public static IEnumerable<XElement> Items(this XElement element, string listName, string itemName) =>
        element.Child(listName)?.Children(itemName) ?? [];

    /// <summary>The trimmed text of a child element, or null when it is absent or blank.</summary>
    public static string? Text(this XElement element, string localName)
    {
        var value = element.Child(localName)?.Value.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>Text without the bidirectional controls OFAC wraps around Arabic names (U+202B … U+202C). Joiners (ZWNJ)
    /// are kept: they are part of Persian spelling.</summary>
    public static string WithoutBidiMarks(string text) =>
        text.Any(IsBidiControl) ? new string([.. text.Where(c => !IsBidiControl(c))]) : text;

    private static bool IsBidiControl(char c) => c is '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}

using System.Xml;
using Unmask.Domain;

namespace Unmask.Watchlists.Io;

/// <summary>XML readers with DTD processing prohibited and no resolver, so no entity expansion or external fetch can happen,
/// over a stream that refuses oversized markup (<see cref="XmlMarkupGuardStream"/>).</summary>
public static class SafeXml
{
    public static XmlReader Create(Stream stream, string file, ReadLimits limits) => XmlReader.Create(new XmlMarkupGuardStream(stream, file, limits), new XmlReaderSettings
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        Async = true,
        IgnoreWhitespace = true,
        IgnoreComments = true,
        MaxCharactersFromEntities = 0,
        CloseInput = true,
    });

    /// <summary>Turns a parser error into an <see cref="InputException"/> naming the file and line.</summary>
    public static InputException Error(string file, XmlException error) =>
        new(file, error.LineNumber == 0 ? null : error.LineNumber,
            error.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase)
                ? "XML with a DTD or entity declarations is refused (DTD processing is off for safety)"
                : $"not well-formed XML: {error.Message}", error);
}

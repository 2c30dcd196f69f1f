using System.Globalization;
using System.IO.Packaging;
using System.Runtime.CompilerServices;
using System.Xml;
using System.Xml.Linq;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Unmask.Domain;
using Unmask.Watchlists.Io;

namespace Unmask.Watchlists.Uk;

/// <summary>
/// OFSI's Consolidated List of Financial Sanctions Targets as Excel (<c>ConList.xlsx</c>, the 36-column "2022 format"):
/// one sheet "Data", row 1 <c>Last Updated | DD/MM/YYYY</c>, row 2 the header, then one row per name variant. Every cell is
/// a shared string. The zip is checked first (<see cref="ZipGuard"/>), then the sheet is streamed one cell at a time; only the shared-string table (which an xlsx needs for random access) and the folded targets are held in
/// memory. Rows, cells, columns and shared strings are counted against <see cref="ReadLimits"/>.
/// </summary>
public sealed class UkOfsiXlsxReader : IListReader
{
    public const string DefaultDataset = "gb_hmt_sanctions";

    public ListFormat Format => ListFormat.UkOfsiXlsx;

    /// <summary>
    /// An xlsx workbook (a zip whose first entries are the OOXML content types and <c>xl/</c> parts). The OFSI header is
    /// deflated inside the zip, so the header check happens when reading; no other reader claims xlsx files.
    /// </summary>
    public bool Sniff(ReadOnlySpan<byte> head)
    {
        if (!Sniffing.IsZip(head))
        {
            return false;
        }
        return head.IndexOf("[Content_Types].xml"u8) >= 0 && head.IndexOf("xl/"u8) >= 0;
    }

    public async IAsyncEnumerable<Entity> ReadAsync(ListInput input, ReadContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var dataset = context.DatasetName(DefaultDataset);
        await using var raw = input.Open();
        Stream stream = raw;
        if (!raw.CanSeek)
        {
            // A zip needs random access to its central directory.
            var buffer = new MemoryStream();
            await raw.CopyToAsync(buffer, cancellationToken);
            buffer.Position = 0;
            stream = buffer;
        }
        var targets = new OfsiTargets(dataset, input.Name);
        // Only worksheets and the shared-string table are streamed; the SDK loads every other part whole.
        ZipGuard.Check(stream, input.Name, input.Limits, name => IsStreamedPart(name) ? long.MaxValue : input.Limits.MaxXlsxPartBytes);
        try
        {
            using var document = SpreadsheetDocument.Open(stream, false);
            new SheetReader(input.Name, input.Limits).ReadWorkbook(document, context, dataset, targets, cancellationToken);
        }
        catch (Exception error) when (error is OpenXmlPackageException or InvalidDataException or FileFormatException
                                          or InvalidOperationException or System.Xml.XmlException or FormatException
                                          or IOException or ArgumentException or NotSupportedException or OverflowException
                                          or KeyNotFoundException)
        {
            // The OpenXML SDK reports a malformed package or part (a cell type that is not one of Excel's, a broken
            // relationship...) with a range of exception types; to the user each means the same: not a readable workbook.
            throw new InputException(input.Name, null, $"not a readable xlsx workbook: {error.Message}", error);
        }
        targets.ReportWarnings(context);
        foreach (var entity in targets.Entities)
        {
            yield return entity;
        }
    }

    private static bool IsStreamedPart(string name) =>
        name.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase) || name.Equals("xl/sharedStrings.xml", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the shared strings and the first sheet with a plain <see cref="XmlReader"/> (DTDs refused), one
    /// <c>&lt;si&gt;</c> or <c>&lt;c&gt;</c> element at a time, counting rows, cells and shared strings against
    /// <see cref="ReadLimits"/> as it goes. The SDK only finds the parts: its typed DOM costs far more per cell.</summary>
    private sealed class SheetReader(string file, ReadLimits limits)
    {
        private long _cells;

        public void ReadWorkbook(SpreadsheetDocument document, ReadContext context, string dataset, OfsiTargets targets,
            CancellationToken cancellationToken)
        {
            var workbook = document.WorkbookPart ?? throw new InputException(file, null, "xlsx has no workbook part");
            // A workbook part whose XML has no <workbook> root gives the SDK a null Workbook.
            var sheet = workbook.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault()
                ?? throw new InputException(file, null, "xlsx workbook has no sheet");
            if (sheet.Id?.Value is not { } sheetId || workbook.GetPartById(sheetId) is not WorksheetPart worksheet)
            {
                throw new InputException(file, null, "xlsx first sheet has no worksheet part");
            }
            var strings = ReadSharedStrings(workbook.SharedStringTablePart);

            OfsiLayout? layout = null;
            DateOnly? publishedOn = null;
            void Row(long rowNumber, List<string> cells)
            {
                if (rowNumber == 1)
                {
                    publishedOn = OfsiLayout.PublishedOn(cells, file);
                    return;
                }
                if (cells.All(c => c.Length == 0))
                {
                    return;
                }
                if (layout is null)
                {
                    layout = OfsiLayout.Parse(cells, file, rowNumber);
                    context.Dataset = new Dataset(dataset, "UK OFSI Consolidated List of Financial Sanctions Targets", "HM Treasury OFSI",
                        publishedOn, DatasetKind.Sanctions);
                    return;
                }
                for (var extra = layout.FieldCount; extra < cells.Count; extra++)
                {
                    if (cells[extra].Trim().Length > 0)
                    {
                        throw new InputException(file, rowNumber,
                            $"row has a value in column {extra + 1}, beyond the {layout.FieldCount} header columns");
                    }
                }
                targets.Add(layout, cells, rowNumber);
            }

            using var reader = SafeXml.Create(worksheet.GetStream(FileMode.Open, FileAccess.Read), file, limits);
            long rowNumber = 0;
            long rows = 0;
            List<string>? cells = null;
            var more = reader.Read();
            while (more)
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    more = reader.Read();
                    continue;
                }
                BoundedXml.CheckDepth(reader, limits, file);
                if (reader.LocalName == "c" && cells is not null)
                {
                    // Reading the cell leaves the reader on the node after it, which may be the next cell.
                    AddCell(BoundedXml.ReadElement(reader, limits, file), cells, strings, rowNumber);
                    more = !reader.EOF;
                    continue;
                }
                if (reader.LocalName == "row")
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    // A row ends where the next begins (or the sheet ends).
                    if (cells is not null)
                    {
                        Row(rowNumber, cells);
                    }
                    rowNumber = RowNumber(reader.GetAttribute("r"), rowNumber);
                    if (++rows > limits.MaxSheetRows)
                    {
                        throw new InputException(file, rowNumber, $"sheet has more than {limits.MaxSheetRows:N0} rows: refused");
                    }
                    cells = new List<string>(36);
                }
                more = reader.Read();
            }
            if (cells is not null)
            {
                Row(rowNumber, cells);
            }
            if (layout is null)
            {
                throw new InputException(file, null, "xlsx sheet has no header row: not an OFSI consolidated list");
            }
        }

        /// <summary>The row's <c>r</c> attribute, else the row after the previous one; beyond Excel's last row is refused.</summary>
        private long RowNumber(string? text, long previous)
        {
            if (text is null)
            {
                return previous + 1;
            }
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || number > limits.MaxSheetRows)
            {
                throw new InputException(file, previous + 1, $"row number '{Shorten(text)}' is not between 1 and {limits.MaxSheetRows:N0}");
            }
            return number;
        }

        private List<string> ReadSharedStrings(SharedStringTablePart? part)
        {
            var strings = new List<string>();
            if (part is null)
            {
                return strings;
            }
            using var reader = SafeXml.Create(part.GetStream(FileMode.Open, FileAccess.Read), file, limits);
            var more = reader.Read();
            while (more)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "si")
                {
                    if (strings.Count >= limits.MaxSharedStrings)
                    {
                        throw new InputException(file, null, $"xlsx shared-string table has more than {limits.MaxSharedStrings:N0} entries: refused");
                    }
                    strings.Add(RichText(BoundedXml.ReadElement(reader, limits, file)));
                    more = !reader.EOF;
                    continue;
                }
                if (reader.NodeType == XmlNodeType.Element)
                {
                    BoundedXml.CheckDepth(reader, limits, file);
                }
                more = reader.Read();
            }
            return strings;
        }

        private void AddCell(XElement cell, List<string> cells, List<string> strings, long rowNumber)
        {
            var reference = cell.Attribute("r")?.Value;
            var column = reference is null ? cells.Count : ColumnIndex(reference, rowNumber);
            if (column >= limits.MaxSheetColumns)
            {
                throw new InputException(file, rowNumber, $"cell {Shorten(reference ?? "")} is beyond column {limits.MaxSheetColumns:N0}");
            }
            // Cells left out before this one count as empty cells: a reference far to the right costs every cell before it.
            _cells += Math.Max(1, column + 1 - cells.Count);
            if (_cells > limits.MaxSheetCells)
            {
                throw new InputException(file, rowNumber, $"sheet has more than {limits.MaxSheetCells:N0} cells: refused");
            }
            while (cells.Count < column)
            {
                cells.Add("");
            }
            var raw = Child(cell, "v")?.Value ?? "";
            var value = (cell.Attribute("t")?.Value ?? "n") switch
            {
                "s" => int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < strings.Count
                    ? strings[index]
                    : throw new InputException(file, rowNumber, $"cell {Shorten(reference ?? "")} points to shared string '{Shorten(raw)}', which does not exist"),
                "inlineStr" => Child(cell, "is") is { } inline ? RichText(inline) : "",
                "n" or "b" or "e" or "str" or "d" => raw,
                var type => throw new InputException(file, rowNumber,
                    $"cell {Shorten(reference ?? "")} has type '{Shorten(type)}', which is not one of Excel's (s, inlineStr, str, n, b, e, d)"),
            };
            if (column < cells.Count)
            {
                cells[column] = value;
            }
            else
            {
                cells.Add(value);
            }
        }

        /// <summary>The text of a shared or inline string: plain <c>&lt;t&gt;</c>, or rich-text runs <c>&lt;r&gt;&lt;t&gt;</c>;
        /// phonetic hints (<c>&lt;rPh&gt;</c>) are not part of the value.</summary>
        private static string RichText(XElement item) =>
            string.Concat(item.Descendants()
                .Where(e => e.Name.LocalName == "t" && !e.Ancestors().TakeWhile(a => a != item).Any(a => a.Name.LocalName == "rPh"))
                .Select(e => e.Value));

        private static XElement? Child(XElement element, string localName) =>
            element.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

        /// <summary>Zero-based column of a cell reference: "A7" → 0, "AJ2" → 35; past the column limit it stops counting.</summary>
        private int ColumnIndex(string reference, long rowNumber)
        {
            long column = 0;
            foreach (var c in reference)
            {
                if (!char.IsAsciiLetter(c))
                {
                    break;
                }
                column = column * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
                if (column > limits.MaxSheetColumns)
                {
                    throw new InputException(file, rowNumber, $"cell {Shorten(reference)} is beyond column {limits.MaxSheetColumns:N0} (Excel's last is XFD)");
                }
            }
            if (column == 0)
            {
                throw new InputException(file, rowNumber, $"cell reference '{Shorten(reference)}' has no column letters");
            }
            return (int)column - 1;
        }

        private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "...";
    }
}

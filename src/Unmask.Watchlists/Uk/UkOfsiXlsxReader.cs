using System.Globalization;
using System.IO.Packaging;
using System.Runtime.CompilerServices;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Unmask.Domain;
using Unmask.Watchlists.Io;

namespace Unmask.Watchlists.Uk;

/// <summary>
/// OFSI's Consolidated List of Financial Sanctions Targets as Excel (<c>ConList.xlsx</c>, the 36-column "2022 format"):
/// one sheet "Data", row 1 <c>Last Updated | DD/MM/YYYY</c>, row 2 the header, then one row per name variant. Every cell is
/// a shared string. The sheet is read with the OpenXML SAX reader one row at a time; only the shared-string table (which
/// an xlsx needs for random access) and the folded targets are held in memory.
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
        try
        {
            using var document = SpreadsheetDocument.Open(stream, false);
            ReadWorkbook(document, input.Name, context, dataset, targets, cancellationToken);
        }
        catch (Exception error) when (error is OpenXmlPackageException or InvalidDataException or FileFormatException
                                          or InvalidOperationException or System.Xml.XmlException)
        {
            throw new InputException(input.Name, null, $"not a readable xlsx workbook: {error.Message}", error);
        }
        targets.ReportWarnings(context);
        foreach (var entity in targets.Entities)
        {
            yield return entity;
        }
    }

    private static void ReadWorkbook(SpreadsheetDocument document, string file, ReadContext context, string dataset,
        OfsiTargets targets, CancellationToken cancellationToken)
    {
        var workbook = document.WorkbookPart ?? throw new InputException(file, null, "xlsx has no workbook part");
        var sheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault()
            ?? throw new InputException(file, null, "xlsx workbook has no sheet");
        if (sheet.Id?.Value is not { } sheetId || workbook.GetPartById(sheetId) is not WorksheetPart worksheet)
        {
            throw new InputException(file, null, "xlsx first sheet has no worksheet part");
        }
        var strings = ReadSharedStrings(workbook.SharedStringTablePart);

        OfsiLayout? layout = null;
        DateOnly? publishedOn = null;
        using var reader = OpenXmlReader.Create(worksheet);
        long rowNumber = 0;
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
            {
                continue;
            }
            cancellationToken.ThrowIfCancellationRequested();
            var row = (Row)reader.LoadCurrentElement()!;
            rowNumber = row.RowIndex?.Value ?? rowNumber + 1;
            var cells = Cells(row, strings, file, rowNumber);
            if (rowNumber == 1)
            {
                publishedOn = OfsiLayout.PublishedOn(cells, file);
                continue;
            }
            if (layout is null)
            {
                if (cells.All(c => c.Length == 0))
                {
                    continue;
                }
                layout = OfsiLayout.Parse(cells, file, rowNumber);
                context.Dataset = new Dataset(dataset, "UK OFSI Consolidated List of Financial Sanctions Targets", "HM Treasury OFSI",
                    publishedOn, DatasetKind.Sanctions);
                continue;
            }
            if (cells.All(c => c.Length == 0))
            {
                continue;
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
        if (layout is null)
        {
            throw new InputException(file, null, "xlsx sheet has no header row: not an OFSI consolidated list");
        }
    }

    private static List<string> ReadSharedStrings(SharedStringTablePart? part)
    {
        var strings = new List<string>();
        if (part is null)
        {
            return strings;
        }
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
            {
                var item = (SharedStringItem)reader.LoadCurrentElement()!;
                // Plain <t>, or rich-text runs <r><t>; phonetic hints (<rPh>) are not part of the value.
                strings.Add(item.Text?.Text ?? string.Concat(item.Elements<Run>().Select(r => r.Text?.Text)));
            }
        }
        return strings;
    }

    private static List<string> Cells(Row row, List<string> strings, string file, long rowNumber)
    {
        var cells = new List<string>(36);
        foreach (var cell in row.Elements<Cell>())
        {
            var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : cells.Count;
            while (cells.Count < column)
            {
                cells.Add("");
            }
            var value = cell.CellValue?.Text ?? "";
            if (cell.DataType?.Value == CellValues.SharedString)
            {
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= strings.Count)
                {
                    throw new InputException(file, rowNumber, $"cell {cell.CellReference} points to shared string '{value}', which does not exist");
                }
                value = strings[index];
            }
            else if (cell.DataType?.Value == CellValues.InlineString)
            {
                value = cell.InlineString?.Text?.Text ?? cell.InlineString?.InnerText ?? "";
            }
            if (column < cells.Count)
            {
                cells[column] = value;
            }
            else
            {
                cells.Add(value);
            }
        }
        return cells;
    }

    /// <summary>Zero-based column of a cell reference: "A7" → 0, "AJ2" → 35.</summary>
    private static int ColumnIndex(string reference)
    {
        var column = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c))
            {
                break;
            }
            column = column * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        }
        return column - 1;
    }
}

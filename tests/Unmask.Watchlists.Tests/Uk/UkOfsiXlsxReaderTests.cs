using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.VisualBasic.FileIO;
using Unmask.TestKit;
using Unmask.Watchlists.Tests.Un;
using Unmask.Watchlists.Uk;

namespace Unmask.Watchlists.Tests.Uk;

/// <summary>
/// The xlsx fixture is written at test time from the fictional 2022-format CSV fixture, the way OFSI's generator writes
/// ConList.xlsx: one sheet "Data", every cell a shared string, empty cells omitted.
/// </summary>
public sealed class UkOfsiXlsxReaderTests
{
    private readonly UkOfsiXlsxReader _reader = new();

    [Fact]
    public async Task Reads_the_same_targets_as_the_2022_csv()
    {
        using var folder = new TempFolder();
        var path = WriteWorkbook(folder.File("ConList.xlsx"), ReadCsv(UkOfsiCsvReaderTests.NewLayout));

        var (entities, context) = await ListReading.ReadFileAsync(_reader, path);

        UkOfsiCsvReaderTests.AssertNewLayout(entities);
        context.Dataset!.Name.ShouldBe("gb_hmt_sanctions");
        context.Dataset.PublishedOn.ShouldBe(new DateOnly(2030, 6, 1));
    }

    [Fact]
    public async Task Bad_workbooks_are_bad_input()
    {
        using var folder = new TempFolder();
        var rows = ReadCsv(UkOfsiCsvReaderTests.NewLayout);
        rows[3][32] = "31/02/2029"; // Listed On of the third data row
        var error = await Should.ThrowAsync<Unmask.Domain.InputException>(() =>
            ListReading.ReadFileAsync(_reader, WriteWorkbook(folder.File("bad.xlsx"), rows)));
        error.Line.ShouldBe(4);
        error.Reason.ShouldContain("'Listed On'");

        var noHeader = WriteWorkbook(folder.File("other.xlsx"), [["Last Updated", "01/01/2030"], ["Surname", "Given"], ["X", "Y"]]);
        (await Should.ThrowAsync<Unmask.Domain.InputException>(() => ListReading.ReadFileAsync(_reader, noHeader))).Reason.ShouldContain("'Name 6'");

        var bytes = File.ReadAllBytes(WriteWorkbook(folder.File("cut.xlsx"), rows));
        await Should.ThrowAsync<Unmask.Domain.InputException>(() => ListReading.ReadBytesAsync(_reader, "cut.xlsx", bytes[..(bytes.Length / 2)]));
    }

    [Fact]
    public void Sniff_accepts_xlsx_workbooks_and_rejects_other_files()
    {
        using var folder = new TempFolder();
        ListReading.Sniffs(_reader, WriteWorkbook(folder.File("ConList.xlsx"), ReadCsv(UkOfsiCsvReaderTests.NewLayout))).ShouldBeTrue();
        ListReading.Sniffs(_reader, SharedData.Path("sanctions/uk/ofsi_2025-04-14/ConList.xlsx")).ShouldBeTrue();
        ListReading.Sniffs(_reader, UkOfsiCsvReaderTests.NewLayout).ShouldBeFalse();
        ListReading.SniffsText(_reader, "<Designations/>").ShouldBeFalse();
        ListReading.Sniffs(_reader, [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00]).ShouldBeFalse(); // a zip that is not a workbook
    }

    private static List<string[]> ReadCsv(string path)
    {
        using var parser = new TextFieldParser(path) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = false };
        parser.SetDelimiters(",");
        var rows = new List<string[]>();
        while (!parser.EndOfData)
        {
            rows.Add(parser.ReadFields()!);
        }
        return rows;
    }

    private static string WriteWorkbook(string path, List<string[]> rows)
    {
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        var strings = workbook.AddNewPart<SharedStringTablePart>();
        strings.SharedStringTable = new SharedStringTable();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var sheetData = new SheetData();
        for (var r = 0; r < rows.Count; r++)
        {
            var row = new Row { RowIndex = (uint)(r + 1) };
            for (var c = 0; c < rows[r].Length; c++)
            {
                var value = rows[r][c];
                if (value.Length == 0)
                {
                    continue;
                }
                if (!index.TryGetValue(value, out var i))
                {
                    i = index.Count;
                    index[value] = i;
                    strings.SharedStringTable.AppendChild(new SharedStringItem(new Text(value)));
                }
                row.AppendChild(new Cell { CellReference = Column(c) + (r + 1), DataType = CellValues.SharedString, CellValue = new CellValue(i.ToString(System.Globalization.CultureInfo.InvariantCulture)) });
            }
            sheetData.AppendChild(row);
        }
        var sheet = workbook.AddNewPart<WorksheetPart>();
        sheet.Worksheet = new Worksheet(sheetData);
        workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "Data" }));
        return path;
    }

    private static string Column(int index) => index < 26 ? ((char)('A' + index)).ToString() : "A" + (char)('A' + index - 26);
}

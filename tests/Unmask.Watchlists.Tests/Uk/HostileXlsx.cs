using System.IO.Compression;
using System.Text;

namespace Unmask.Watchlists.Tests.Uk;

/// <summary>Writes minimal xlsx workbooks by hand (one sheet, a shared-string table), so that tests can make the parts
/// as hostile as they like: huge, repetitive, badly typed, or with extra entries.</summary>
internal static class HostileXlsx
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string OfficeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>A workbook whose sheet holds <paramref name="rows"/> (the XML inside &lt;sheetData&gt;).</summary>
    public static byte[] WithRows(string rows, string sharedStrings = "") =>
        Workbook(sheet => Write(sheet, $"<worksheet xmlns=\"{Main}\"><sheetData>{rows}</sheetData></worksheet>"),
            strings => Write(strings, $"<sst xmlns=\"{Main}\">{sharedStrings}</sst>"));

    /// <summary>A workbook whose sheet is <paramref name="repeat"/> rows written by <paramref name="row"/> (row numbers from 1).</summary>
    public static byte[] WithManyRows(long repeat, Func<long, string> row) =>
        Workbook(sheet =>
        {
            Write(sheet, $"<worksheet xmlns=\"{Main}\"><sheetData>");
            for (var i = 1L; i <= repeat; i++)
            {
                Write(sheet, row(i));
            }
            Write(sheet, "</sheetData></worksheet>");
        }, strings => Write(strings, $"<sst xmlns=\"{Main}\"/>"));

    /// <summary>A workbook whose shared-string table holds <paramref name="repeat"/> copies of one string.</summary>
    public static byte[] WithManySharedStrings(long repeat) =>
        Workbook(sheet => Write(sheet, $"<worksheet xmlns=\"{Main}\"><sheetData/></worksheet>"), strings =>
        {
            Write(strings, $"<sst xmlns=\"{Main}\">");
            for (var i = 0L; i < repeat; i++)
            {
                Write(strings, "<si><t>KIM</t></si>");
            }
            Write(strings, "</sst>");
        });

    public static byte[] Workbook(Action<Stream> sheet, Action<Stream> sharedStrings, params (string Name, byte[] Content)[] extra)
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Entry(zip, "[Content_Types].xml", s => Write(s,
                "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
                + "</Types>"));
            Entry(zip, "_rels/.rels", s => Write(s,
                $"<Relationships xmlns=\"{Relationships}\"><Relationship Id=\"rId1\" Type=\"{OfficeRelationships}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"));
            Entry(zip, "xl/workbook.xml", s => Write(s,
                $"<workbook xmlns=\"{Main}\" xmlns:r=\"{OfficeRelationships}\"><sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"));
            Entry(zip, "xl/_rels/workbook.xml.rels", s => Write(s,
                $"<Relationships xmlns=\"{Relationships}\">"
                + $"<Relationship Id=\"rId1\" Type=\"{OfficeRelationships}/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                + $"<Relationship Id=\"rId2\" Type=\"{OfficeRelationships}/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"));
            Entry(zip, "xl/worksheets/sheet1.xml", sheet);
            Entry(zip, "xl/sharedStrings.xml", sharedStrings);
            foreach (var (name, content) in extra)
            {
                Entry(zip, name, s => s.Write(content));
            }
        }
        return buffer.ToArray();
    }

    /// <summary>An inline-string cell.</summary>
    public static string Cell(string reference, string text) => $"<c r=\"{reference}\" t=\"inlineStr\"><is><t>{text}</t></is></c>";

    private static void Entry(ZipArchive zip, string name, Action<Stream> write)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        write(stream);
    }

    private static void Write(Stream stream, string text) => stream.Write(Encoding.UTF8.GetBytes(text));
}

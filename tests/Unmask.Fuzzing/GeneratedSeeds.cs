using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using nietras.SeparatedValues;
using SkiaSharp;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;
using Word = DocumentFormat.OpenXml.Wordprocessing;

namespace Unmask.Fuzzing;

/// <summary>
/// Writes the binary seeds of the corpus (xlsx, docx, pdf, photos, WARC) from our own fictional text; the text seeds are
/// copies of our fixtures. Run once with <c>bench fuzz-corpus</c>; the files are kept in the repository.
/// </summary>
public static class GeneratedSeeds
{
    private const string Resume = "Jordan Avery\nSenior Full Stack Engineer\nHarborpoint Software 2019-2025\nReact, Node.js, PostgreSQL\n";

    public static void WriteAll(string corpusRoot)
    {
        Write(corpusRoot, "uk-ofsi-xlsx", "conlist.xlsx", Workbook(Path.Combine(corpusRoot, "uk-ofsi-csv", "ConList_fictional.csv")));
        Write(corpusRoot, "resume-docx", "resume.docx", Docx(Resume.Split('\n')));
        Write(corpusRoot, "resume-pdf", "resume.pdf", Pdf(Resume.Split('\n')));
        Write(corpusRoot, "photo", "gradient.png", Image(SKEncodedImageFormat.Png));
        Write(corpusRoot, "photo", "gradient.jpg", Image(SKEncodedImageFormat.Jpeg));
        var warc = Warc(Path.Combine(corpusRoot, "site-html"));
        Write(corpusRoot, "site-warc", "site.warc", warc);
        Write(corpusRoot, "site-warc", "site.warc.gz", Gzip(warc));
    }

    private static void Write(string root, string target, string fileName, byte[] bytes)
    {
        Directory.CreateDirectory(Path.Combine(root, target));
        File.WriteAllBytes(Path.Combine(root, target, fileName), bytes);
    }

    /// <summary>The OFSI consolidated list as the xlsx OFSI publishes: one sheet, shared strings, the CSV's rows.</summary>
    private static byte[] Workbook(string csvPath)
    {
        var rows = new List<string[]>();
        using (var reader = Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true, HasHeader = false }).FromFile(csvPath))
        {
            foreach (var row in reader)
            {
                var cells = new string[row.ColCount];
                for (var c = 0; c < cells.Length; c++)
                {
                    cells[c] = row[c].ToString();
                }
                rows.Add(cells);
            }
        }
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
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
                    if (rows[r][c].Length == 0)
                    {
                        continue;
                    }
                    if (!index.TryGetValue(rows[r][c], out var i))
                    {
                        i = index.Count;
                        index[rows[r][c]] = i;
                        strings.SharedStringTable.AppendChild(new SharedStringItem(new Text(rows[r][c])));
                    }
                    row.AppendChild(new Cell
                    {
                        CellReference = ColumnName(c) + (r + 1).ToString(CultureInfo.InvariantCulture),
                        DataType = CellValues.SharedString,
                        CellValue = new CellValue(i.ToString(CultureInfo.InvariantCulture)),
                    });
                }
                sheetData.AppendChild(row);
            }
            var sheet = workbook.AddNewPart<WorksheetPart>();
            sheet.Worksheet = new Worksheet(sheetData);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "Data" }));
        }
        return stream.ToArray();
    }

    private static string ColumnName(int index) => index < 26 ? ((char)('A' + index)).ToString() : "A" + (char)('A' + index - 26);

    private static byte[] Docx(IEnumerable<string> paragraphs)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Word.Document(new Word.Body(paragraphs.Select(p => (OpenXmlElement)new Word.Paragraph(new Word.Run(new Word.Text(p))))));
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static byte[] Pdf(IEnumerable<string> lines)
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(PageSize.A4);
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var y = 780.0;
        foreach (var line in lines)
        {
            page.AddText(line, 10, new PdfPoint(40, y), font);
            y -= 14;
        }
        return builder.Build();
    }

    private static byte[] Image(SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(24, 16);
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)(x * 10), (byte)(y * 15), (byte)((x + y) * 5)));
            }
        }
        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>A WARC of the seed pages as HTTP responses, the shape wget and webrecorder write.</summary>
    private static byte[] Warc(string pagesFolder)
    {
        using var stream = new MemoryStream();
        foreach (var (file, i) in Directory.EnumerateFiles(pagesFolder).Order(StringComparer.Ordinal).Take(2).Select((f, i) => (f, i)))
        {
            var http = Encoding.UTF8.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{File.ReadAllText(file)}");
            var header = Encoding.UTF8.GetBytes($"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://harborpoint.example/page{i}.html\r\n" +
                $"Content-Type: application/http;msgtype=response\r\nContent-Length: {http.Length}\r\n\r\n");
            stream.Write(header);
            stream.Write(http);
            stream.Write("\r\n\r\n"u8);
        }
        return stream.ToArray();
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(bytes);
        }
        return output.ToArray();
    }
}

using System.IO.Compression;
using System.Text;
using System.Xml;
using Microsoft.VisualBasic.FileIO;

namespace Unmask.Watchlists.Tests.Uk;

/// <summary>
/// An independent, deliberately simple parse of the real OFSI files for count checks: TextFieldParser for the CSVs,
/// ZipArchive + XmlReader for the xlsx. Returns the header (row 2) and the data rows as dictionaries.
/// </summary>
internal static class UkRawRows
{
    public static List<Dictionary<string, string>> Csv(string path)
    {
        var rows = new List<string[]>();
        using var parser = new TextFieldParser(path, CodePagesEncodingProvider.Instance.GetEncoding(1252)!)
        {
            TextFieldType = FieldType.Delimited,
            HasFieldsEnclosedInQuotes = true,
            TrimWhiteSpace = false,
        };
        parser.SetDelimiters(",");
        while (!parser.EndOfData)
        {
            rows.Add(parser.ReadFields()!);
        }
        return ToDictionaries(rows);
    }

    public static List<Dictionary<string, string>> Xlsx(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var strings = new List<string>();
        using (var reader = XmlReader.Create(zip.GetEntry("xl/sharedStrings.xml")!.Open()))
        {
            while (reader.ReadToFollowing("si"))
            {
                using var item = reader.ReadSubtree();
                var text = new StringBuilder();
                while (item.Read())
                {
                    if (item.NodeType == XmlNodeType.Element && item.LocalName == "t")
                    {
                        text.Append(item.ReadElementContentAsString());
                    }
                }
                strings.Add(text.ToString());
            }
        }
        var rows = new List<string[]>();
        using (var reader = XmlReader.Create(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open()))
        {
            while (reader.ReadToFollowing("row"))
            {
                var cells = new SortedDictionary<int, string>();
                using var row = reader.ReadSubtree();
                while (row.ReadToFollowing("c"))
                {
                    var reference = row.GetAttribute("r")!;
                    var type = row.GetAttribute("t");
                    var column = reference.TakeWhile(char.IsLetter).Aggregate(0, (n, c) => n * 26 + c - 'A' + 1) - 1;
                    using var cell = row.ReadSubtree();
                    var value = cell.ReadToFollowing("v") ? cell.ReadElementContentAsString() : "";
                    cells[column] = type == "s" ? strings[int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)] : value;
                }
                var width = cells.Count == 0 ? 0 : cells.Keys.Max() + 1;
                rows.Add(Enumerable.Range(0, width).Select(i => cells.GetValueOrDefault(i, "")).ToArray());
            }
        }
        return ToDictionaries(rows);
    }

    private static List<Dictionary<string, string>> ToDictionaries(List<string[]> rows)
    {
        var header = rows[1];
        return rows.Skip(2)
            .Select(r => header.Select((h, i) => (h, v: i < r.Length ? r[i] : "")).Where(x => x.h.Length > 0)
                .ToDictionary(x => x.h, x => x.v))
            .ToList();
    }

    /// <summary>Distinct names per Group ID (given names then Name 6, plus the non-Latin name), summed over groups.</summary>
    public static int NameCount(List<Dictionary<string, string>> rows) =>
        rows.GroupBy(r => r["Group ID"]).Sum(group => group
            .SelectMany(r => new[]
            {
                string.Join(' ', new[] { "Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6" }
                    .Select(c => Norm(r[c])).Where(p => p.Length > 0)),
                Norm(r.GetValueOrDefault("Name Non-Latin Script")),
            })
            .Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).Count());

    public static string Norm(string? text) =>
        string.Join(' ', (text ?? "").Normalize(NormalizationForm.FormC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

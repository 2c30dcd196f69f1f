using Unmask.Domain;

namespace Unmask.Watchlists.Uk;

/// <summary>
/// Column positions of an OFSI consolidated list, taken from its header row (line/row 2). Two layouts exist:
/// the 29-column CSV of 2014–2022 (<c>Passport Details</c>, <c>NI Number</c>) and the 36-column "2022 format" of
/// ConList.csv/ConList.xlsx (adds non-Latin names, <c>Passport Number</c>, <c>National Identification Number</c>,
/// <c>Alias Quality</c>, <c>UK Sanctions List Date Designated</c>).
/// </summary>
internal sealed class OfsiLayout
{
    private static readonly string[] Required = ["Name 6", "Group Type", "Alias Type", "Regime", "Group ID"];

    private readonly Dictionary<string, int> _index;

    private OfsiLayout(Dictionary<string, int> index, int fieldCount)
    {
        _index = index;
        FieldCount = fieldCount;
    }

    public int FieldCount { get; }

    /// <summary>True for the 36-column 2022 format, which carries passport and ID numbers in their own columns.</summary>
    public bool HasSeparateNumbers => _index.ContainsKey("Passport Number");

    public static OfsiLayout Parse(IReadOnlyList<string> header, string file, long line)
    {
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            if (name.Length > 0)
            {
                index.TryAdd(name, i);
            }
        }
        var missing = Required.Where(r => !index.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            throw new InputException(file, line,
                $"header row lacks column(s) {string.Join(", ", missing.Select(m => $"'{m}'"))}: not an OFSI consolidated list");
        }
        var last = header.Count;
        while (last > 0 && header[last - 1].Trim().Length == 0)
        {
            last--;
        }
        return new OfsiLayout(index, last);
    }

    /// <summary>The trimmed cell of a column, or "" when the layout has no such column or the row is short.</summary>
    public string Get(IReadOnlyList<string> row, string column) =>
        _index.TryGetValue(column, out var i) && i < row.Count ? row[i].Trim() : "";

    /// <summary>Line 1 is <c>Last Updated,DD/MM/YYYY</c>; returns the date or null when line 1 is something else.</summary>
    public static DateOnly? PublishedOn(IReadOnlyList<string> firstRow, string file)
    {
        if (firstRow.Count < 2 || !firstRow[0].Trim().Equals("Last Updated", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var date = OfsiTargets.ParseDate(firstRow[1], "Last Updated (line 1)", file, 1);
        return date.Precision == DatePrecision.Day ? new DateOnly(date.Year, date.Month!.Value, date.Day!.Value) : null;
    }
}

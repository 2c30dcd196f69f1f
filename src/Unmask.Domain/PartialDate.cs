using System.Globalization;

namespace Unmask.Domain;

public enum DatePrecision
{
    Year,
    Month,
    Day,
}

/// <summary>A date known to a year, a month or a day, written as FtM writes it: <c>1984</c>, <c>1984-01</c>, <c>1984-01-08</c>.</summary>
public readonly record struct PartialDate(int Year, int? Month, int? Day)
{
    private static readonly string[] MonthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public DatePrecision Precision => Day is not null ? DatePrecision.Day : Month is not null ? DatePrecision.Month : DatePrecision.Year;

    public override string ToString() => Precision switch
    {
        DatePrecision.Day => $"{Year:D4}-{Month:D2}-{Day:D2}",
        DatePrecision.Month => $"{Year:D4}-{Month:D2}",
        _ => $"{Year:D4}",
    };

    /// <summary>Builds a date, refusing impossible ones (month 13, 31 Feb, year outside 1000-2999).</summary>
    public static bool TryCreate(int year, int? month, int? day, out PartialDate date)
    {
        date = default;
        if (year is < 1000 or > 2999 || month is < 1 or > 12 || (day is not null && month is null))
        {
            return false;
        }
        if (day is not null && (day < 1 || day > DateTime.DaysInMonth(year, month!.Value)))
        {
            return false;
        }
        date = new PartialDate(year, month, day);
        return true;
    }

    /// <summary>ISO forms: <c>YYYY</c>, <c>YYYY-MM</c>, <c>YYYY-MM-DD</c>, optionally followed by a time (<c>T…</c>).</summary>
    public static bool TryParseIso(string? text, out PartialDate date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var value = text.Trim();
        var t = value.IndexOf('T', StringComparison.Ordinal);
        if (t > 0)
        {
            value = value[..t];
        }
        var parts = value.Split('-');
        // Month and day are one or two digits: a longer run (a fuzzed "1984-0000000000001") is no date, and would overflow.
        if (parts.Length is < 1 or > 3 || parts[0].Length != 4 || parts.Skip(1).Any(p => p.Length > 2) || !AllDigits(parts))
        {
            return false;
        }
        var year = int.Parse(parts[0], CultureInfo.InvariantCulture);
        int? month = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : null;
        int? day = parts.Length > 2 ? int.Parse(parts[2], CultureInfo.InvariantCulture) : null;
        return TryCreate(year, month, day, out date);
    }

    /// <summary>Forms lists write in prose: <c>25 Apr 1965</c>, <c>Apr 1965</c>, <c>1965</c>, <c>25 April 1965</c>.</summary>
    public static bool TryParseText(string? text, out PartialDate date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        if (TryParseIso(text, out date))
        {
            return true;
        }
        var parts = text.Trim().TrimEnd('.').Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        int? day = null;
        int? month = null;
        int year;
        switch (parts.Length)
        {
            case 3 when int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var d)
                        && TryMonth(parts[1], out var m3) && TryYear(parts[2], out year):
                day = d;
                month = m3;
                break;
            case 2 when TryMonth(parts[0], out var m2) && TryYear(parts[1], out year):
                month = m2;
                break;
            case 1 when TryYear(parts[0], out year):
                break;
            default:
                return false;
        }
        return TryCreate(year, month, day, out date);
    }

    /// <summary>Day-first numeric dates (UK lists): <c>25/04/1965</c>; zeros mark unknown parts (<c>00/00/1980</c> = 1980).</summary>
    public static bool TryParseDayFirst(string? text, out PartialDate date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var parts = text.Trim().Split('/', '.', '-');
        if (parts.Length != 3 || !AllDigits(parts) || parts[2].Length != 4 || parts[0].Length > 2 || parts[1].Length > 2)
        {
            return false;
        }
        var day = int.Parse(parts[0], CultureInfo.InvariantCulture);
        var month = int.Parse(parts[1], CultureInfo.InvariantCulture);
        var year = int.Parse(parts[2], CultureInfo.InvariantCulture);
        if (month == 0)
        {
            return day == 0 && TryCreate(year, null, null, out date);
        }
        return TryCreate(year, month, day == 0 ? null : day, out date);
    }

    /// <summary>Whether two partial dates can be the same day (1984 is compatible with 1984-01-08).</summary>
    public bool IsCompatibleWith(PartialDate other) =>
        Year == other.Year
        && (Month is null || other.Month is null || Month == other.Month)
        && (Day is null || other.Day is null || Day == other.Day);

    private static bool TryMonth(string text, out int month)
    {
        month = 0;
        if (text.Length < 3)
        {
            return false;
        }
        var index = Array.IndexOf(MonthNames, text[..3].ToLowerInvariant());
        month = index + 1;
        return index >= 0;
    }

    private static bool TryYear(string text, out int year) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out year) && text.Length == 4;

    private static bool AllDigits(string[] parts) => parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit));
}

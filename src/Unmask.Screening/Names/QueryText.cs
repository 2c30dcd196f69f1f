using System.Text.RegularExpressions;
using Unmask.Domain;

namespace Unmask.Screening.Names;

/// <summary>The names and birth dates in a query name as analysts and OSINT notes write it.</summary>
public sealed record QueryReading(IReadOnlyList<string> Names, IReadOnlyList<PartialDate> BirthDates);

/// <summary>
/// Reads a query "name" the way notes and HR exports write one: <c>Kim Jong-un (김정은)</c>, <c>PAK Hwa-song a.k.a. Pak Hwa
/// Song</c>, <c>Mr. Kim Jong Un, DOB 08 Jan 1984</c>, <c>KIM Jong Un [DPRK2]</c>. Bracketed tags are dropped, a birth date
/// after DOB / born / b. is taken as a birth date and the rest of the note after it ignored, and the name is also read as
/// each of its parts: the text outside parentheses, each parenthesised part, and each alias after a.k.a. / aka / f.k.a. /
/// alias / ";". The whole name is kept as one of the readings, so nothing that matched before is lost.
/// </summary>
public static partial class QueryText
{
    /// <summary>Most readings taken from one name (the whole, the outside of parentheses, the parts).</summary>
    public const int MaxReadings = 6;

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Tags();

    // Where the name ends and notes about the person begin: the date keywords, place of birth, nationality, passport.
    [GeneratedRegex(@"(?:^|[\s,;(])(?:d\.?\s?o\.?\s?b\.?|date of birth|born|b\.|p\.?o\.?b\.?|place of birth|nationality|citizenship|passport|national id)(?!\p{L})\s*:?\s*", RegexOptions.IgnoreCase)]
    private static partial Regex NoteStart();

    [GeneratedRegex(@"\s*(?:\b(?:a\.?\s?k\.?\s?a\.?|f\.?\s?k\.?\s?a\.?|alias|also known as|formerly known as|known as)(?=[\s.:,]|$)[\s.:,]*|;|(?:^|\s)[a-h]\)\s)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex AliasMarker();

    [GeneratedRegex(@"\(([^()]*)\)")]
    private static partial Regex Parenthesised();

    public static QueryReading Read(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return new QueryReading([raw ?? ""], []);
        }
        var text = Tags().Replace(raw, " ");
        var dates = new List<PartialDate>();
        foreach (Match note in NoteStart().Matches(text))
        {
            if (note.Index == 0)
            {
                continue;
            }
            var date = ReadDate(text[(note.Index + note.Length)..]);
            var keyword = note.Value.Trim(' ', ',', ';', '(', ':').ToLowerInvariant();
            if (date is null && keyword is "born" or "b.")
            {
                continue; // "Max Born", "John B. Smith": not a note unless a date follows
            }
            if (date is { } found)
            {
                dates.Add(found);
            }
            text = text[..note.Index];
            break;
        }
        return new QueryReading(Split(text, raw, MaxReadings), dates);
    }

    /// <summary>The names one list value holds: itself, and its parts when it packs several ("A; B; C", "a) A b) B",
    /// "NAME (ACRONYM)"), as some UN records do.</summary>
    public static IReadOnlyList<string> SplitListName(string raw) =>
        raw.Contains(';', StringComparison.Ordinal) || raw.Contains('(', StringComparison.Ordinal) || raw.Contains(')', StringComparison.Ordinal)
            || raw.Contains("a.k.a", StringComparison.OrdinalIgnoreCase)
            ? Split(raw, raw, MaxListReadings)
            : [raw];

    /// <summary>Most names taken from one list value (UN aliases pack up to a dozen spellings into one).</summary>
    public const int MaxListReadings = 16;

    private static List<string> Split(string text, string raw, int max)
    {
        var names = new List<string>();
        void Add(string candidate)
        {
            var trimmed = candidate.Trim(' ', ',', '.', ';', ':', '-', '/');
            if (trimmed.Length > 0 && !names.Contains(trimmed, StringComparer.Ordinal) && names.Count < max)
            {
                names.Add(trimmed);
            }
        }
        Add(text);
        // "(France)", "(U.K.)", "(Holdings)" qualify the name rather than give another one: they stay where they are
        var outside = Parenthesised().Replace(text, m => IsQualifier(m.Groups[1].Value) ? m.Value : " ");
        foreach (var part in AliasMarker().Split(outside))
        {
            Add(part);
        }
        foreach (Match inside in Parenthesised().Matches(text))
        {
            if (IsQualifier(inside.Groups[1].Value))
            {
                continue;
            }
            foreach (var part in AliasMarker().Split(inside.Groups[1].Value))
            {
                Add(part);
            }
        }
        return names.Count > 0 ? names : [raw];
    }

    private static bool IsQualifier(string text)
    {
        var words = text.Replace(".", "", StringComparison.Ordinal).Split([' ', ',', '-', '/'], StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 0 && words.All(word =>
        {
            var lower = word.ToLowerInvariant();
            return LegalForms.IsGeneric(lower) || LegalForms.IsLegalForm(LegalForms.CanonicalForm(lower)) || Countries.TryGetCode(word, out _)
                || lower.All(char.IsAsciiDigit) || lower is "i" or "ii" or "iii" or "iv" or "v";
        });
    }

    /// <summary>The first date at the start of <paramref name="text"/>: 08 Jan 1984, Jan 1984, 1984-01-08, 08/01/1984, 1984.</summary>
    private static PartialDate? ReadDate(string text)
    {
        var words = text.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        for (var count = Math.Min(3, words.Length); count >= 1; count--)
        {
            var candidate = string.Join(' ', words.Take(count)).TrimEnd('.', ';', ')');
            if (PartialDate.TryParseText(candidate, out var date) || PartialDate.TryParseDayFirst(candidate, out date))
            {
                return date;
            }
        }
        return null;
    }
}

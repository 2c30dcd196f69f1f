using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Unmask.LinkGraph.Normalisation;

/// <summary>
/// A postal address in a form two spellings of the same place share, with the unit (flat, suite) kept, and the same
/// without the unit (the building). The rules, in order:
/// <list type="number">
/// <item>accents folded, lower-cased; <c>#</c> is read as a unit designator; every other character that is not a letter
/// or digit becomes a space (so commas, full stops and hyphens between words disappear);</item>
/// <item>USPS Publication 28 street suffixes and directions are abbreviated: street → st, avenue → ave, road → rd,
/// boulevard → blvd, drive → dr, lane → ln, court → ct, place → pl, square → sq, highway → hwy, parkway → pkwy,
/// terrace → ter, north → n, south-west → sw, …;</item>
/// <item>a unit designator (apt, apartment, suite, ste, unit, #, flat, room, rm, floor, fl; not "no", which is often the house number)
/// followed by a value with a digit (or a single letter) becomes <c>unit VALUE</c> and is moved to the end, so "Apt 4, 12 Main St" and "12 Main Street #4" are equal;</item>
/// <item>the building form is the same text without the unit part.</item>
/// </list>
/// Nothing is geocoded; "12 Main St" in two cities differs only if the city is written.
/// </summary>
public static class Addresses
{
    private static readonly FrozenDictionary<string, string> Abbreviations = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["street"] = "st", ["str"] = "st", ["avenue"] = "ave", ["av"] = "ave", ["road"] = "rd", ["boulevard"] = "blvd",
        ["drive"] = "dr", ["lane"] = "ln", ["court"] = "ct", ["place"] = "pl", ["square"] = "sq", ["highway"] = "hwy",
        ["parkway"] = "pkwy", ["terrace"] = "ter", ["circle"] = "cir", ["trail"] = "trl", ["way"] = "way", ["alley"] = "aly",
        ["expressway"] = "expy", ["freeway"] = "fwy", ["center"] = "ctr", ["centre"] = "ctr", ["mount"] = "mt", ["heights"] = "hts",
        ["north"] = "n", ["south"] = "s", ["east"] = "e", ["west"] = "w", ["northeast"] = "ne", ["northwest"] = "nw",
        ["southeast"] = "se", ["southwest"] = "sw", ["saint"] = "st", ["post"] = "po", ["office"] = "office", ["box"] = "box",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> UnitDesignators = new[]
    {
        "apt", "apartment", "suite", "ste", "unit", "#", "flat", "room", "rm", "floor", "fl",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The normalised address with its unit, or null when nothing is left after normalising.</summary>
    public static string? Normalise(string? text) => Split(text) is { } parts ? Join(parts.Building, parts.Unit) : null;

    /// <summary>The normalised address without its unit (the building), or null.</summary>
    public static string? Building(string? text) => Split(text)?.Building;

    /// <summary>Both forms; <c>Unit</c> is empty when the address has none.</summary>
    public static (string Building, string Unit)? Split(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var tokens = Tokens(text);
        var street = new List<string>(tokens.Count);
        var units = new List<string>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (UnitDesignators.Contains(token) && i + 1 < tokens.Count && (tokens[i + 1].Any(char.IsAsciiDigit) || tokens[i + 1].Length == 1))
            {
                units.Add(tokens[i + 1]);
                i++;
                continue;
            }
            if (token == "#")
            {
                continue;
            }
            street.Add(Abbreviations.TryGetValue(token, out var abbreviation) ? abbreviation : token);
        }
        if (street.Count == 0)
        {
            return null;
        }
        return (string.Join(' ', street), units.Count == 0 ? "" : "unit " + string.Join(' ', units));
    }

    private static string Join(string building, string unit) => unit.Length == 0 ? building : building + " " + unit;

    private static List<string> Tokens(string text)
    {
        var folded = Fold(text);
        var tokens = new List<string>();
        var current = new StringBuilder();
        void Flush()
        {
            if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }
        }
        foreach (var c in folded)
        {
            if (c == '#')
            {
                Flush();
                tokens.Add("#");
            }
            else if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else
            {
                Flush();
            }
        }
        Flush();
        return tokens;
    }

    private static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c == 'ß' ? 's' : c);
            }
        }
        return builder.ToString();
    }
}

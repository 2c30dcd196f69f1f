using System.Globalization;
using System.Text;

namespace Unmask.Screening.Names;

/// <summary>Cleans raw name text before tokens are made: caps its length, drops control and format characters, applies
/// NFKC (full-width and compatibility forms become plain letters) and turns every kind of dash and space into a space.</summary>
public static class TextNormalizer
{
    /// <summary>Names longer than this are cut: no real name is this long, and scoring time grows with length.</summary>
    public const int MaxNameLength = 300;

    public static string Clean(string? raw)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return "";
        }
        var text = raw.Length > MaxNameLength * 2 ? raw[..(MaxNameLength * 2)] : raw;
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
            {
                builder.Append(char.IsWhiteSpace(c) ? ' ' : '\0');
                continue;
            }
            builder.Append(c);
        }
        builder.Replace("\0", "");
        string normalised;
        try
        {
            normalised = builder.ToString().Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            normalised = builder.ToString(); // unpaired surrogates were removed above; keep the text as it is if ICU still refuses
        }
        if (normalised.Length > MaxNameLength)
        {
            normalised = normalised[..MaxNameLength];
            if (char.IsHighSurrogate(normalised[^1]))
            {
                normalised = normalised[..^1];
            }
        }
        return LettersForLookalikeDigits(normalised).Trim();
    }

    /// <summary>A digit between two Latin letters stands for the letter it looks like ("Ig0r Sech1n" = Igor Sechin), a
    /// common way to slip a name past a filter; digits next to digits or alone ("B737", "Ryong Ang 2") are kept.</summary>
    public static string LettersForLookalikeDigits(string text)
    {
        char[]? chars = null;
        for (var i = 1; i + 1 < text.Length; i++)
        {
            if (char.IsAsciiDigit(text[i]) && char.IsAsciiLetter(text[i - 1]) && char.IsAsciiLetter(text[i + 1]) &&
                text[i] switch { '0' => 'o', '1' => 'i', '3' => 'e', '4' => 'a', '5' => 's', '7' => 't', '9' => 'g', _ => '\0' } is var letter and not '\0')
            {
                chars ??= text.ToCharArray();
                chars[i] = char.IsAsciiLetterUpper(text[i - 1]) && char.IsAsciiLetterUpper(text[i + 1]) ? char.ToUpperInvariant(letter) : letter;
            }
        }
        return chars is null ? text : new string(chars);
    }

    /// <summary>Apostrophes, including OFAC's for McCune-Reischauer breves ("U'n", "So'k", "CH'OE"), join the letters around them.</summary>
    public static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u2018' or '\u02BC' or '\u02BB' or '`' or '\u00B4' or '\u02B9';

    public static bool IsSeparator(char c) =>
        char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c) || c is '\u30FB' or '\u00B7';
}

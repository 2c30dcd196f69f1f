using System.Globalization;
using System.Text;

namespace Unmask.Screening.Names;

/// <summary>Cleans raw name text before tokens are made: caps its length, takes out what cannot be seen or stands alone
/// (<see cref="WithoutHiddenCharacters"/>), applies NFKC (full-width and compatibility forms become plain letters) and turns
/// every kind of dash and space into a space.</summary>
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
        var visible = WithoutHiddenCharacters(raw.Length > MaxNameLength * 2 ? raw[..(MaxNameLength * 2)] : raw);
        string normalised;
        try
        {
            normalised = visible.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            normalised = visible; // lone surrogates were replaced already; keep the text as it is if ICU still refuses
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

    /// <summary>
    /// The text with nothing hidden in it, runs of white space made one space and trimmed. Control characters (NUL, \x01,
    /// tabs, line breaks), invisible break and direction marks (zero-width space, LRM/RLM, bidi embeddings and isolates),
    /// lone surrogates, private-use and unassigned code points become a space, so that <c>Kim\x01Jong\x01Un</c> or
    /// <c>Kim\u200BJong Un</c> still read as three words. Characters that by definition join or sit inside a word (soft
    /// hyphen, zero-width joiner and non-joiner, word joiner, zero-width no-break space) are removed. A combining mark that
    /// follows no letter or digit is removed: alone it is no part of a name.
    /// </summary>
    public static string WithoutHiddenCharacters(string text)
    {
        var builder = new StringBuilder(text.Length);
        var afterBase = false;
        foreach (var rune in text.EnumerateRunes())
        {
            switch (Kind(rune))
            {
                case CharacterKind.Separator:
                    if (builder.Length > 0 && builder[^1] != ' ')
                    {
                        builder.Append(' ');
                    }
                    afterBase = false;
                    continue;
                case CharacterKind.Joiner:
                    continue;
                case CharacterKind.Mark:
                    if (afterBase)
                    {
                        builder.Append(rune.ToString());
                    }
                    continue;
                default:
                    builder.Append(rune.ToString());
                    afterBase = Rune.IsLetterOrDigit(rune);
                    continue;
            }
        }
        return builder.ToString().Trim();
    }

    private enum CharacterKind { Visible, Separator, Joiner, Mark }

    private static CharacterKind Kind(Rune rune)
    {
        if (rune.Value is 0x00AD or 0x200C or 0x200D or 0x2060 or 0xFEFF)
        {
            return CharacterKind.Joiner;
        }
        if (Rune.IsWhiteSpace(rune) || rune == Rune.ReplacementChar)
        {
            return CharacterKind.Separator; // EnumerateRunes gives U+FFFD for a lone surrogate
        }
        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned => CharacterKind.Separator,
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => CharacterKind.Mark,
            _ => CharacterKind.Visible,
        };
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

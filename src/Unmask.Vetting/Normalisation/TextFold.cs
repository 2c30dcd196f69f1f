using System.Globalization;
using System.Text;

namespace Unmask.Vetting.Normalisation;

/// <summary>Accent folding and tokenising shared by the name, company and address normalisers.</summary>
public static class TextFold
{
    /// <summary>Lower-case, accents removed (é→e, ß→ss, ø→o), every run of non letters/digits turned into one space.
    /// Letters of other scripts are kept as they are (never compared across scripts).</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }
        if (System.Text.Ascii.IsValid(text))
        {
            return FoldAscii(text);
        }
        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        var lastSpace = true;
        foreach (var raw in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(raw) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            var c = char.ToLowerInvariant(raw);
            string? replacement = c switch
            {
                'ß' => "ss",
                'ø' => "o",
                'đ' => "d",
                'ł' => "l",
                'æ' => "ae",
                'œ' => "oe",
                'þ' => "th",
                'ı' => "i",
                _ => null,
            };
            if (replacement is not null)
            {
                builder.Append(replacement);
                lastSpace = false;
            }
            else if (char.IsLetterOrDigit(c))
            {
                builder.Append(c);
                lastSpace = false;
            }
            else if (c is '\'' or '’')
            {
                // O'Brien = OBrien: apostrophes join, they do not split.
            }
            else if (!lastSpace)
            {
                builder.Append(' ');
                lastSpace = true;
            }
        }
        return builder.ToString().TrimEnd();
    }

    /// <summary>The same result as the general path for pure ASCII text, without Unicode normalisation.</summary>
    private static string FoldAscii(string text)
    {
        var builder = new StringBuilder(text.Length);
        var lastSpace = true;
        foreach (var raw in text)
        {
            if (char.IsAsciiLetterOrDigit(raw))
            {
                builder.Append(char.ToLowerInvariant(raw));
                lastSpace = false;
            }
            else if (raw == '\'')
            {
                // O'Brien = OBrien: apostrophes join, they do not split.
            }
            else if (!lastSpace)
            {
                builder.Append(' ');
                lastSpace = true;
            }
        }
        return builder.ToString().TrimEnd();
    }

    public static string[] Tokens(string? text) => Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>True when every letter is ASCII (after folding): e-mail/name comparisons are only made within Latin script.</summary>
    public static bool IsAsciiLatin(string folded) => folded.All(c => c < 128);
}

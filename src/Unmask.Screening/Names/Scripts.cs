using System.Globalization;

namespace Unmask.Screening.Names;

/// <summary>Writing systems a name can be in; a mixed name has several flags.</summary>
[Flags]
public enum Script
{
    None = 0,
    Latin = 1,
    Hangul = 2,
    Han = 4,
    Cyrillic = 8,
    Arabic = 16,
    Kana = 32,
    Greek = 64,
    Hebrew = 128,
    Other = 256,
}

public static class Scripts
{
    /// <summary>The scripts the letters of <paramref name="text"/> are written in (digits and punctuation do not count).</summary>
    public static Script Detect(string text)
    {
        var found = Script.None;
        foreach (var c in text)
        {
            found |= Of(c);
        }
        return found;
    }

    public static Script Of(char c)
    {
        if (c < 0x80)
        {
            return char.IsAsciiLetter(c) ? Script.Latin : Script.None;
        }
        if (!char.IsLetter(c))
        {
            return char.GetUnicodeCategory(c) == UnicodeCategory.OtherLetter ? Script.Other : Script.None;
        }
        return c switch
        {
            <= '\u024F' or (>= '\u1E00' and <= '\u1EFF') => Script.Latin,
            >= '\u0370' and <= '\u03FF' => Script.Greek,
            >= '\u0400' and <= '\u052F' => Script.Cyrillic,
            >= '\u0590' and <= '\u05FF' => Script.Hebrew,
            (>= '\u0600' and <= '\u06FF') or (>= '\u0750' and <= '\u077F') or (>= '\uFB50' and <= '\uFEFF') => Script.Arabic,
            (>= '\u1100' and <= '\u11FF') or (>= '\u3130' and <= '\u318F') or (>= '\uAC00' and <= '\uD7A3') => Script.Hangul,
            (>= '\u3040' and <= '\u30FF') or (>= '\u31F0' and <= '\u31FF') => Script.Kana,
            (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF') or (>= '\uF900' and <= '\uFAFF') => Script.Han,
            _ => Script.Other,
        };
    }
}

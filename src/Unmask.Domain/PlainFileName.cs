using System.Text.RegularExpressions;

namespace Unmask.Domain;

/// <summary>A name from outside (a sources file, an archive entry) that is about to become a file or folder name: it must name
/// one entry inside the folder it is joined to, on Linux, macOS and Windows alike, so joining it can never reach elsewhere.</summary>
public static partial class PlainFileName
{
    public const int MaxLength = 100;

    // Windows opens the device instead of a file for these, with or without an extension (CON.xml is the console).
    [GeneratedRegex(@"^(CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|COM[0-9¹²³]|LPT[0-9¹²³])(\..*)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReservedDeviceName();

    /// <summary>Null when <paramref name="name"/> is a plain name; else why it is not: empty, too long, a path (separator,
    /// <c>..</c>, drive or root), a control or reserved character, a trailing dot or space, or a Windows device name.</summary>
    public static string? Refusal(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "is empty";
        }
        if (name.Length > MaxLength)
        {
            return $"is longer than {MaxLength} characters";
        }
        if (name.IndexOfAny(['/', '\\']) >= 0)
        {
            return "contains a path separator";
        }
        if (name.Contains("..", StringComparison.Ordinal) || name == ".")
        {
            return "contains '..' or is '.'";
        }
        // Drive letters and alternate data streams (a:b), wildcards and controls are not file names everywhere.
        foreach (var c in name)
        {
            if (char.IsControl(c) || c is ':' or '*' or '?' or '"' or '<' or '>' or '|')
            {
                return $"contains the character U+{(int)c:X4}";
            }
        }
        if (name[^1] is '.' or ' ' || name[0] == ' ')
        {
            return "starts or ends with a space, or ends with a dot";
        }
        if (ReservedDeviceName().IsMatch(name))
        {
            return "is a reserved device name on Windows";
        }
        return null;
    }
}

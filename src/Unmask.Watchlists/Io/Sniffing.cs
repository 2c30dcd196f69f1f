using System.Text;

namespace Unmask.Watchlists.Io;

/// <summary>Helpers for content-based format detection on the first bytes of a file.</summary>
public static class Sniffing
{
    /// <summary>The head decoded as text (UTF-8 with BOM stripped; invalid bytes replaced), for substring checks.</summary>
    public static string Text(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            head = head[3..];
        }
        return Encoding.UTF8.GetString(head);
    }

    /// <summary>True for a zip container (xlsx, docx).</summary>
    public static bool IsZip(ReadOnlySpan<byte> head) => head.Length >= 4 && head[0] == 0x50 && head[1] == 0x4B && head[2] == 0x03 && head[3] == 0x04;

    /// <summary>The local name of the first XML element in the head, or null when the head is not XML.</summary>
    public static string? XmlRootName(ReadOnlySpan<byte> head)
    {
        var text = Text(head);
        var i = 0;
        while (true)
        {
            i = text.IndexOf('<', i);
            if (i < 0 || i + 1 >= text.Length)
            {
                return null;
            }
            var next = text[i + 1];
            if (next is '?' or '!')
            {
                i++;
                continue;
            }
            var end = i + 1;
            while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not ('>' or '/'))
            {
                end++;
            }
            var name = text[(i + 1)..end];
            var colon = name.IndexOf(':', StringComparison.Ordinal);
            return colon >= 0 ? name[(colon + 1)..] : name;
        }
    }
}

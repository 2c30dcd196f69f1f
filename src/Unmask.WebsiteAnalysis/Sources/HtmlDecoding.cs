using System.Text;
using System.Text.RegularExpressions;

namespace Unmask.WebsiteAnalysis.Sources;

/// <summary>Bytes of a saved page to text: byte-order mark, then the charset declared in a <c>&lt;meta&gt;</c> in the first 4 KB
/// (or an HTTP Content-Type header), then strict UTF-8, then windows-1252 (what browsers assume for undeclared legacy pages).</summary>
public static partial class HtmlDecoding
{
    [GeneratedRegex(@"<meta[^>]+charset\s*=\s*[""']?\s*([A-Za-z0-9_\-:.]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetaCharset();

    [GeneratedRegex(@"charset\s*=\s*[""']?([A-Za-z0-9_\-:.]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeaderCharset();

    /// <summary>True when the bytes look binary (NUL bytes or many control characters in the first 8 KB).</summary>
    public static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes[..Math.Min(bytes.Length, 8192)];
        if (sample.Length >= 2 && ((sample[0] == 0xFF && sample[1] == 0xFE) || (sample[0] == 0xFE && sample[1] == 0xFF)))
        {
            return false; // UTF-16 with BOM
        }
        var control = 0;
        foreach (var b in sample)
        {
            if (b == 0)
            {
                return true;
            }
            if (b < 9 || (b > 13 && b < 32))
            {
                control++;
            }
        }
        return sample.Length > 0 && control > sample.Length / 20;
    }

    public static string Decode(byte[] bytes, string? contentTypeHeader = null)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        }
        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        {
            return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
        }
        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
        }
        var declared = contentTypeHeader is null ? null : HeaderCharset().Match(contentTypeHeader) is { Success: true } h ? h.Groups[1].Value : null;
        if (declared is null)
        {
            var head = Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 4096));
            var meta = MetaCharset().Match(head);
            declared = meta.Success ? meta.Groups[1].Value : null;
        }
        if (declared is not null && GetEncoding(declared) is { } encoding && encoding.CodePage != Encoding.UTF8.CodePage)
        {
            return encoding.GetString(bytes);
        }
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return (GetEncoding("windows-1252") ?? Encoding.Latin1).GetString(bytes);
        }
    }

    private static Encoding? GetEncoding(string name)
    {
        // WHATWG: iso-8859-1 and us-ascii labels mean windows-1252.
        var label = name.Trim().ToLowerInvariant() switch
        {
            "iso-8859-1" or "latin1" or "us-ascii" or "ascii" => "windows-1252",
            var other => other,
        };
        try
        {
            return System.Text.CodePagesEncodingProvider.Instance.GetEncoding(label) ?? Encoding.GetEncoding(label);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}

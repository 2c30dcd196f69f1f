using System.Text;
using System.Text.RegularExpressions;

namespace Unmask.WebsiteAnalysis.Sources;

/// <summary>Bytes of a saved page to text: byte-order mark, then the charset declared in a <c>&lt;meta&gt;</c> in the first 4 KB
/// (or an HTTP Content-Type header), then strict UTF-8, then windows-1252 (what browsers assume for undeclared legacy pages).
/// A hostile site chooses its own charset, so only the encodings in <see cref="AllowedCharsets"/> are honoured; any other
/// declared charset (UTF-7, UTF-32, EBCDIC, ISO-2022, unknown labels) is read as if undeclared, with a warning.</summary>
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

    /// <summary>Charset labels honoured (WHATWG Encoding labels) and the encoding each is read with. UTF-7 is excluded because
    /// it hides markup in base64 runs (and .NET refuses it with an exception); stateful ISO-2022 and EBCDIC for the same reason.
    /// GBK and GB2312 are read as GB18030, their superset; ISO-8859-1 and ASCII as windows-1252, as browsers do.</summary>
    public static readonly IReadOnlyDictionary<string, string> AllowedCharsets = BuildAllowedCharsets();

    private static Dictionary<string, string> BuildAllowedCharsets()
    {
        var labels = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        void Add(string encoding, params string[] aliases)
        {
            labels[encoding] = encoding;
            foreach (var alias in aliases)
            {
                labels[alias] = encoding;
            }
        }
        Add("utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8");
        Add("utf-16le", "utf-16", "unicode", "ucs-2", "csunicode", "iso-10646-ucs-2", "unicodefeff");
        Add("utf-16be", "unicodefffe");
        Add("windows-1252", "iso-8859-1", "latin1", "l1", "us-ascii", "ascii", "ansi_x3.4-1968", "cp1252", "x-cp1252", "cp819", "ibm819", "iso_8859-1", "iso8859-1", "iso88591");
        foreach (var page in new[] { 1250, 1251, 1253, 1254, 1255, 1256, 1257, 1258 })
        {
            Add($"windows-{page}", $"cp{page}", $"x-cp{page}");
        }
        foreach (var part in new[] { 2, 3, 4, 5, 6, 7, 8, 9, 10, 13, 14, 15, 16 })
        {
            Add($"iso-8859-{part}", $"iso8859-{part}", $"iso_8859-{part}", $"iso8859{part}");
        }
        Add("windows-874", "tis-620", "iso-8859-11", "dos-874");
        Add("koi8-r", "koi8", "koi", "cskoi8r");
        Add("koi8-u", "koi8-ru");
        Add("ibm866", "cp866", "866");
        Add("macintosh", "mac", "x-mac-roman", "csmacintosh");
        Add("gb18030", "gbk", "gb2312", "x-gbk", "chinese", "csgb2312", "iso-ir-58", "cp936", "windows-936");
        Add("big5", "big5-hkscs", "x-x-big5", "cn-big5", "csbig5");
        Add("euc-kr", "ks_c_5601-1987", "windows-949", "cp949", "korean", "ksc5601", "csksc56011987");
        Add("shift_jis", "sjis", "ms_kanji", "windows-31j", "x-sjis", "csshiftjis", "ms932", "cp932");
        Add("euc-jp", "x-euc-jp", "cseucpkdfmtjapanese");
        return labels;
    }

    public static string Decode(byte[] bytes, string? contentTypeHeader = null, Action<string>? warn = null)
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
        var fromMeta = declared is null;
        if (fromMeta)
        {
            var head = Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 4096));
            var meta = MetaCharset().Match(head);
            declared = meta.Success ? meta.Groups[1].Value : null;
        }
        var encoding = declared is null ? null : AllowedEncoding(declared, fromMeta);
        if (declared is not null && encoding is null)
        {
            warn?.Invoke($"declared charset '{Shorten(declared)}' is not one of the encodings read (UTF-8, UTF-16, ISO-8859/windows-125x, GB18030, Big5, EUC-KR, Shift_JIS, ...); read as UTF-8");
        }
        if (encoding is not null && encoding.CodePage != Encoding.UTF8.CodePage)
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

    /// <summary>The encoding for an allowed charset label, else null. A <c>&lt;meta&gt;</c> that says UTF-16 was itself read as
    /// ASCII, so it cannot be true: WHATWG reads such pages as UTF-8.</summary>
    private static Encoding? AllowedEncoding(string label, bool fromMeta)
    {
        if (!AllowedCharsets.TryGetValue(label.Trim(), out var name))
        {
            return null;
        }
        if (fromMeta && name.StartsWith("utf-16", StringComparison.Ordinal))
        {
            name = "utf-8";
        }
        return GetEncoding(name);
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;

    private static Encoding? GetEncoding(string name)
    {
        try
        {
            return System.Text.CodePagesEncodingProvider.Instance.GetEncoding(name) ?? Encoding.GetEncoding(name);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
}

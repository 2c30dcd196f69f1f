using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using UglyToad.PdfPig;
using DocumentFormat.OpenXml;
using WordParagraph = DocumentFormat.OpenXml.Wordprocessing.Paragraph;
using WordText = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace Unmask.Vetting.Input;

/// <summary>
/// Text of a résumé file: plain text, PDF (PdfPig, words in reading order) or .docx (Open XML, one line per paragraph).
/// Returns null with a reason for formats we do not read (.doc, .rtf, .odt), encrypted or corrupt files and bombs: a .docx is
/// unpacked once with its bytes counted before Open XML reads it (the sizes an archive declares can lie), and a PDF's compressed
/// streams are inflated once with their bytes counted before PdfPig reads it. Only the text is kept; images, metadata and
/// embedded objects are ignored.
/// </summary>
public static class ResumeFiles
{
    public static string? ReadText(string path, VetInputLimits limits, out string? problem)
    {
        problem = null;
        var extension = Path.GetExtension(path).ToLowerInvariant();
        try
        {
            var text = extension switch
            {
                ".pdf" => Pdf(path, limits, out problem),
                ".docx" => Docx(path, limits, out problem),
                ".doc" or ".rtf" or ".odt" or ".pages" => Unsupported(extension, out problem),
                _ => File.ReadAllText(path),
            };
            return text is null ? null : Cap(text, limits.MaxResumeChars);
        }
        // Uploaded files are untrusted and both parsers throw many exception types on corrupt or encrypted input: any of them
        // makes this one résumé unreadable (an input issue), never the whole run.
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            problem = $"{extension} file could not be read ({e.GetType().Name})";
            return null;
        }
    }

    private static string? Unsupported(string extension, out string? problem)
    {
        problem = $"{extension} résumés are not read: give PDF, .docx or plain text";
        return null;
    }

    private static string? Pdf(string path, VetInputLimits limits, out string? problem)
    {
        problem = null;
        var inflated = PdfInflatedBytes(File.ReadAllBytes(path), limits.MaxPdfInflatedBytes);
        if (inflated > limits.MaxPdfInflatedBytes)
        {
            problem = $".pdf streams inflate to more than {limits.MaxPdfInflatedBytes / (1024 * 1024)} MB: refused";
            return null;
        }
        using var document = PdfDocument.Open(path);
        var text = new StringBuilder();
        var pages = Math.Min(document.NumberOfPages, limits.MaxPdfPages);
        for (var number = 1; number <= pages && text.Length < limits.MaxResumeChars; number++)
        {
            foreach (var word in document.GetPage(number).GetWords())
            {
                text.Append(word.Text).Append(' ');
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Bytes the PDF's compressed streams inflate to, counted up to just past <paramref name="maxBytes"/>. Every
    /// <c>stream</c> keyword is tried as zlib data (FlateDecode, by far the most common filter); what is not zlib fails at once.</summary>
    public static long PdfInflatedBytes(byte[] pdf, long maxBytes)
    {
        long total = 0;
        var buffer = new byte[81920];
        var span = pdf.AsSpan();
        for (var at = span.IndexOf("stream"u8); at >= 0 && total <= maxBytes; )
        {
            var start = at + 6;
            if (start < pdf.Length && pdf[start] == '\r')
            {
                start++;
            }
            if (start < pdf.Length && pdf[start] == '\n' && (at == 0 || pdf[at - 1] != 'd'))
            {
                try
                {
                    using var zlib = new ZLibStream(new MemoryStream(pdf, start + 1, pdf.Length - start - 1), CompressionMode.Decompress);
                    int read;
                    while (total <= maxBytes && (read = zlib.Read(buffer)) > 0)
                    {
                        total += read;
                    }
                }
                catch (InvalidDataException)
                {
                    // Not zlib data (DCTDecode images, uncompressed streams): nothing to inflate.
                }
            }
            var next = span[start..].IndexOf("stream"u8);
            at = next < 0 ? -1 : start + next;
        }
        return total;
    }

    private static string? Docx(string path, VetInputLimits limits, out string? problem)
    {
        problem = UnpackProblem(path, limits);
        if (problem is not null)
        {
            return null;
        }
        using var document = WordprocessingDocument.Open(path, false);
        if (document.MainDocumentPart is not { } main)
        {
            return "";
        }
        // Streamed rather than loaded as a DOM: only the text is kept, and memory stays that of the text.
        var text = new StringBuilder();
        using var reader = OpenXmlReader.Create(main);
        while (reader.Read() && text.Length < limits.MaxResumeChars)
        {
            if (reader.ElementType == typeof(WordText) && reader.IsStartElement)
            {
                text.Append(reader.GetText());
            }
            else if (reader.ElementType == typeof(WordParagraph) && reader.IsEndElement)
            {
                text.Append('\n');
            }
        }
        return text.ToString();
    }

    /// <summary>Why a .docx is refused before Open XML reads it: too many entries, an entry named outside the archive, or
    /// entries that unpack (counted while unpacking) to more than the limit. Null when it may be read.</summary>
    private static string? UnpackProblem(string path, VetInputLimits limits)
    {
        using var zip = ZipFile.OpenRead(path);
        if (zip.Entries.Count > limits.MaxDocxEntries)
        {
            return $".docx has {zip.Entries.Count:N0} entries, more than {limits.MaxDocxEntries:N0}: refused";
        }
        long total = 0;
        var buffer = new byte[81920];
        foreach (var entry in zip.Entries)
        {
            if (NamesOutside(entry.FullName))
            {
                return $".docx entry '{Shorten(entry.FullName)}' names a path outside the archive: refused";
            }
            using var content = entry.Open();
            int read;
            while ((read = content.Read(buffer)) > 0)
            {
                total += read;
                if (total > limits.MaxDocxBytes)
                {
                    return $".docx unpacks to more than {limits.MaxDocxBytes / (1024 * 1024)} MB: refused";
                }
            }
        }
        return null;
    }

    private static bool NamesOutside(string name) =>
        name.StartsWith('/') || name.StartsWith('\\') || name.Contains(':', StringComparison.Ordinal)
        || name.Split('/', '\\').Any(part => part == "..");

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;

    private static string Cap(string text, int maxChars) => text.Length <= maxChars ? text : text[..maxChars];
}

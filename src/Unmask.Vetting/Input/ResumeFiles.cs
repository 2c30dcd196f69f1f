using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using UglyToad.PdfPig;
using WordParagraph = DocumentFormat.OpenXml.Wordprocessing.Paragraph;

namespace Unmask.Vetting.Input;

/// <summary>Caps for reading résumé files: untrusted uploads, so every dimension that can blow up is bounded.</summary>
/// <param name="MaxChars">Extracted text is cut at this many characters (a résumé is a few thousand). Default 200,000.</param>
/// <param name="MaxPdfPages">Only the first pages of a PDF are read. Default 50.</param>
/// <param name="MaxDocxUncompressedBytes">A .docx whose entries unpack to more than this is refused (zip bomb). Default 50 MB.</param>
public sealed record ResumeFileLimits(int MaxChars = 200_000, int MaxPdfPages = 50, long MaxDocxUncompressedBytes = 50L * 1024 * 1024);

/// <summary>
/// Text of a résumé file: plain text, PDF (PdfPig, words in reading order) or .docx (Open XML, one line per paragraph).
/// Returns null with a reason for formats we do not read (.doc, .rtf, .odt), encrypted or corrupt files and zip bombs.
/// Only the text is kept; images, metadata and embedded objects are ignored.
/// </summary>
public static class ResumeFiles
{
    public static string? ReadText(string path, ResumeFileLimits limits, out string? problem)
    {
        problem = null;
        var extension = Path.GetExtension(path).ToLowerInvariant();
        try
        {
            var text = extension switch
            {
                ".pdf" => Pdf(path, limits),
                ".docx" => Docx(path, limits, out problem),
                ".doc" or ".rtf" or ".odt" or ".pages" => Unsupported(extension, out problem),
                _ => File.ReadAllText(path),
            };
            return text is null ? null : Cap(text, limits.MaxChars);
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

    private static string Pdf(string path, ResumeFileLimits limits)
    {
        using var document = PdfDocument.Open(path);
        var text = new StringBuilder();
        var pages = Math.Min(document.NumberOfPages, limits.MaxPdfPages);
        for (var number = 1; number <= pages && text.Length < limits.MaxChars; number++)
        {
            foreach (var word in document.GetPage(number).GetWords())
            {
                text.Append(word.Text).Append(' ');
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    private static string? Docx(string path, ResumeFileLimits limits, out string? problem)
    {
        problem = null;
        using (var zip = ZipFile.OpenRead(path))
        {
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
            }
            if (total > limits.MaxDocxUncompressedBytes)
            {
                problem = $".docx unpacks to {total / (1024 * 1024)} MB, more than {limits.MaxDocxUncompressedBytes / (1024 * 1024)} MB: refused";
                return null;
            }
        }
        using var document = WordprocessingDocument.Open(path, false);
        if (document.MainDocumentPart?.Document?.Body is not { } body)
        {
            return "";
        }
        var text = new StringBuilder();
        foreach (var paragraph in body.Descendants<WordParagraph>())
        {
            text.Append(paragraph.InnerText).Append('\n');
            if (text.Length >= limits.MaxChars)
            {
                break;
            }
        }
        return text.ToString();
    }

    private static string Cap(string text, int maxChars) => text.Length <= maxChars ? text : text[..maxChars];
}

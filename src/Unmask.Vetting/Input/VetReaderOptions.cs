namespace Unmask.Vetting.Input;

/// <summary>Reader options.</summary>
/// <param name="SkipMalformedRows">Skip rows with the wrong number of fields (or unparseable JSON) instead of failing; each skip
/// is listed in <see cref="VetBatch.Skipped"/>. Default false: the first malformed row is an <c>InputException</c> (exit 2).</param>
/// <param name="LoadFiles">Read résumé and photo files (false: only the paths are checked). Default true.</param>
public sealed record VetReaderOptions(bool SkipMalformedRows = false, bool LoadFiles = true)
{
    /// <summary>Caps on everything read: rows, fields, résumé and photo files.</summary>
    public VetInputLimits Limits { get; init; } = new();
}

/// <summary>Limits on vetting input (records, sign-in logs, résumés, photos). Applicants and vendors upload these files, so every
/// size that could grow without bound is capped and checked while reading: a row while it is read, a .docx while it is
/// unpacked, a photo from its header before any pixel is decoded.</summary>
/// <param name="MaxRowChars">A CSV row (all its lines when quoted fields span lines) or JSON line longer than this is an input
/// error naming its first line; an unclosed quote runs into it. Default 1,000,000 characters.</param>
/// <param name="MaxFieldChars">A field longer than this is an input error naming the line and column. Default 200,000 characters
/// (an inline résumé is a few thousand).</param>
/// <param name="MaxColumns">A header with more columns than this is refused. Default 1,000.</param>
/// <param name="MaxResumeBytes">Résumé files larger than this are refused (finding). Default 10 MB.</param>
/// <param name="MaxResumeChars">Extracted résumé text is cut at this many characters. Default 200,000.</param>
/// <param name="MaxPdfPages">Only the first pages of a PDF are read. Default 50.</param>
/// <param name="MaxPdfInflatedBytes">A PDF whose compressed streams inflate to more than this in all is refused (finding):
/// PDF parsers inflate whole streams in memory. Default 100 MB.</param>
/// <param name="MaxDocxBytes">A .docx whose entries unpack to more than this (counted while unpacking, not from the sizes the
/// archive declares) is refused (finding). Default 50 MB.</param>
/// <param name="MaxDocxEntries">A .docx with more entries than this is refused (finding); Word writes about a dozen.
/// Default 1,000.</param>
/// <param name="MaxPhotoBytes">Photo files larger than this are refused (finding). Default 20 MB.</param>
/// <param name="MaxPhotoPixels">A photo whose header declares more pixels than this is refused before decoding (a 20 KB PNG can
/// declare 50,000 × 50,000). Default 40,000,000 (40 megapixels).</param>
/// <param name="MaxPhotoMetadataBytes">Text metadata read from a photo, in all (compressed chunks inflated). Default 1 MB.</param>
public sealed record VetInputLimits(
    int MaxRowChars = 1_000_000,
    int MaxFieldChars = 200_000,
    int MaxColumns = 1_000,
    long MaxResumeBytes = 10 * 1024 * 1024,
    int MaxResumeChars = 200_000,
    int MaxPdfPages = 50,
    long MaxPdfInflatedBytes = 100L * 1024 * 1024,
    long MaxDocxBytes = 50L * 1024 * 1024,
    int MaxDocxEntries = 1_000,
    long MaxPhotoBytes = 20 * 1024 * 1024,
    long MaxPhotoPixels = 40_000_000,
    int MaxPhotoMetadataBytes = 1024 * 1024);

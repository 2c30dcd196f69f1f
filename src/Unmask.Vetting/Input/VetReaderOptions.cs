namespace Unmask.Vetting.Input;

/// <summary>Reader options.</summary>
/// <param name="SkipMalformedRows">Skip rows with the wrong number of fields (or unparseable JSON) instead of failing; each skip
/// is listed in <see cref="VetBatch.Skipped"/>. Default false: the first malformed row is an <c>InputException</c> (exit 2).</param>
/// <param name="MaxResumeBytes">Résumé files larger than this are refused (finding). Default 10 MB.</param>
/// <param name="MaxPhotoBytes">Photo files larger than this are refused (finding). Default 20 MB.</param>
/// <param name="LoadFiles">Read résumé and photo files (false: only the paths are checked). Default true.</param>
public sealed record VetReaderOptions(
    bool SkipMalformedRows = false,
    long MaxResumeBytes = 10 * 1024 * 1024,
    long MaxPhotoBytes = 20 * 1024 * 1024,
    bool LoadFiles = true)
{
    /// <summary>Caps on text, PDF pages and .docx unpacked size for résumé files (PDF, .docx, plain text).</summary>
    public ResumeFileLimits ResumeLimits { get; init; } = new();
}

namespace Unmask.Watchlists;

/// <summary>
/// Limits on everything a list reader takes from a file, checked while the file is streamed so that a small hostile
/// file cannot make a reader use unbounded memory or CPU. Going over a limit is bad input (<see cref="Domain.InputException"/>
/// naming the file, the line or record, and the limit), except for the descriptive fields named below, which are cut to
/// their limit with a warning. The defaults are about ten times the largest value in the real published lists (measured
/// on the OFAC, UN, OFSI, OpenSanctions and IOC files in shared/data, December 2026), so real lists never meet them.
/// </summary>
/// <param name="MaxFileBytes">Largest file read (the CLI's <c>--max-bytes</c>). Default 512 MiB.</param>
/// <param name="MaxLineBytes">Longest line of a text file, and longest record of a CSV file (a quoted field may span
/// lines). Real maximum: 12.5 KB (an OpenSanctions FtM line); OFAC sdn_comments.csv lines reach 7.8 KB. Default 4 MiB.</param>
/// <param name="MaxFieldChars">Longest single value in a file: one CSV field, one XML text node or attribute. It bounds
/// what is held in memory before a value reaches an entity. Real maximum: 7,812 (a continued OFAC remark). Default 65,536.</param>
/// <param name="MaxRecordChars">Most text in one XML record (an OFAC <c>sdnEntry</c>, a UN <c>INDIVIDUAL</c>, …), all
/// text and attribute values together. Real records hold a few KB. Default 4 Mi characters.</param>
/// <param name="MaxXmlDepth">Deepest element nesting in an XML file. Real lists nest at most 10 deep (OFAC's enhanced XML). Default 64.</param>
/// <param name="MaxNameChars">Longest name or name part (name, alias, weak alias, previous name, first/last/middle
/// name…). Real maximum: 324 (a UN alias that packs several). A longer name is <b>refused</b>: cut short it would match
/// the wrong people. Default 2,000.</param>
/// <param name="MaxAddressChars">Longest address. Real maximum: 218 (OFAC add.csv). A longer one is <b>cut</b> with a
/// warning. Default 2,000.</param>
/// <param name="MaxTextChars">Longest value of any other property (notes, remarks, positions…). Real maximum: about
/// 8,800 (an OFAC remark joined with its sdn_comments.csv continuation). A longer one is <b>cut</b> with a warning. Default 32,000.</param>
/// <param name="MaxZipEntries">Most entries in an xlsx (zip) file. A real OFSI workbook has 7. Default 1,000.</param>
/// <param name="MaxZipEntryBytes">Largest entry of an xlsx once inflated. Real maximum: 12.9 MB (OFSI's sheet). Default 64 MiB.</param>
/// <param name="MaxXlsxPartBytes">Largest xlsx part other than a worksheet or the shared-string table (workbook,
/// relationships, content types, styles): the OpenXML SDK loads these whole. Real maximum: 1 KB. Default 1 MiB.</param>
/// <param name="MaxZipTotalBytes">Most bytes all entries of an xlsx inflate to together. Real: 17 MB. Default 128 MiB.</param>
/// <param name="MaxCompressionRatio">Largest inflated/compressed size ratio of an xlsx entry bigger than 1 MiB inflated.
/// Real maximum: 9.9; zip bombs reach 1,000. Default 100.</param>
/// <param name="MaxSheetRows">Most rows, and the highest row number, of a sheet: Excel's own maximum, 1,048,576. Real: 18,800.</param>
/// <param name="MaxSheetColumns">Highest column of a cell reference: Excel's own maximum, 16,384 (column XFD). Real: 36.</param>
/// <param name="MaxSheetCells">Most cells in a sheet. Real: 310,692. Default 4,000,000.</param>
/// <param name="MaxSharedStrings">Most entries in an xlsx shared-string table. Real: 36,675. Default 1,000,000.</param>
public sealed record ReadLimits(
    long MaxFileBytes = ReadLimits.DefaultMaxFileBytes,
    int MaxLineBytes = 4 * 1024 * 1024,
    int MaxFieldChars = 65_536,
    int MaxRecordChars = 4 * 1024 * 1024,
    int MaxXmlDepth = 64,
    int MaxNameChars = 2_000,
    int MaxAddressChars = 2_000,
    int MaxTextChars = 32_000,
    int MaxZipEntries = 1_000,
    long MaxZipEntryBytes = 64L * 1024 * 1024,
    long MaxXlsxPartBytes = 1024 * 1024,
    long MaxZipTotalBytes = 128L * 1024 * 1024,
    int MaxCompressionRatio = 100,
    int MaxSheetRows = 1_048_576,
    int MaxSheetColumns = 16_384,
    long MaxSheetCells = 4_000_000,
    int MaxSharedStrings = 1_000_000)
{
    public const long DefaultMaxFileBytes = 512L * 1024 * 1024;

    public static ReadLimits Default { get; } = new();
}

namespace Unmask.Watchlists;

/// <summary>
/// Which part of its dataset a file fills. A dataset is the union of its parts, and importing a file replaces only its
/// own part: the typed CSVs of an IOC collection (<c>emails.csv</c>, <c>phones.csv</c>) or OFAC's per-asset wallet files
/// are parts of one dataset, each named after its file. A file of a complete list (OFAC SDN CSV trio or XML, UN, EU, UK)
/// is the whole list, whatever it is called, so <c>sdn.csv</c> and a later <c>sdn.xml</c> replace each other.
/// </summary>
public static class ListParts
{
    /// <summary>The one part of a dataset published as a complete list.</summary>
    public const string WholeList = "list";

    private static readonly HashSet<ListFormat> CompleteLists =
    [
        ListFormat.OfacSdnCsv,
        ListFormat.OfacSdnXml,
        ListFormat.OfacAdvancedXml,
        ListFormat.UnConsolidatedXml,
        ListFormat.EuFsfXml,
        ListFormat.EuFsfCsv,
        ListFormat.UkOfsiCsv,
        ListFormat.UkOfsiXlsx,
        ListFormat.UkSanctionsListXml,
    ];

    /// <summary>The part <paramref name="fileName"/> fills: <see cref="WholeList"/> for a complete list, else the file name
    /// without its extension, in lower case (<c>Emails.csv</c> and <c>emails.csv</c> are one part).</summary>
    public static string Of(ListFormat format, string fileName)
    {
        if (CompleteLists.Contains(format))
        {
            return WholeList;
        }
        var stem = Path.GetFileNameWithoutExtension(fileName);
        return (stem.Length > 0 ? stem : Path.GetFileName(fileName)).ToLowerInvariant();
    }
}

using Unmask.Domain;

namespace Unmask.Watchlists;

/// <summary>Every reader, and format detection by content: each reader sniffs the first 64 KiB of a file. Each reader is
/// held to the field limits of <see cref="ReadLimits"/> (see <see cref="FieldLimitedReader"/>).</summary>
public sealed class ListReaders
{
    public const int HeadBytes = 64 * 1024;

    public ListReaders(IEnumerable<IListReader> readers)
    {
        All = [.. readers.Select(FieldLimitedReader.Wrap)];
    }

    /// <summary>The readers in detection order: specific formats before generic ones (IOC text last).</summary>
    public static ListReaders Default => new(
    [
        new Ofac.OfacSdnCsvReader(),
        new Ofac.OfacSdnXmlReader(),
        new Ofac.OfacAdvancedXmlReader(),
        new Un.UnConsolidatedXmlReader(),
        new Eu.EuFsfXmlReader(),
        new Eu.EuFsfCsvReader(),
        new Uk.UkSanctionsListXmlReader(),
        new Uk.UkOfsiXlsxReader(),
        new Uk.UkOfsiCsvReader(),
        new FollowTheMoney.FollowTheMoneyJsonReader(),
        new Stix.Stix21BundleReader(),
        new Ioc.IocCsvReader(),
        new Ioc.IocTextReader(),
    ]);

    public IReadOnlyList<IListReader> All { get; }

    /// <summary>True when the file is a companion of another list file (OFAC add.csv, alt.csv, sdn_comments.csv) and is read with it.</summary>
    public static bool IsCompanion(ReadOnlySpan<byte> head) => CompanionSniffers.Any(head);

    public IListReader? Detect(ReadOnlySpan<byte> head)
    {
        foreach (var reader in All)
        {
            if (reader.Sniff(head))
            {
                return reader;
            }
        }
        return null;
    }

    /// <summary>Reads the first bytes of a file for detection; an empty file is bad input.</summary>
    public static byte[] ReadHead(ListInput input)
    {
        using var stream = input.Open();
        var buffer = new byte[HeadBytes];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += read;
        }
        if (total == 0 || buffer.AsSpan(0, total).Trim((byte)0x1A).IsEmpty)
        {
            throw new InputException(input.Name, null, "file is empty");
        }
        return buffer[..total];
    }

    private static class CompanionSniffers
    {
        public static bool Any(ReadOnlySpan<byte> head) => Ofac.OfacSdnCsvReader.SniffCompanion(head);
    }
}

using System.Buffers.Binary;
using System.IO.Compression;
using Unmask.Domain;

namespace Unmask.Watchlists.Io;

/// <summary>
/// Checks a zip container (an xlsx workbook) before a parser opens it: the number of entries, each entry's inflated size
/// and compression ratio, the inflated total, and entry names that would point outside the archive. .NET inflates a zip
/// entry only up to the size its central directory declares, so checking the declared sizes bounds what any later reader
/// of the package can inflate.
/// </summary>
public static class ZipGuard
{
    private const uint EndOfCentralDirectorySignature = 0x06054B50;
    private const int EndOfCentralDirectoryLength = 22;
    private const long RatioCheckedFrom = 1024 * 1024;

    /// <summary>Throws <see cref="InputException"/> when the zip in <paramref name="stream"/> (seekable) breaks a limit;
    /// leaves the stream where it was.</summary>
    /// <param name="maxEntryBytes">The inflated size allowed for an entry, by name; at most <see cref="ReadLimits.MaxZipEntryBytes"/>.</param>
    public static void Check(Stream stream, string file, ReadLimits limits, Func<string, long>? maxEntryBytes = null)
    {
        var start = stream.Position;
        try
        {
            // The entry count is read from the end record first: ZipArchive would build every entry before we could count them.
            if (DeclaredEntryCount(stream) is { } declared && declared > limits.MaxZipEntries)
            {
                throw Refused(file, $"it has {declared:N0} entries, over the limit of {limits.MaxZipEntries:N0}");
            }
            stream.Position = start;
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > limits.MaxZipEntries)
            {
                throw Refused(file, $"it has {zip.Entries.Count:N0} entries, over the limit of {limits.MaxZipEntries:N0}");
            }
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                if (!IsInsideArchive(entry.FullName))
                {
                    throw Refused(file, $"entry '{Printable(entry.FullName)}' names a path outside the archive");
                }
                var max = Math.Min(limits.MaxZipEntryBytes, maxEntryBytes?.Invoke(entry.FullName) ?? long.MaxValue);
                if (entry.Length > max)
                {
                    throw Refused(file, $"entry '{Printable(entry.FullName)}' inflates to {entry.Length:N0} bytes, over the limit of {max:N0}");
                }
                if (entry.Length > RatioCheckedFrom && entry.Length > entry.CompressedLength * limits.MaxCompressionRatio)
                {
                    throw Refused(file, $"entry '{Printable(entry.FullName)}' inflates {entry.Length / Math.Max(1, entry.CompressedLength):N0} times "
                        + $"its compressed size, over the limit of {limits.MaxCompressionRatio:N0} (a zip bomb?)");
                }
                total += entry.Length;
                if (total > limits.MaxZipTotalBytes)
                {
                    throw Refused(file, $"its entries inflate to more than {limits.MaxZipTotalBytes:N0} bytes together");
                }
            }
        }
        catch (InvalidDataException error)
        {
            throw new InputException(file, null, $"not a readable zip (xlsx) file: {error.Message}", error);
        }
        finally
        {
            stream.Position = start;
        }
    }

    /// <summary>Whether a zip entry name stays inside the folder it would be extracted to.</summary>
    public static bool IsInsideArchive(string name)
    {
        if (name.Length == 0 || name[0] is '/' or '\\' || name.Contains('\0') || (name.Length > 1 && name[1] == ':'))
        {
            return false;
        }
        return !name.Split('/', '\\').Any(part => part == "..");
    }

    /// <summary>The entry count of the end-of-central-directory record (searched in the last 64 KiB), or null when there
    /// is none (ZipArchive then reports the problem). When the count is deferred to a ZIP64 record, the most entries the
    /// central directory's size allows (46 bytes at least each), and all of them when that size is deferred too.</summary>
    private static long? DeclaredEntryCount(Stream stream)
    {
        var tail = (int)Math.Min(stream.Length, ushort.MaxValue + EndOfCentralDirectoryLength);
        var buffer = new byte[tail];
        stream.Position = stream.Length - tail;
        stream.ReadExactly(buffer);
        for (var i = tail - EndOfCentralDirectoryLength; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(i)) == EndOfCentralDirectorySignature)
            {
                var count = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(i + 10));
                var directoryBytes = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(i + 12));
                return count != ushort.MaxValue ? count : directoryBytes != uint.MaxValue ? directoryBytes / 46 : long.MaxValue;
            }
        }
        return null;
    }

    private static InputException Refused(string file, string reason) => new(file, null, $"xlsx refused: {reason}");

    private static string Printable(string name) =>
        new([.. name.Take(100).Select(c => char.IsControl(c) ? '?' : c)]);
}

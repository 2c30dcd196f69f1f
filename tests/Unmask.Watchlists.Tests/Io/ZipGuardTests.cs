using System.Buffers.Binary;
using System.IO.Compression;
using Unmask.Watchlists.Io;

namespace Unmask.Watchlists.Tests.Io;

public sealed class ZipGuardTests
{
    [Theory]
    [InlineData("xl/worksheets/sheet1.xml", true)]
    [InlineData("[Content_Types].xml", true)]
    [InlineData("xl/..name.xml", true)]
    [InlineData("../x.xml", false)]
    [InlineData("xl\\..\\..\\x.xml", false)]
    [InlineData("/x.xml", false)]
    [InlineData("\\x.xml", false)]
    [InlineData("C:x.xml", false)]
    [InlineData("x\0.xml", false)]
    [InlineData("", false)]
    public void Entry_names_must_stay_inside_the_archive(string name, bool inside) => ZipGuard.IsInsideArchive(name).ShouldBe(inside);

    [Fact]
    public void An_entry_inflates_no_further_than_the_size_its_central_directory_declares()
    {
        // ZipGuard checks declared sizes only; this pins the .NET behaviour that makes that enough: an entry whose headers
        // claim 100 bytes but whose data inflates to 1 MB gives 100 bytes (or an error), never the megabyte.
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        using (var entry = zip.CreateEntry("xl/worksheets/sheet1.xml").Open())
        {
            entry.Write(new byte[1024 * 1024]);
        }
        var bytes = buffer.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(22), 100); // local header: uncompressed size
        var central = bytes.AsSpan().IndexOf("PK\u0001\u0002"u8);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(central + 24), 100);

        using var patched = new ZipArchive(new MemoryStream(bytes));
        long inflated = 0;
        try
        {
            using var stream = patched.Entries[0].Open();
            inflated = CountBytes(stream);
        }
        catch (InvalidDataException)
        {
        }

        inflated.ShouldBeLessThanOrEqualTo(100);
    }

    private static long CountBytes(Stream stream)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            total += read;
        }
        return total;
    }
}

using System.IO.Compression;
using Unmask.TestKit;
using Unmask.Vetting.Input;
using Unmask.Vetting.Tests.Scenario;

namespace Unmask.Vetting.Tests.Input;

public sealed class PhotoReaderTests
{
    [Fact]
    public void A_png_declaring_fifty_thousand_pixels_square_is_refused_from_its_header_before_decoding()
    {
        var bomb = ScenarioImages.DeclaringSize(50_000, 50_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        PhotoReader.DimensionProblem(bomb, new VetInputLimits().MaxPhotoPixels)!.ShouldContain("50,000 × 50,000");
        PhotoReader.DifferenceHash(bomb).ShouldBeNull();

        (GC.GetAllocatedBytesForCurrentThread() - allocated).ShouldBeLessThan(16L * 1024 * 1024);
        PhotoReader.DimensionProblem(ScenarioImages.Face(1, 1, null), 40_000_000).ShouldBeNull();
    }

    [Fact]
    public void Thousands_of_compressed_text_chunks_yield_at_most_the_metadata_limit()
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize))
        {
            zlib.Write(new byte[1024 * 1024]);
        }
        var chunk = ScenarioImages.Chunk("zTXt", [.. "Comment"u8, 0, 0, .. compressed.ToArray()]);
        var png = ScenarioImages.WithChunks(ScenarioImages.Face(1, 1, null), Enumerable.Repeat(chunk, 3_000).ToArray());

        var metadata = PhotoReader.Metadata(png, maxBytes: 1024 * 1024);

        metadata.Sum(m => m.Key.Length + m.Value.Length).ShouldBeLessThanOrEqualTo(1024 * 1024 + 8192);
        metadata.Count.ShouldBeLessThan(5);
    }

    [Fact]
    public void A_photo_bomb_in_a_vetting_file_is_a_finding_on_its_record()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("bomb.png"), ScenarioImages.DeclaringSize(50_000, 50_000));
        var input = folder.Write("in.csv", "id,kind,name,photo_path\nA-1,applicant,Jane Doe,bomb.png\n");

        var record = VetRecordReader.Read(input).Records.Single();

        record.Photo.ShouldBeNull();
        record.Issues.ShouldContain(i => i.Field == "photo_path" && i.Reason.Contains("refused before decoding"));
    }
}

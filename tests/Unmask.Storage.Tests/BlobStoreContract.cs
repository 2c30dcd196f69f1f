using System.Security.Cryptography;
using System.Text;
using Unmask.Storage;
using Unmask.TestKit.Databases;

namespace Unmask.Storage.Tests;

/// <summary>What every backend's blob store must do: contents kept once by SHA-256, byte for byte, and pruned when nothing
/// refers to them.</summary>
public abstract class BlobStoreContract(StoreBackend backend)
{
    private Task<IUnmaskStore> NewStoreAsync() => backend.NewStoreAsync();

    [Fact]
    public async Task A_blob_is_kept_under_the_sha256_of_its_content()
    {
        await using var store = await NewStoreAsync();
        var content = Encoding.UTF8.GetBytes("<html><body>Kwangsoft Solutions</body></html>");

        var sha256 = await store.Blobs.PutAsync(content, "text/html");

        sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(content)));
        var blob = (await store.Blobs.GetAsync(sha256)).ShouldNotBeNull();
        blob.Sha256.ShouldBe(sha256);
        blob.MediaType.ShouldBe("text/html");
        blob.Content.ShouldBe(content);
    }

    [Fact]
    public async Task The_same_content_is_stored_once_and_keeps_its_first_media_type()
    {
        await using var store = await NewStoreAsync();
        var content = Encoding.UTF8.GetBytes("same bytes");

        var first = await store.Blobs.PutAsync(content, "text/plain");
        var second = await store.Blobs.PutAsync(content, "application/octet-stream");

        second.ShouldBe(first);
        (await store.Blobs.GetAsync(first)).ShouldNotBeNull().MediaType.ShouldBe("text/plain");
        (await store.Blobs.PruneAsync()).ShouldBe(1, "one row for the two puts");
    }

    [Fact]
    public async Task Empty_and_binary_contents_come_back_byte_for_byte()
    {
        await using var store = await NewStoreAsync();
        var binary = new byte[3 * 1024 * 1024 + 17];
        new Random(15).NextBytes(binary);
        binary[0] = 0;
        binary[^1] = 0;

        var empty = await store.Blobs.PutAsync(ReadOnlyMemory<byte>.Empty, "application/octet-stream");
        var large = await store.Blobs.PutAsync(binary, "image/png");

        (await store.Blobs.GetAsync(empty)).ShouldNotBeNull().Content.ShouldBeEmpty();
        (await store.Blobs.GetAsync(large)).ShouldNotBeNull().Content.ShouldBe(binary);
    }

    [Fact]
    public async Task An_unknown_hash_is_no_blob_and_a_hash_is_found_in_either_case()
    {
        await using var store = await NewStoreAsync();
        var sha256 = await store.Blobs.PutAsync("x"u8.ToArray(), "text/plain");

        (await store.Blobs.GetAsync(new string('0', 64))).ShouldBeNull();
        (await store.Blobs.GetAsync(sha256.ToUpperInvariant())).ShouldNotBeNull().Sha256.ShouldBe(sha256);
    }

    [Fact]
    public async Task Pruning_removes_the_blobs_nothing_refers_to()
    {
        await using var store = await NewStoreAsync();
        var a = await store.Blobs.PutAsync("a"u8.ToArray(), "text/plain");
        var b = await store.Blobs.PutAsync("b"u8.ToArray(), "text/plain");

        (await store.Blobs.PruneAsync()).ShouldBe(2);

        (await store.Blobs.GetAsync(a)).ShouldBeNull();
        (await store.Blobs.GetAsync(b)).ShouldBeNull();
        (await store.Blobs.PruneAsync()).ShouldBe(0);
    }
}

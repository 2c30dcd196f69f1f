using System.Text;
using Unmask.WebsiteAnalysis.Fingerprints;

namespace Unmask.WebsiteAnalysis.Tests.Fingerprints;

public sealed class Murmur3Tests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("hello", 613153351)]
    [InlineData("foo", -156908512)]
    public void Matches_the_reference_implementation(string text, int expected) =>
        Murmur3.Hash32(Encoding.UTF8.GetBytes(text)).ShouldBe(expected);

    [Fact]
    public void Favicon_hash_is_murmur3_of_base64_with_a_newline_every_76_characters()
    {
        var icon = Enumerable.Range(0, 200).Select(i => (byte)i).ToArray();
        var base64 = Convert.ToBase64String(icon);
        var python = string.Concat(base64.Chunk(76).Select(c => new string(c) + "\n")); // base64.encodebytes

        FaviconHash.Compute(icon).ShouldBe(Murmur3.Hash32(Encoding.ASCII.GetBytes(python)));
        FaviconHash.Compute(icon).ShouldNotBe(Murmur3.Hash32(Encoding.ASCII.GetBytes(base64)));
    }
}

namespace Unmask.WebsiteAnalysis.Fingerprints;

/// <summary>MurmurHash3 x86_32 (Austin Appleby, public domain), the hash Shodan uses for <c>http.favicon.hash</c>.</summary>
public static class Murmur3
{
    public static int Hash32(ReadOnlySpan<byte> data, uint seed = 0)
    {
        const uint c1 = 0xcc9e2d51;
        const uint c2 = 0x1b873593;
        var h1 = seed;
        var blocks = data.Length / 4;
        for (var i = 0; i < blocks; i++)
        {
            var k1 = (uint)(data[i * 4] | data[(i * 4) + 1] << 8 | data[(i * 4) + 2] << 16 | data[(i * 4) + 3] << 24);
            k1 *= c1;
            k1 = RotateLeft(k1, 15);
            k1 *= c2;
            h1 ^= k1;
            h1 = RotateLeft(h1, 13);
            h1 = (h1 * 5) + 0xe6546b64;
        }
        var tail = data[(blocks * 4)..];
        uint k = 0;
        switch (tail.Length)
        {
            case 3:
                k ^= (uint)tail[2] << 16;
                goto case 2;
            case 2:
                k ^= (uint)tail[1] << 8;
                goto case 1;
            case 1:
                k ^= tail[0];
                k *= c1;
                k = RotateLeft(k, 15);
                k *= c2;
                h1 ^= k;
                break;
        }
        h1 ^= (uint)data.Length;
        h1 ^= h1 >> 16;
        h1 *= 0x85ebca6b;
        h1 ^= h1 >> 13;
        h1 *= 0xc2b2ae35;
        h1 ^= h1 >> 16;
        return unchecked((int)h1);
    }

    private static uint RotateLeft(uint x, int r) => (x << r) | (x >> (32 - r));
}

/// <summary>Favicon hash as Shodan computes it: <c>mmh3.hash(base64.encodebytes(data))</c>, i.e. MurmurHash3 x86_32 of the
/// standard base64 text with a newline after every 76 characters and at the end (Python's <c>encodebytes</c>).</summary>
public static class FaviconHash
{
    public static int Compute(ReadOnlySpan<byte> icon)
    {
        var base64 = Convert.ToBase64String(icon);
        var builder = new System.Text.StringBuilder(base64.Length + (base64.Length / 76) + 2);
        for (var i = 0; i < base64.Length; i += 76)
        {
            builder.Append(base64, i, Math.Min(76, base64.Length - i)).Append('\n');
        }
        return Murmur3.Hash32(System.Text.Encoding.ASCII.GetBytes(builder.ToString()));
    }
}

using System.IO.Compression;
using System.Text;
using CsCheck;

namespace Unmask.Fuzzing;

/// <summary>
/// Input generators: mostly seeds changed a little (bytes flipped, cut short, a tricky token or a huge field inserted, a line
/// or a tag repeated into deep nesting, parts of two seeds spliced), some plain random bytes. Zip-based seeds (xlsx, docx)
/// also have one entry changed inside a valid archive so the XML parts behind the zip are reached.
/// </summary>
public static class Mutations
{
    private static readonly string[] Tokens =
    [
        "\"", "\"\"", ",", ";", "\t", "\n", "\r\n", "\r", "\0", "<", ">", "&", "&amp;", "&#0;", "&#xD800;", "]]>", "<![CDATA[",
        "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>", "<!ENTITY e SYSTEM \"file:///etc/passwd\">",
        "&e;", "-0-", "-0- ", "\\ud800", "\\udc00\"", "\\u0000", "{", "}", "[", "]", ":", "null", "true", "1e999", "-1",
        "99999999999999999999", "0x", "NaN", "9999-99-99", "00/00/0000", "2026-02-30", "ZZZZZZ57", "A1048577", "\u0301\u0301\u0301",
        "\u200B", "\uFEFF", "\u202E", "Kim\u0001Jong", "<meta charset=\"utf-7\">", "<meta charset=\"x-unknown\">", "+ADw-",
        "Content-Length: 99999999999", "Content-Length: -5", "WARC/1.0\r\n", "\r\n\r\n", "Content-Encoding: gzip\r\n",
        "<div>", "</div>", "<script>", "<svg>", "<a href=\"javascript:", "%PDF-1.7", "%%EOF", "obj", "endobj", "stream", "trailer",
        "id", "name", "timestamp", "user_id", "ip", "2001:db8::1", "::ffff:1.2.3.4", "999.1.1.1",
    ];

    /// <summary>Generated inputs stay under this size: big enough for huge fields and deep nesting, small enough to run
    /// thousands a minute. Bombs that need larger files are tested one by one elsewhere.</summary>
    public const int MaxInputBytes = 256 * 1024;

    private static readonly string[] Openers = ["<a>", "<div>", "[", "{\"a\":", "<x:y>", "((", "\"", "<!--"];

    /// <summary>Inputs for one target: 85% mutated seeds, 15% random bytes (all random bytes when there are no seeds).</summary>
    public static Gen<byte[]> For(IReadOnlyList<byte[]> seeds)
    {
        var randomBytes = Gen.Byte.Array[0, 2048];
        if (seeds.Count == 0)
        {
            return randomBytes;
        }
        var mutated = Gen.Select(Gen.Int[0, seeds.Count - 1], Gen.Int[1, 4], Gen.Int, (seed, count, randomSeed) =>
            Mutate(seeds, seeds[seed], count, new Random(randomSeed)));
        return Gen.Frequency((85, mutated), (15, randomBytes));
    }

    public static byte[] Mutate(IReadOnlyList<byte[]> seeds, byte[] seed, int count, Random random)
    {
        if (IsZip(seed) && random.Next(10) < 7 && MutateZipEntry(seeds, seed, count, random) is { } zip)
        {
            return zip;
        }
        var bytes = new List<byte>(seed);
        for (var i = 0; i < count; i++)
        {
            MutateOnce(seeds, bytes, random);
        }
        return [.. bytes];
    }

    private static void MutateOnce(IReadOnlyList<byte[]> seeds, List<byte> bytes, Random random)
    {
        Change(seeds, bytes, random);
        if (bytes.Count > MaxInputBytes)
        {
            bytes.RemoveRange(MaxInputBytes, bytes.Count - MaxInputBytes);
        }
    }

    private static void Change(IReadOnlyList<byte[]> seeds, List<byte> bytes, Random random)
    {
        var at = random.Next(bytes.Count + 1);
        switch (random.Next(9))
        {
            case 0:
                for (var flips = random.Next(1, 9); flips > 0 && bytes.Count > 0; flips--)
                {
                    bytes[random.Next(bytes.Count)] = (byte)random.Next(256);
                }
                break;
            case 1:
                bytes.RemoveRange(at, bytes.Count - at);
                break;
            case 2:
                bytes.InsertRange(at, Encoding.UTF8.GetBytes(Tokens[random.Next(Tokens.Length)]));
                break;
            case 3:
                bytes.RemoveRange(at, Math.Min(random.Next(1, 64), bytes.Count - at));
                break;
            case 4:
                var length = Math.Min(random.Next(1, 64), bytes.Count - at);
                var chunk = bytes.GetRange(at, length);
                for (var times = random.Next(2, 2000); times > 0 && chunk.Count > 0; times--)
                {
                    bytes.InsertRange(at, chunk);
                }
                break;
            case 5:
                bytes.InsertRange(at, Enumerable.Repeat((byte)"Aé,\"<0 "[random.Next(7)], random.Next(1_000, 100_000)));
                break;
            case 6:
                var opener = Encoding.UTF8.GetBytes(Openers[random.Next(Openers.Length)]);
                var depth = random.Next(100, 10_000);
                var nested = new byte[opener.Length * depth];
                for (var d = 0; d < depth; d++)
                {
                    opener.CopyTo(nested, d * opener.Length);
                }
                bytes.InsertRange(at, nested);
                break;
            case 7:
                var other = seeds[random.Next(seeds.Count)];
                var from = random.Next(other.Length + 1);
                bytes.InsertRange(at, other.AsSpan(from, Math.Min(random.Next(1, 512), other.Length - from)).ToArray());
                break;
            default:
                var lineEnd = bytes.Count == 0 ? -1 : bytes.IndexOf((byte)'\n', Math.Min(at, bytes.Count - 1));
                if (lineEnd > 0)
                {
                    var lineStart = bytes.LastIndexOf((byte)'\n', Math.Max(0, lineEnd - 1)) + 1;
                    var line = bytes.GetRange(lineStart, lineEnd - lineStart + 1);
                    for (var times = random.Next(1, 500); times > 0; times--)
                    {
                        bytes.InsertRange(lineEnd + 1, line);
                    }
                }
                break;
        }
    }

    private static bool IsZip(byte[] bytes) => bytes.Length > 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;

    private static byte[]? MutateZipEntry(IReadOnlyList<byte[]> seeds, byte[] seed, int count, Random random)
    {
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(seed), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            var chosen = random.Next(source.Entries.Count);
            for (var i = 0; i < source.Entries.Count; i++)
            {
                var entry = source.Entries[i];
                using var read = entry.Open();
                using var content = new MemoryStream();
                read.CopyTo(content);
                var bytes = content.ToArray();
                if (i == chosen)
                {
                    var changed = new List<byte>(bytes);
                    for (var m = 0; m < count; m++)
                    {
                        MutateOnce(seeds, changed, random);
                    }
                    bytes = [.. changed];
                }
                using var write = target.CreateEntry(entry.FullName, CompressionLevel.Fastest).Open();
                write.Write(bytes);
            }
        }
        return output.ToArray();
    }
}

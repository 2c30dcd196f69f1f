using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace Unmask.Vetting.Tests.Scenario;

/// <summary>Synthetic "portrait" PNGs: a few soft shapes from a seed (one seed = one face), light per-copy noise and
/// re-scaling (a re-uploaded copy), and optional PNG tEXt metadata as image generators write it.</summary>
public static class ScenarioImages
{
    public static byte[] Face(int seed, int noiseSeed, (string Key, string Value)? metadata)
    {
        var rng = new Random(seed);
        var noise = new Random(noiseSeed);
        const int size = 128;
        using var bitmap = new SKBitmap(size, size);
        using (var canvas = new SKCanvas(bitmap))
        {
            // Photos have no perfectly flat regions: a lit gradient background, like a studio backdrop.
            using var background = new SKPaint
            {
                Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(size, size * (float)rng.NextDouble()),
                    [new SKColor((byte)rng.Next(256), (byte)rng.Next(256), (byte)rng.Next(256)), new SKColor((byte)rng.Next(256), (byte)rng.Next(256), (byte)rng.Next(256))],
                    SKShaderTileMode.Clamp),
            };
            canvas.DrawRect(0, 0, size, size, background);
            using var paint = new SKPaint { IsAntialias = true };
            for (var i = 0; i < 6; i++)
            {
                paint.Color = new SKColor((byte)rng.Next(256), (byte)rng.Next(256), (byte)rng.Next(256));
                var (cx, cy, radius) = ((float)(rng.NextDouble() * size), (float)(rng.NextDouble() * size), (float)(size * (0.1 + (rng.NextDouble() * 0.35))));
                paint.Shader = SKShader.CreateRadialGradient(new SKPoint(cx, cy), radius, [paint.Color, paint.Color.WithAlpha(40)], SKShaderTileMode.Clamp);
                canvas.DrawCircle(cx, cy, radius, paint);
                paint.Shader = null;
            }
            paint.Color = new SKColor(0, 0, 0, 12);
            for (var i = 0; i < 20; i++)
            {
                canvas.DrawRect((float)(noise.NextDouble() * size), (float)(noise.NextDouble() * size), 2, 2, paint);
            }
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        var png = data.ToArray();
        return metadata is { } m ? WithTextChunk(png, m.Key, m.Value) : png;
    }

    /// <summary>Inserts a tEXt chunk right after IHDR (PNG spec §11.3.4.3), with its CRC-32.</summary>
    public static byte[] WithTextChunk(byte[] png, string key, string value) =>
        WithChunks(png, Chunk("tEXt", [.. Encoding.Latin1.GetBytes(key), 0, .. Encoding.Latin1.GetBytes(value)]));

    /// <summary>Inserts chunks right after IHDR.</summary>
    public static byte[] WithChunks(byte[] png, params byte[][] chunks)
    {
        var ihdrEnd = 8 + 12 + BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(8));
        return [.. png.AsSpan(0, ihdrEnd), .. chunks.SelectMany(c => c), .. png.AsSpan(ihdrEnd)];
    }

    /// <summary>One PNG chunk: length, type, payload and CRC-32 (PNG spec §5.3).</summary>
    public static byte[] Chunk(string type, byte[] payload)
    {
        var chunk = new byte[12 + payload.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, payload.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        payload.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + payload.Length), Crc32(chunk.AsSpan(4, 4 + payload.Length)));
        return chunk;
    }

    /// <summary>A tiny PNG whose header declares <paramref name="width"/> × <paramref name="height"/> 8-bit RGBA pixels and whose
    /// image data is one compressed run of zeros: a decompression bomb for a decoder that trusts the header.</summary>
    public static byte[] DeclaringSize(int width, int height)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 6;
        using var compressed = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionLevel.Fastest))
        {
            zlib.Write(new byte[64 * 1024]);
        }
        return [137, 80, 78, 71, 13, 10, 26, 10, .. Chunk("IHDR", header), .. Chunk("IDAT", compressed.ToArray()), .. Chunk("IEND", [])];
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }
}

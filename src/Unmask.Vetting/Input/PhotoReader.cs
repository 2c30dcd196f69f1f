using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SkiaSharp;
using Unmask.Vetting.Model;

namespace Unmask.Vetting.Input;

/// <summary>Reads what vetting needs from a photo: a 64-bit difference hash and the generator-relevant text metadata.</summary>
public static class PhotoReader
{
    private static readonly byte[] PngSignature = [137, 80, 78, 71, 13, 10, 26, 10];

    public static PhotoInfo Read(string path, byte[] bytes, VetInputLimits? limits = null)
    {
        limits ??= new VetInputLimits();
        return new(path, DifferenceHash(bytes, limits.MaxPhotoPixels), Metadata(bytes, limits.MaxPhotoMetadataBytes));
    }

    /// <summary>Why a photo is refused before any pixel is decoded: the size its header declares is over
    /// <paramref name="maxPixels"/> (a 20 KB PNG can declare 50,000 × 50,000, 10 GB once decoded). Null when it may be decoded
    /// (or has no header an image codec recognises, which decoding then reports).</summary>
    public static string? DimensionProblem(byte[] bytes, long maxPixels)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return null;
        }
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        return (long)width * height > maxPixels
            ? $"declares {width:N0} × {height:N0} pixels, more than {maxPixels:N0}: refused before decoding"
            : null;
    }

    /// <summary>dHash (Krawetz, "Kind of Like That", 2013): the image shrunk to 9×8 grey pixels, one bit per horizontally
    /// adjacent pair (left brighter than right). Robust to scaling, recompression and small edits; null if undecodable or
    /// over <paramref name="maxPixels"/> (checked from the header, before decoding).</summary>
    public static ulong? DifferenceHash(byte[] bytes, long maxPixels = 40_000_000)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null || (long)codec.Info.Width * codec.Info.Height > maxPixels)
        {
            return null;
        }
        using var bitmap = SKBitmap.Decode(codec);
        if (bitmap is null || bitmap.Width == 0 || bitmap.Height == 0)
        {
            return null;
        }
        // Box (area) average into 9×8 cells, as PIL's ANTIALIAS does for the reference dHash; point sampling would make
        // the hash flip on a few changed pixels.
        var sum = new double[8, 9];
        var count = new int[8, 9];
        var width = bitmap.Width;
        var height = bitmap.Height;
        var stepX = Math.Max(1, width / 256);
        var stepY = Math.Max(1, height / 256);
        for (var y = 0; y < height; y += stepY)
        {
            var cy = y * 8 / height;
            for (var x = 0; x < width; x += stepX)
            {
                var c = bitmap.GetPixel(x, y);
                var cx = x * 9 / width;
                sum[cy, cx] += (0.299 * c.Red) + (0.587 * c.Green) + (0.114 * c.Blue);
                count[cy, cx]++;
            }
        }
        var grey = new double[8, 9];
        for (var y = 0; y < 8; y++)
        {
            for (var x = 0; x < 9; x++)
            {
                grey[y, x] = count[y, x] == 0 ? 0 : sum[y, x] / count[y, x];
            }
        }
        return DifferenceHash(grey);
    }

    /// <summary>dHash of an 8×9 grey matrix (rows × columns).</summary>
    public static ulong DifferenceHash(double[,] grey)
    {
        ulong hash = 0;
        var bit = 0;
        for (var y = 0; y < 8; y++)
        {
            for (var x = 0; x < 8; x++)
            {
                if (grey[y, x] > grey[y, x + 1])
                {
                    hash |= 1UL << bit;
                }
                bit++;
            }
        }
        return hash;
    }

    /// <summary>PNG tEXt / zTXt / iTXt keyword-value pairs (PNG spec §11.3.4), plus <c>c2pa</c> when the file carries the C2PA
    /// digital-source-type <c>trainedAlgorithmicMedia</c> (IPTC) anywhere (JPEG APP11 / PNG caBX boxes). At most
    /// <paramref name="maxBytes"/> of text in all: thousands of compressed chunks must not inflate to gigabytes.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Metadata(byte[] bytes, int maxBytes = 1024 * 1024)
    {
        var result = new List<KeyValuePair<string, string>>();
        var budget = maxBytes;
        if (bytes.AsSpan().IndexOf("trainedAlgorithmicMedia"u8) >= 0)
        {
            result.Add(new("c2pa", "digitalSourceType=trainedAlgorithmicMedia"));
        }
        if (bytes.Length < 8 || !bytes.AsSpan(0, 8).SequenceEqual(PngSignature))
        {
            return result;
        }
        var offset = 8;
        while (offset + 12 <= bytes.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset));
            if (length < 0 || offset + 12L + length > bytes.Length)
            {
                break;
            }
            if (budget <= 0)
            {
                return result;
            }
            var type = Encoding.ASCII.GetString(bytes, offset + 4, 4);
            var data = bytes.AsSpan(offset + 8, length);
            try
            {
                switch (type)
                {
                    case "tEXt":
                    {
                        var zero = data.IndexOf((byte)0);
                        if (zero > 0)
                        {
                            Add(Encoding.Latin1.GetString(data[..zero]), Encoding.Latin1.GetString(data[(zero + 1)..]));
                        }
                        break;
                    }
                    case "zTXt":
                    {
                        var zero = data.IndexOf((byte)0);
                        if (zero > 0 && zero + 2 <= data.Length)
                        {
                            Add(Encoding.Latin1.GetString(data[..zero]), Encoding.Latin1.GetString(Inflate(data[(zero + 2)..], budget)));
                        }
                        break;
                    }
                    case "iTXt":
                    {
                        // keyword\0 compressionFlag compressionMethod languageTag\0 translatedKeyword\0 text
                        var zero = data.IndexOf((byte)0);
                        if (zero > 0 && zero + 3 < data.Length)
                        {
                            var compressed = data[zero + 1] == 1;
                            var rest = data[(zero + 3)..];
                            var lang = rest.IndexOf((byte)0);
                            if (lang < 0)
                            {
                                break;
                            }
                            rest = rest[(lang + 1)..];
                            var translated = rest.IndexOf((byte)0);
                            if (translated < 0)
                            {
                                break;
                            }
                            var text = rest[(translated + 1)..];
                            Add(Encoding.Latin1.GetString(data[..zero]), Encoding.UTF8.GetString(compressed ? Inflate(text, budget) : text));
                        }
                        break;
                    }
                    case "IEND":
                        return result;
                }
            }
            catch (InvalidDataException)
            {
                // A corrupt compressed chunk: ignore it, the rest of the metadata is still useful.
            }
            offset += 12 + length;
        }
        return result;

        void Add(string key, string value)
        {
            value = value.Length > budget ? value[..Math.Max(0, budget)] : value;
            budget -= key.Length + value.Length;
            result.Add(new(key, value));
        }
    }

    private static byte[] Inflate(ReadOnlySpan<byte> data, int maxBytes)
    {
        using var input = new MemoryStream(data.ToArray());
        using var zlib = new ZLibStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = zlib.Read(buffer)) > 0 && output.Length < maxBytes)
        {
            output.Write(buffer, 0, read);
        }
        return output.ToArray();
    }
}

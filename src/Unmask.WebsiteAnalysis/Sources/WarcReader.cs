using System.IO.Compression;
using System.Text;

namespace Unmask.WebsiteAnalysis.Sources;

/// <summary>One WARC <c>response</c> record: target URI, HTTP status, headers and the decoded HTTP body.</summary>
public sealed record WarcResponse(string TargetUri, int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body);

/// <summary>Reads response records of a WARC 1.0/1.1 file (ISO 28500), plain or gzip-compressed per record. Records other than
/// <c>response</c> are skipped; a truncated or malformed record becomes a warning and reading stops or resumes at the next record.</summary>
public static class WarcReader
{
    public static IEnumerable<WarcResponse> Read(Stream stream, Action<string> warn, long maxRecordBytes = 64L * 1024 * 1024)
    {
        var input = new BufferedStream(IsGzip(stream) ? new GZipStream(stream, CompressionMode.Decompress) : stream, 1 << 16);
        var recordNumber = 0;
        while (true)
        {
            string? versionLine;
            try
            {
                do
                {
                    versionLine = ReadLine(input);
                }
                while (versionLine is { Length: 0 });
            }
            catch (InvalidDataException e)
            {
                warn($"WARC record {recordNumber + 1}: compressed data is corrupt ({e.Message}); stopped reading");
                yield break;
            }
            if (versionLine is null)
            {
                yield break;
            }
            recordNumber++;
            if (!versionLine.StartsWith("WARC/", StringComparison.Ordinal))
            {
                warn($"WARC record {recordNumber}: expected 'WARC/1.x' but found '{Shorten(versionLine)}'; stopped reading");
                yield break;
            }
            var headers = ReadHeaders(input);
            headers.TryGetValue("WARC-Type", out var type);
            headers.TryGetValue("WARC-Target-URI", out var uri);
            uri = uri?.Trim('<', '>');
            if (!headers.TryGetValue("Content-Length", out var lengthText) || !long.TryParse(lengthText, out var length) || length < 0)
            {
                warn($"WARC record {recordNumber} ({uri ?? "no URI"}): missing Content-Length; stopped reading");
                yield break;
            }
            if (type != "response" || length > maxRecordBytes)
            {
                if (type == "response")
                {
                    warn($"WARC record {recordNumber} ({uri}): {length} bytes is over the {maxRecordBytes}-byte limit; skipped");
                }
                if (Skip(input, length) < length)
                {
                    if (type == "response")
                    {
                        warn($"WARC record {recordNumber} ({uri}): truncated");
                    }
                    yield break;
                }
                continue;
            }
            var block = new byte[length];
            var read = ReadFully(input, block);
            if (read < length)
            {
                warn($"WARC record {recordNumber} ({uri}): truncated (Content-Length {length}, only {read} bytes present); page skipped");
                yield break;
            }
            var response = ParseHttp(block, uri ?? $"record-{recordNumber}", warn);
            if (response is not null)
            {
                yield return response;
            }
        }
    }

    private static WarcResponse? ParseHttp(byte[] block, string uri, Action<string> warn)
    {
        var headerEnd = IndexOf(block, "\r\n\r\n"u8);
        var separator = 4;
        if (headerEnd < 0)
        {
            headerEnd = IndexOf(block, "\n\n"u8);
            separator = 2;
        }
        if (headerEnd < 0)
        {
            warn($"{uri}: WARC response without HTTP headers; skipped");
            return null;
        }
        var headerText = Encoding.Latin1.GetString(block, 0, headerEnd);
        var lines = headerText.Split('\n');
        var statusParts = lines[0].Trim().Split(' ', 3);
        var status = statusParts.Length >= 2 && int.TryParse(statusParts[1], out var s) ? s : 0;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }
        var body = block[(headerEnd + separator)..];
        try
        {
            if (headers.TryGetValue("Transfer-Encoding", out var te) && te.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                body = Dechunk(body);
            }
            if (headers.TryGetValue("Content-Encoding", out var ce))
            {
                body = ce.Trim().ToLowerInvariant() switch
                {
                    "gzip" or "x-gzip" => Inflate(new GZipStream(new MemoryStream(body), CompressionMode.Decompress)),
                    "deflate" => Inflate(new ZLibStream(new MemoryStream(body), CompressionMode.Decompress)),
                    "br" => Inflate(new BrotliStream(new MemoryStream(body), CompressionMode.Decompress)),
                    _ => body,
                };
            }
        }
        catch (InvalidDataException e)
        {
            warn($"{uri}: body could not be decoded ({e.Message}); skipped");
            return null;
        }
        return new WarcResponse(uri, status, headers, body);
    }

    private static byte[] Inflate(Stream compressed)
    {
        using var output = new MemoryStream();
        using (compressed)
        {
            compressed.CopyTo(output);
        }
        return output.ToArray();
    }

    private static byte[] Dechunk(byte[] body)
    {
        using var output = new MemoryStream();
        var position = 0;
        while (position < body.Length)
        {
            var lineEnd = IndexOf(body.AsSpan(position), "\r\n"u8);
            if (lineEnd < 0)
            {
                break;
            }
            var sizeText = Encoding.ASCII.GetString(body, position, lineEnd).Split(';')[0].Trim();
            if (!int.TryParse(sizeText, System.Globalization.NumberStyles.HexNumber, null, out var size) || size == 0)
            {
                break;
            }
            position += lineEnd + 2;
            var take = Math.Min(size, body.Length - position);
            output.Write(body, position, take);
            position += take + 2;
        }
        return output.ToArray();
    }

    private static Dictionary<string, string> ReadHeaders(Stream input)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (ReadLine(input) is { Length: > 0 } line)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }
        return headers;
    }

    private static string? ReadLine(Stream input)
    {
        var bytes = new List<byte>(128);
        while (true)
        {
            var b = input.ReadByte();
            if (b < 0)
            {
                return bytes.Count == 0 ? null : Encoding.UTF8.GetString(bytes.ToArray()).TrimEnd('\r');
            }
            if (b == '\n')
            {
                return Encoding.UTF8.GetString(bytes.ToArray()).TrimEnd('\r');
            }
            if (bytes.Count < 64 * 1024)
            {
                bytes.Add((byte)b);
            }
        }
    }

    private static int ReadFully(Stream input, byte[] buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            int read;
            try
            {
                read = input.Read(buffer, total, buffer.Length - total);
            }
            catch (InvalidDataException)
            {
                return total; // a cut-off gzip member
            }
            if (read == 0)
            {
                break;
            }
            total += read;
        }
        return total;
    }

    private static long Skip(Stream input, long count)
    {
        var buffer = new byte[81920];
        long skipped = 0;
        while (skipped < count)
        {
            int read;
            try
            {
                read = input.Read(buffer, 0, (int)Math.Min(buffer.Length, count - skipped));
            }
            catch (InvalidDataException)
            {
                return skipped;
            }
            if (read == 0)
            {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    private static bool IsGzip(Stream stream)
    {
        if (!stream.CanSeek)
        {
            return false;
        }
        var first = stream.ReadByte();
        var second = stream.ReadByte();
        stream.Seek(0, SeekOrigin.Begin);
        return first == 0x1F && second == 0x8B;
    }

    private static int IndexOf(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> needle) => haystack.IndexOf(needle);

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}

using System.IO.Compression;
using System.Text;
using Unmask.Domain;
using Unmask.Domain.Io;

namespace Unmask.WebsiteAnalysis.Sources;

/// <summary>One WARC <c>response</c> record: target URI, HTTP status, headers and the decoded HTTP body.</summary>
public sealed record WarcResponse(string TargetUri, int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body);

/// <summary>Reads response records of a WARC 1.0/1.1 file (ISO 28500), plain or gzip-compressed per record. Records other than
/// <c>response</c> are skipped; a truncated or malformed record becomes a warning and reading stops or resumes at the next record.
/// Decompressed bytes are counted while inflating (<see cref="SiteInputLimits.MaxInflatedBytes"/> for the file, and
/// <see cref="SiteInputLimits.MaxRecordBytes"/> per HTTP body): a decompression bomb is an <see cref="InputException"/>, never
/// gigabytes in memory.</summary>
public static class WarcReader
{
    public static IEnumerable<WarcResponse> Read(Stream stream, string file, Action<string> warn, SiteInputLimits? limits = null)
    {
        limits ??= new SiteInputLimits();
        var budget = new ReadBudget(limits.MaxInflatedBytes, max => new InputException(file, null,
            $"decompresses to more than {max:N0} bytes: refused as a decompression bomb (limit: SiteInputLimits.MaxInflatedBytes)"));
        Stream source = IsGzip(stream) ? new BudgetedStream(new GZipStream(stream, CompressionMode.Decompress), budget) : stream;
        var input = new BufferedStream(source, 1 << 16);
        var recordNumber = 0;
        while (true)
        {
            string? versionLine;
            try
            {
                do
                {
                    versionLine = ReadLine(input, limits.MaxHeaderBytes);
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
            Dictionary<string, string>? headers;
            try
            {
                headers = ReadHeaders(input, limits.MaxHeaderBytes);
            }
            catch (InvalidDataException e)
            {
                warn($"WARC record {recordNumber}: compressed data is corrupt ({e.Message}); stopped reading");
                yield break;
            }
            if (headers is null)
            {
                warn($"WARC record {recordNumber}: header longer than {limits.MaxHeaderBytes:N0} bytes; stopped reading");
                yield break;
            }
            headers.TryGetValue("WARC-Type", out var type);
            headers.TryGetValue("WARC-Target-URI", out var uri);
            uri = uri is null ? null : Shorten(uri.Trim('<', '>'), 2048);
            if (!headers.TryGetValue("Content-Length", out var lengthText) || !long.TryParse(lengthText, out var length) || length < 0)
            {
                warn($"WARC record {recordNumber} ({uri ?? "no URI"}): missing Content-Length; stopped reading");
                yield break;
            }
            if (type != "response" || length > limits.MaxRecordBytes)
            {
                if (type == "response")
                {
                    warn($"WARC record {recordNumber} ({uri}): {length} bytes is over the {limits.MaxRecordBytes}-byte limit; skipped");
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
            var response = ParseHttp(block, uri ?? $"record-{recordNumber}", warn, limits, budget,
                () => new InputException(file, null, $"WARC record {recordNumber} ({uri}): HTTP body inflates to more than {limits.MaxRecordBytes:N0} bytes: refused as a decompression bomb (limit: SiteInputLimits.MaxRecordBytes)"));
            if (response is not null)
            {
                yield return response;
            }
        }
    }

    private static WarcResponse? ParseHttp(byte[] block, string uri, Action<string> warn, SiteInputLimits limits,
        ReadBudget budget, Func<InputException> bomb)
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
        if (headerEnd > limits.MaxHeaderBytes)
        {
            warn($"{uri}: HTTP header longer than {limits.MaxHeaderBytes:N0} bytes; skipped");
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
                    "gzip" or "x-gzip" => Inflate(new GZipStream(new MemoryStream(body), CompressionMode.Decompress), limits.MaxRecordBytes, budget) ?? throw bomb(),
                    "deflate" => Inflate(new ZLibStream(new MemoryStream(body), CompressionMode.Decompress), limits.MaxRecordBytes, budget) ?? throw bomb(),
                    "br" => Inflate(new BrotliStream(new MemoryStream(body), CompressionMode.Decompress), limits.MaxRecordBytes, budget) ?? throw bomb(),
                    _ => body,
                };
            }
        }
        // BrotliStream reports corrupt data as InvalidOperationException, the zlib streams as InvalidDataException.
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException)
        {
            warn($"{uri}: body could not be decoded ({e.Message}); skipped");
            return null;
        }
        return new WarcResponse(uri, status, headers, body);
    }

    /// <summary>The inflated bytes, or null as soon as they pass <paramref name="maxBytes"/>: never more than that in memory.</summary>
    private static byte[]? Inflate(Stream compressed, long maxBytes, ReadBudget budget)
    {
        using var output = new MemoryStream();
        using (compressed)
        {
            var buffer = new byte[81920];
            int read;
            while ((read = compressed.Read(buffer)) > 0)
            {
                budget.Charge(read);
                if (output.Length + read > maxBytes)
                {
                    return null;
                }
                output.Write(buffer, 0, read);
            }
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
            // A hex size over 7FFFFFFF parses as negative.
            if (!int.TryParse(sizeText, System.Globalization.NumberStyles.HexNumber, null, out var size) || size <= 0)
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

    /// <summary>Header lines up to the blank line; null when they pass <paramref name="maxBytes"/> in all.</summary>
    private static Dictionary<string, string>? ReadHeaders(Stream input, int maxBytes)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var total = 0;
        while (ReadLine(input, maxBytes) is { Length: > 0 } line)
        {
            total += line.Length + 2;
            if (total > maxBytes)
            {
                return null;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }
        return headers;
    }

    /// <summary>One line; bytes past <paramref name="maxBytes"/> are dropped (the line is still consumed, and the caller's
    /// header limit then ends reading).</summary>
    private static string? ReadLine(Stream input, int maxBytes)
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
            if (bytes.Count <= maxBytes)
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

    private static string Shorten(string text, int length = 40) => text.Length > length ? text[..length] + "…" : text;
}

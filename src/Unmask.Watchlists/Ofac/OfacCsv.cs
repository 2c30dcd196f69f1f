using System.Runtime.CompilerServices;
using System.Text;
using Unmask.Domain;
using Unmask.Watchlists.Io;

namespace Unmask.Watchlists.Ofac;

/// <summary>One record of an OFAC legacy CSV file with the line it starts on.</summary>
internal readonly record struct OfacCsvRecord(long Line, string?[] Fields);

/// <summary>
/// Reads OFAC's legacy CSV files: no header, fields double-quoted with doubled embedded quotes, CRLF line ends, the
/// literal <c>-0- </c> for an empty field, and a last line holding only 0x1A (DOS end-of-file), which is skipped.
/// Lines are decoded as UTF-8 and, when that fails, as Latin-1 (OFAC transliterates to ASCII, but older copies were not
/// always clean). Streams line by line; lines, records and fields are bounded by <see cref="ReadLimits"/>.
/// </summary>
internal static class OfacCsv
{
    private const byte CtrlZ = 0x1A;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Records of exactly <paramref name="fieldCount"/> fields; empty fields and <c>-0-</c> are null.</summary>
    public static async IAsyncEnumerable<OfacCsvRecord> ReadAsync(Stream stream, string file, ReadLimits limits, int fieldCount,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pending = new StringBuilder();
        var quoting = new QuoteScanner();
        long pendingLine = 0;
        long lineNumber = 0;
        var sawContent = false;
        await foreach (var line in ReadLinesAsync(new TextGuardStream(stream, file, limits), cancellationToken))
        {
            lineNumber++;
            if (pending.Length == 0 && IsBlankOrEof(line))
            {
                sawContent |= line.Length > 0;
                continue;
            }
            sawContent = true;
            if (pending.Length == 0)
            {
                pendingLine = lineNumber;
            }
            else
            {
                pending.Append('\n');
                quoting.Feed("\n");
            }
            pending.Append(line);
            quoting.Feed(line);
            if (quoting.InQuotes)
            {
                // Scanning only the new line keeps a record of many short lines linear, not quadratic.
                if (pending.Length > limits.MaxLineBytes)
                {
                    throw new InputException(file, pendingLine,
                        $"quoted field runs over more than {limits.MaxLineBytes:N0} characters: an unterminated quote?");
                }
                continue;
            }
            quoting = new QuoteScanner();
            var fields = Split(pending, out _);
            if (fields.FirstOrDefault(f => f?.Length > limits.MaxFieldChars) is { } longField)
            {
                throw new InputException(file, pendingLine,
                    $"field {fields.IndexOf(longField) + 1} is {longField.Length:N0} characters, over the limit of {limits.MaxFieldChars:N0}: refused");
            }
            if (fields.Count != fieldCount)
            {
                throw new InputException(file, pendingLine, $"expected {fieldCount} fields, found {fields.Count}");
            }
            pending.Clear();
            yield return new OfacCsvRecord(pendingLine, [.. fields]);
        }
        if (pending.Length > 0)
        {
            throw new InputException(file, pendingLine, "unterminated quoted field (the file ends inside quotes)");
        }
        if (!sawContent)
        {
            throw new InputException(file, null, "empty file");
        }
    }

    /// <summary>The fields of the first complete line of <paramref name="head"/>, or null when it is not CSV-like.</summary>
    public static IReadOnlyList<string?>? FirstRecord(ReadOnlySpan<byte> head)
    {
        var text = Io.Sniffing.Text(head);
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        var line = (end < 0 ? text : text[..end]).TrimEnd('\r');
        if (line.Length == 0)
        {
            return null;
        }
        var fields = Split(new StringBuilder(line), out var unterminated);
        return unterminated ? null : fields;
    }

    public static bool IsNull(string? value) => value is null || value.Length == 0;

    private static bool IsBlankOrEof(string line) =>
        line.Length == 0 || (line.Length == 1 && line[0] == (char)CtrlZ) || line.All(c => c is ' ' or '\t' or (char)CtrlZ);

    /// <summary>Splits one CSV record. OFAC writes <c>-0- </c> unquoted for empty fields; it becomes null.</summary>
    private static List<string?> Split(StringBuilder record, out bool unterminated)
    {
        var fields = new List<string?>(12);
        var current = new StringBuilder();
        var i = 0;
        var length = record.Length;
        unterminated = false;
        while (true)
        {
            current.Clear();
            var quoted = false;
            // Leading spaces before an opening quote are tolerated.
            var start = i;
            while (i < length && record[i] == ' ')
            {
                i++;
            }
            if (i < length && record[i] == '"')
            {
                quoted = true;
                i++;
                var closed = false;
                while (i < length)
                {
                    var c = record[i];
                    if (c == '"')
                    {
                        if (i + 1 < length && record[i + 1] == '"')
                        {
                            current.Append('"');
                            i += 2;
                            continue;
                        }
                        closed = true;
                        i++;
                        break;
                    }
                    current.Append(c);
                    i++;
                }
                if (!closed)
                {
                    unterminated = true;
                    return fields;
                }
                // Anything between the closing quote and the comma (OFAC writes none) is kept.
                while (i < length && record[i] != ',')
                {
                    current.Append(record[i]);
                    i++;
                }
            }
            else
            {
                i = start;
                while (i < length && record[i] != ',')
                {
                    current.Append(record[i]);
                    i++;
                }
            }
            fields.Add(Clean(current.ToString(), quoted));
            if (i >= length)
            {
                return fields;
            }
            i++; // the comma
        }
    }

    private static string? Clean(string value, bool quoted)
    {
        var trimmed = value.Trim();
        // OFAC's null marker is "-0- " (dash zero dash and a space), unquoted; compare after trimming.
        return trimmed.Length == 0 || trimmed == "-0-" ? null : quoted ? value : trimmed;
    }

    /// <summary>Follows <see cref="Split"/>'s quoting rules over a record fed in pieces: whether it ends inside a quoted field.</summary>
    private sealed class QuoteScanner
    {
        private State _state = State.FieldStart;

        private enum State
        {
            FieldStart,
            Unquoted,
            Quoted,
            QuoteInQuoted,
            AfterQuoted,
        }

        public bool InQuotes => _state == State.Quoted;

        public void Feed(string text)
        {
            foreach (var c in text)
            {
                _state = (_state, c) switch
                {
                    (State.Quoted, '"') => State.QuoteInQuoted,
                    (State.Quoted, _) => State.Quoted,
                    (State.QuoteInQuoted, '"') => State.Quoted, // a doubled quote is a literal quote
                    (_, ',') => State.FieldStart,
                    (State.FieldStart, ' ') => State.FieldStart, // spaces before an opening quote
                    (State.FieldStart, '"') => State.Quoted,
                    (State.FieldStart or State.Unquoted, _) => State.Unquoted,
                    _ => State.AfterQuoted,
                };
            }
        }
    }

    private static async IAsyncEnumerable<string> ReadLinesAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var line = new MemoryStream();
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    continue;
                }
                line.Write(buffer, start, i - start);
                yield return Decode(line);
                line.SetLength(0);
                start = i + 1;
            }
            line.Write(buffer, start, read - start);
        }
        if (line.Length > 0)
        {
            yield return Decode(line);
        }
    }

    private static string Decode(MemoryStream line)
    {
        var bytes = line.GetBuffer().AsSpan(0, (int)line.Length);
        if (bytes.Length > 0 && bytes[^1] == (byte)'\r')
        {
            bytes = bytes[..^1];
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }
}

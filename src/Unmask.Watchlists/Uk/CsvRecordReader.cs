using System.Text;
using System.Text.Unicode;
using Unmask.Domain;
using Unmask.Watchlists.Io;

namespace Unmask.Watchlists.Uk;

/// <summary>
/// Reads comma-separated records (RFC 4180 quoting, quoted fields may span lines, LF or CRLF, last line may lack a newline)
/// and decodes each record on its own: UTF-8 when the bytes are valid UTF-8, else Windows-1252. OFSI's CSVs are
/// Windows-1252 (0x91/0x92 curly quotes make them invalid UTF-8), while the 2022-format ConList.csv may be UTF-8; splitting
/// on bytes first is safe because quote, comma and newline are the same single bytes in both encodings. Lines, records
/// and fields are bounded by <see cref="ReadLimits"/>; give it a <see cref="TextGuardStream"/> to bound lines and refuse NUL bytes.
/// </summary>
internal sealed class CsvRecordReader(Stream stream, string file, ReadLimits limits, byte separator = (byte)',')
{
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)
        ?? throw new InvalidOperationException("Windows-1252 encoding is not available");

    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly List<byte> _record = new(4096);
    private int _position;
    private int _length;
    private long _line = 1;
    private bool _atStart = true;
    private bool _eof;

    /// <summary>The next record's fields and the line it starts on; null at the end of the file. Blank lines are skipped.</summary>
    public async ValueTask<(List<string> Fields, long Line)?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            _record.Clear();
            var startLine = _line;
            var inQuotes = false;
            var ended = false;
            while (!ended)
            {
                if (_position >= _length)
                {
                    if (_eof || !await FillAsync(cancellationToken))
                    {
                        break;
                    }
                }
                var b = _buffer[_position++];
                if (b == (byte)'\n')
                {
                    _line++;
                    if (!inQuotes)
                    {
                        ended = true;
                        continue;
                    }
                }
                else if (b == (byte)'"')
                {
                    inQuotes = !inQuotes;
                }
                _record.Add(b);
                if (_record.Count > limits.MaxLineBytes)
                {
                    throw new InputException(file, startLine,
                        $"record is longer than {limits.MaxLineBytes:N0} bytes: an unterminated quote?");
                }
            }
            if (inQuotes)
            {
                throw new InputException(file, startLine, "quoted field is not closed before the end of the file");
            }
            if (!ended && _record.Count == 0)
            {
                return null;
            }
            if (_record.Count > 0 && _record[^1] == (byte)'\r')
            {
                _record.RemoveAt(_record.Count - 1);
            }
            if (_record.Count == 0)
            {
                continue;
            }
            return (Split(Decode(), startLine), startLine);
        }
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        _length = await stream.ReadAsync(_buffer, cancellationToken);
        _position = 0;
        if (_length == 0)
        {
            _eof = true;
            return false;
        }
        if (_atStart)
        {
            _atStart = false;
            if (_length >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF)
            {
                _position = 3;
            }
        }
        return true;
    }

    private string Decode()
    {
        var bytes = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_record);
        return Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : Windows1252.GetString(bytes);
    }

    private List<string> Split(string record, long line)
    {
        var fields = new List<string>(40);
        var separatorChar = (char)separator;
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            if (i < record.Length && record[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= record.Length)
                    {
                        throw new InputException(file, line, "quoted field is not closed");
                    }
                    if (record[i] == '"')
                    {
                        if (i + 1 < record.Length && record[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    field.Append(record[i++]);
                }
                // Text after the closing quote up to the separator is kept (lenient with stray characters).
                while (i < record.Length && record[i] != separatorChar)
                {
                    field.Append(record[i++]);
                }
            }
            else
            {
                var next = record.IndexOf(separatorChar, i);
                var end = next < 0 ? record.Length : next;
                field.Append(record, i, end - i);
                i = end;
            }
            if (field.Length > limits.MaxFieldChars)
            {
                throw new InputException(file, line,
                    $"field {fields.Count + 1} is {field.Length:N0} characters, over the limit of {limits.MaxFieldChars:N0}: refused");
            }
            fields.Add(field.ToString());
            if (i >= record.Length)
            {
                return fields;
            }
            i++; // separator
        }
    }
}

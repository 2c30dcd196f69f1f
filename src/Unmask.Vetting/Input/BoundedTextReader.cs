using System.Text;
using nietras.SeparatedValues;
using Unmask.Domain;

namespace Unmask.Vetting.Input;

/// <summary>
/// Reads a text file for the CSV and JSON-lines readers and refuses, while reading, a row longer than a limit, so no row is ever
/// buffered whole first. In CSV mode it follows quotes as RFC 4180 does (a doubled quote toggles twice), so a row is all the
/// lines up to a line break outside quotes, and a quote that is never closed is reported with the line it was opened on
/// instead of silently swallowing the rest of the file into one field.
/// </summary>
public sealed class BoundedTextReader : TextReader
{
    private readonly TextReader _inner;
    private readonly string _file;
    private readonly int _maxRowChars;
    private readonly bool _csv;
    private long _line = 1;
    private long _rowStartLine = 1;
    private long _rowChars;
    private bool _inQuotes;
    private long _quoteLine;

    public BoundedTextReader(TextReader inner, string file, int maxRowChars, bool csv)
    {
        _inner = inner;
        _file = file;
        _maxRowChars = maxRowChars;
        _csv = csv;
    }

    /// <summary>A UTF-8 file (BOM honoured, UTF-16 with BOM too) read through the limits.</summary>
    public static BoundedTextReader OpenFile(string path, int maxRowChars, bool csv) =>
        new(new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true), path, maxRowChars, csv);

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        var read = _inner.Read(buffer);
        Inspect(buffer[..read]);
        return read;
    }

    public override int Read()
    {
        var c = _inner.Read();
        if (c >= 0)
        {
            Span<char> one = [(char)c];
            Inspect(one);
        }
        else
        {
            Inspect([]);
        }
        return c;
    }

    public override int Peek() => _inner.Peek();

    private void Inspect(ReadOnlySpan<char> chars)
    {
        if (chars.IsEmpty)
        {
            if (_inQuotes)
            {
                throw new InputException(_file, _quoteLine, "a quote opened on this line is never closed");
            }
            return;
        }
        while (!chars.IsEmpty)
        {
            var next = _csv ? chars.IndexOfAny('"', '\n') : chars.IndexOf('\n');
            var run = next < 0 ? chars.Length : next;
            _rowChars += run;
            if (_rowChars > _maxRowChars)
            {
                var why = _inQuotes ? $"; the quote opened on line {_quoteLine} is never closed?" : "";
                throw new InputException(_file, _rowStartLine, $"row is longer than {_maxRowChars:N0} characters{why}");
            }
            if (next < 0)
            {
                return;
            }
            if (chars[next] == '"')
            {
                _inQuotes = !_inQuotes;
                _quoteLine = _line;
                _rowChars++;
            }
            else
            {
                _line++;
                if (!_inQuotes)
                {
                    _rowChars = 0;
                    _rowStartLine = _line;
                }
            }
            chars = chars[(next + 1)..];
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }
        base.Dispose(disposing);
    }
}

/// <summary>CSV input shared by the record and sign-in readers: the header read and checked by us (Sep would fail on a duplicate
/// column with an exception that names nothing), and each field checked for length and NUL characters.</summary>
public static class CsvInput
{
    /// <summary>Opens <paramref name="path"/> with its header row read: names trimmed and lower-cased, each at most once.</summary>
    public static SepReader Open(string path, VetInputLimits limits, out string[] columns)
    {
        var reader = Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true, HasHeader = false })
            .From(BoundedTextReader.OpenFile(path, limits.MaxRowChars, csv: true));
        try
        {
            if (!reader.MoveNext())
            {
                throw new InputException(path, 1, "empty file: expected a header row");
            }
            var header = reader.Current;
            if (header.ColCount > limits.MaxColumns)
            {
                throw new InputException(path, 1, $"header has {header.ColCount:N0} columns, more than the limit of {limits.MaxColumns:N0}");
            }
            columns = new string[header.ColCount];
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < columns.Length; i++)
            {
                var name = Field(path, 1, $"header column {i + 1}", header[i].Span, limits).Trim().TrimStart('\uFEFF').ToLowerInvariant();
                if (name.Length > 0 && !seen.TryAdd(name, i))
                {
                    throw new InputException(path, 1, $"column '{name}' appears twice in the header (columns {seen[name] + 1} and {i + 1})");
                }
                columns[i] = name;
            }
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>A field's text, refused with the line and column when it is too long or holds a NUL character (a NUL in a
    /// text file hides what follows from some tools and is how binary or mis-encoded files show).</summary>
    public static string Field(string path, long line, string column, ReadOnlySpan<char> value, VetInputLimits limits)
    {
        if (value.Length > limits.MaxFieldChars)
        {
            throw new InputException(path, line, $"column '{column}' is {value.Length:N0} characters, more than the limit of {limits.MaxFieldChars:N0}");
        }
        if (value.Contains('\0'))
        {
            throw new InputException(path, line, $"column '{column}' contains a NUL character (U+0000): not plain text");
        }
        return value.ToString();
    }
}

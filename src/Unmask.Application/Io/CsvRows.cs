using System.Text;
using Unmask.Domain;

namespace Unmask.Application.Io;

/// <summary>One CSV record: the 1-based line it starts on, its fields, and what is malformed in it when something is (the
/// fields are then read as well as they can be, so that the row can be reported in place).</summary>
public sealed record CsvRow(long Line, IReadOnlyList<string> Fields, string? Error = null);

/// <summary>
/// A streaming RFC 4180 reader for user files (screening batches, vetting exports): quoted fields with doubled quotes and
/// line breaks, a UTF-8 BOM, comma or semicolon separators (detected from the header, as Excel writes them in many locales).
/// </summary>
public sealed class CsvRows(TextReader reader, string file, char? separator = null)
{
    private long _line;
    private char _separator = separator ?? '\0';

    public char Separator => _separator;

    public IEnumerable<CsvRow> Read()
    {
        var record = new List<string>();
        var field = new StringBuilder();
        while (true)
        {
            var text = reader.ReadLine();
            if (text is null)
            {
                yield break;
            }
            _line++;
            if (_line == 1 && text.Length > 0 && text[0] == '\uFEFF')
            {
                text = text[1..];
            }
            if (_separator == '\0')
            {
                _separator = text.Count(c => c == ';') > text.Count(c => c == ',') ? ';' : ',';
            }
            if (text.Length == 0 || (text.Length == 1 && text[0] == '\u001A'))
            {
                continue;
            }
            var start = _line;
            record.Clear();
            field.Clear();
            var inQuotes = false;
            var afterClosingQuote = false;
            string? error = null;
            var position = 0;
            while (true)
            {
                if (position >= text.Length)
                {
                    if (!inQuotes)
                    {
                        break;
                    }
                    var next = reader.ReadLine() ?? throw new InputException(file, start, "a quoted field is never closed");
                    _line++;
                    field.Append('\n');
                    text = next;
                    position = 0;
                    continue;
                }
                var c = text[position++];
                if (inQuotes)
                {
                    if (c == '"')
                    {
                        if (position < text.Length && text[position] == '"')
                        {
                            field.Append('"');
                            position++;
                        }
                        else
                        {
                            inQuotes = false;
                            afterClosingQuote = true;
                        }
                    }
                    else
                    {
                        field.Append(c);
                    }
                }
                else if (c == '"' && field.ToString().Trim().Length == 0)
                {
                    field.Clear();
                    inQuotes = true;
                }
                else if (c == _separator)
                {
                    record.Add(field.ToString());
                    field.Clear();
                    afterClosingQuote = false;
                }
                else
                {
                    if (afterClosingQuote && !char.IsWhiteSpace(c))
                    {
                        // "Kim Jong" Un: the quote closed before the field did, so where the value ends is a guess
                        error ??= $"field {record.Count + 1} has text after its closing quote";
                    }
                    field.Append(c);
                }
            }
            record.Add(field.ToString());
            yield return new CsvRow(start, [.. record], error);
        }
    }
}

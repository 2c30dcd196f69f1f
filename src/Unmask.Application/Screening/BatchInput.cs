using System.Globalization;
using System.Text;
using System.Text.Json;
using Unmask.Application.Io;
using Unmask.Domain;

namespace Unmask.Application.Screening;

/// <summary>Reads a screening batch (CSV with a header row, or JSON lines) row by row.</summary>
public static class BatchInput
{
    public static IEnumerable<BatchRow> Read(string path, bool skipBadRows)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var first = reader.Peek();
        using var rows = (first == '{' ? ReadJsonLines(reader, path) : ReadCsv(reader, path)).GetEnumerator();
        long lastNumber = 0;
        while (true)
        {
            BatchRow? failed = null;
            try
            {
                if (!rows.MoveNext())
                {
                    yield break;
                }
            }
            catch (InputException error) when (skipBadRows && error.Line is not null)
            {
                // a fault the reader cannot get past (a quote never closed runs to the end of the file): reported in place,
                // and the batch ends there
                failed = new BatchRow(error.Line.Value, (lastNumber + 1).ToString(CultureInfo.InvariantCulture), "", null, error.Reason);
            }
            if (failed is not null)
            {
                yield return failed;
                yield break;
            }
            var row = rows.Current;
            if (row.Error is not null && !skipBadRows)
            {
                throw new InputException(path, row.Number, row.Error + " (use --skip-bad-rows to report such rows and go on)");
            }
            lastNumber++;
            yield return row;
        }
    }

    private static IEnumerable<BatchRow> ReadCsv(StreamReader reader, string path)
    {
        var csv = new CsvRows(reader, path);
        string[]? header = null;
        long number = 0;
        foreach (var record in csv.Read())
        {
            if (header is null)
            {
                if (record.Error is not null)
                {
                    throw new InputException(path, record.Line, $"header row: {record.Error}");
                }
                header = [.. record.Fields.Select(f => f.Trim().ToLowerInvariant())];
                if (!header.Contains("name"))
                {
                    throw new InputException(path, record.Line, "the header row has no 'name' column (expected id,name,schema,birth_date,country,id_number)");
                }
                continue;
            }
            number++;
            if (record.Fields.Count != header.Length)
            {
                yield return new BatchRow(record.Line, number.ToString(CultureInfo.InvariantCulture), "", null,
                    $"line {record.Line} has {record.Fields.Count} fields, the header has {header.Length}");
                continue;
            }
            string? Get(string column) => Array.IndexOf(header, column) is var i and >= 0 ? record.Fields[i] : null;
            var id = string.IsNullOrWhiteSpace(Get("id")) ? number.ToString(CultureInfo.InvariantCulture) : Get("id")!.Trim();
            var name = Get("name");
            if (record.Error is not null || name?.Contains('\n', StringComparison.Ordinal) == true)
            {
                // a quote left open swallows the line break and the rows after it into one name
                yield return new BatchRow(record.Line, id, name ?? "", null,
                    record.Error ?? $"name runs over several lines from line {record.Line} (a quote is not closed where the name ends)");
                continue;
            }
            yield return Row(record.Line, id, name, Get("schema"), Get("birth_date"), Get("country"), Get("id_number"));
        }
    }

    private static IEnumerable<BatchRow> ReadJsonLines(StreamReader reader, string path)
    {
        long line = 0, number = 0;
        string? text;
        while ((text = reader.ReadLine()) is not null)
        {
            line++;
            if (text.Trim().Length == 0)
            {
                continue;
            }
            number++;
            BatchRow row;
            try
            {
                using var document = JsonDocument.Parse(text);
                var root = document.RootElement;
                string? Get(string key)
                {
                    if (root.TryGetProperty(key, out var value))
                    {
                        return value.ValueKind == JsonValueKind.String ? value.GetString() : value.ToString();
                    }
                    // yente-style rows: {"schema": ..., "properties": {"name": [...], "birthDate": [...]}}
                    var ftm = key switch { "birth_date" => "birthDate", "id_number" => "idNumber", _ => key };
                    return root.TryGetProperty("properties", out var properties) && properties.TryGetProperty(ftm, out var list)
                           && list.ValueKind == JsonValueKind.Array && list.GetArrayLength() > 0 ? list[0].GetString() : null;
                }
                var id = Get("id") is { Length: > 0 } given ? given : number.ToString(CultureInfo.InvariantCulture);
                row = Row(line, id, Get("name"), Get("schema"), Get("birth_date"), Get("country"), Get("id_number"));
            }
            catch (JsonException error)
            {
                row = new BatchRow(line, number.ToString(CultureInfo.InvariantCulture), "", null, $"not a JSON object: {error.Message}");
            }
            yield return row;
        }
    }

    private static BatchRow Row(long line, string id, string? name, string? schema, string? birthDate, string? country, string? idNumber)
    {
        var (query, error) = ScreeningQueries.Build(id, name, schema, birthDate, country, idNumber);
        return new BatchRow(line, id, name ?? "", query, error?.Reason);
    }
}

using System.Text;
using System.Text.Json;
using nietras.SeparatedValues;
using Unmask.Domain;
using Unmask.Vetting.Model;

namespace Unmask.Vetting.Input;

/// <summary>The records of one input file, the columns it has (missing ones disable indicators) and any skipped rows.</summary>
public sealed record VetBatch(string File, IReadOnlyList<VetRecord> Records, IReadOnlySet<string> Columns, IReadOnlyList<string> Skipped);

/// <summary>
/// Reads <c>unmask vet FILE</c> input (INDICATORS.md §5): CSV with a header row (RFC 4180; UTF-8 with or without BOM;
/// comma, semicolon or tab separators detected from the header as Excel writes them in some locales; Excel-style quoting),
/// or JSON lines (<c>.jsonl</c>/<c>.ndjson</c>, or a first non-blank character <c>{</c>). Unknown columns are ignored.
/// </summary>
public static class VetRecordReader
{
    public static VetBatch Read(string path, VetReaderOptions? options = null)
    {
        options ??= new VetReaderOptions();
        if (!File.Exists(path))
        {
            throw new InputException(path, null, "file not found");
        }
        return LooksLikeJsonLines(path) ? ReadJsonLines(path, options) : ReadCsv(path, options);
    }

    private static bool LooksLikeJsonLines(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is ".jsonl" or ".ndjson" or ".json")
        {
            return true;
        }
        if (extension is ".csv" or ".tsv" or ".txt")
        {
            return false;
        }
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        int c;
        while ((c = reader.Read()) >= 0 && char.IsWhiteSpace((char)c))
        {
        }
        return c == '{';
    }

    private static VetBatch ReadCsv(string path, VetReaderOptions options)
    {
        var parser = new RecordParser(path, options);
        var records = new List<VetRecord>();
        var skipped = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<(Dictionary<string, string> Fields, long Line)>();
        using var reader = CsvInput.Open(path, options.Limits, out var names);
        var columns = RequireColumns(path, names);
        foreach (var row in reader)
        {
            long line = row.LineNumberFrom;
            if (row.ColCount == 1 && row[0].Span.Trim().IsEmpty)
            {
                continue;
            }
            if (row.ColCount != names.Length)
            {
                var reason = $"{row.ColCount} fields, header has {names.Length} (check quoting and separators)";
                if (options.SkipMalformedRows)
                {
                    skipped.Add($"{path}:{line}: {reason}");
                    continue;
                }
                throw new InputException(path, line, reason);
            }
            var fields = new Dictionary<string, string>(names.Length, StringComparer.Ordinal);
            for (var i = 0; i < names.Length; i++)
            {
                fields[names[i]] = CsvInput.Field(path, line, names[i], row[i].Span, options.Limits);
            }
            rows.Add((fields, line));
        }
        ParseAll(path, parser, rows, records, ids);
        return new VetBatch(path, records, columns, skipped);
    }

    private static VetBatch ReadJsonLines(string path, VetReaderOptions options)
    {
        var parser = new RecordParser(path, options);
        var records = new List<VetRecord>();
        var skipped = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<(Dictionary<string, string> Fields, long Line)>();
        long line = 0;
        using var lines = BoundedTextReader.OpenFile(path, options.Limits.MaxRowChars, csv: false);
        while (lines.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            Dictionary<string, string> fields;
            try
            {
                using var document = JsonDocument.Parse(text);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new JsonException("not a JSON object");
                }
                fields = document.RootElement.EnumerateObject()
                    .GroupBy(p => p.Name.Trim().ToLowerInvariant())
                    .ToDictionary(g => g.Key, g => CsvInput.Field(path, line, g.Key, Flatten(g.Key, g.First().Value), options.Limits), StringComparer.Ordinal);
            }
            // A string with a lone surrogate escape ("\ud800") parses but cannot be read as text: InvalidOperationException.
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                if (options.SkipMalformedRows)
                {
                    skipped.Add($"{path}:{line}: {e.Message}");
                    continue;
                }
                throw new InputException(path, line, $"not a JSON object: {e.Message}");
            }
            foreach (var key in fields.Keys)
            {
                seen.Add(key);
            }
            rows.Add((fields, line));
        }
        ParseAll(path, parser, rows, records, ids);
        foreach (var required in Columns.Required)
        {
            if (records.Count > 0 && !seen.Contains(required))
            {
                throw new InputException(path, 1, $"required column '{required}' is missing");
            }
        }
        return new VetBatch(path, records, seen.Where(Columns.All.Contains).ToHashSet(StringComparer.Ordinal), skipped);
    }

    /// <summary>JSON values to the CSV text form: arrays joined with <c>;</c>, objects/arrays of sub-fields with <c>|</c>.</summary>
    private static string Flatten(string column, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return "";
            case JsonValueKind.String:
                return value.GetString() ?? "";
            case JsonValueKind.Array:
                return string.Join(";", value.EnumerateArray()
                    .Select(v => v.ValueKind == JsonValueKind.Array ? Scalar(v) : Flatten(column, v)).Where(v => v.Length > 0));
            case JsonValueKind.Object:
            {
                if (Columns.SubFields.TryGetValue(column, out var order))
                {
                    return string.Join("|", order.Select(k => value.TryGetProperty(k, out var sub) ? Scalar(sub) : ""));
                }
                return string.Join("|", value.EnumerateObject().Select(p => Scalar(p.Value)));
            }
            default:
                return value.GetRawText();
        }
    }

    private static string Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null => "",
        JsonValueKind.Array => string.Join("|", value.EnumerateArray().Select(Scalar)),
        _ => value.GetRawText(),
    };

    private static HashSet<string> RequireColumns(string path, string[] names)
    {
        foreach (var required in Columns.Required)
        {
            if (!names.Contains(required))
            {
                throw new InputException(path, 1, $"required column '{required}' is missing (header: {string.Join(",", names)})");
            }
        }
        return names.Where(Columns.All.Contains).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Parses the rows on all cores, then adds them in file order, so the first bad row (or duplicate id) in the file is
    /// the one reported, as in a sequential read.</summary>
    private static void ParseAll(string path, RecordParser parser, List<(Dictionary<string, string> Fields, long Line)> rows,
        List<VetRecord> records, HashSet<string> ids)
    {
        var parsed = new VetRecord?[rows.Count];
        var errors = new InputException?[rows.Count];
        Parallel.For(0, rows.Count, i =>
        {
            try
            {
                parsed[i] = parser.Parse(rows[i].Fields, rows[i].Line);
            }
            catch (InputException e)
            {
                errors[i] = e;
            }
        });
        for (var i = 0; i < rows.Count; i++)
        {
            if (errors[i] is { } error)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
            }
            Add(path, rows[i].Line, parsed[i]!, records, ids);
        }
    }

    private static void Add(string path, long line, VetRecord record, List<VetRecord> records, HashSet<string> ids)
    {
        if (!ids.Add(record.Id))
        {
            throw new InputException(path, line, $"duplicate id '{record.Id}'");
        }
        records.Add(record);
    }
}

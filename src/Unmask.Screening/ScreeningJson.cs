using System.Globalization;
using System.Text.Json;

namespace Unmask.Screening;

/// <summary>
/// Writes screening responses in the shape of the OpenSanctions matching API (yente), as CONTRACT.md gives it: the CLI
/// (single query, batch <c>json</c>/<c>jsonl</c>) and the HTTP API write the same objects through here.
/// </summary>
/// <remarks>A response is <c>{"id", "status": 200, "total": {"value", "relation"}, "query": {"id", "schema", "properties"},
/// "results": [...]}</c>; each result carries yente's entity fields (<c>id, caption, schema, properties, datasets, referents,
/// target, first_seen, last_seen, last_change</c>), its <c>score</c>, <c>match</c>, <c>features</c> and yente's
/// <c>explanations</c>, and Unmask's <c>programs</c>, <c>matched_name</c> and plain-words <c>explanation</c>.</remarks>
public static class ScreeningJson
{
    /// <summary>The status of a screened query (yente answers each query of a batch with its own status).</summary>
    public const int Screened = 200;

    /// <summary>The status of a query that could not be screened (unreadable row, no name to match, unknown schema).</summary>
    public const int Refused = 400;

    public static void Write(Utf8JsonWriter writer, ScreeningResponse response)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(response);
        writer.WriteStartObject();
        WriteId(writer, "id", response.Id);
        writer.WriteNumber("status", Screened);
        WriteTotal(writer, response.Total);
        writer.WriteStartObject("query");
        WriteId(writer, "id", response.Query.Id);
        writer.WriteString("schema", response.Query.Schema);
        writer.WriteStartObject("properties");
        foreach (var (property, values) in response.Query.Properties)
        {
            WriteStrings(writer, property, values);
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteStartArray("results");
        foreach (var result in response.Results)
        {
            WriteResult(writer, result);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>The answer to a query that was not screened: status 400, no results, and the reason in <c>error</c>, so that
    /// it never reads as "screened, nothing found".</summary>
    /// <param name="properties">What the query asked, as far as it could be read (a batch row's name).</param>
    public static void WriteRefused(Utf8JsonWriter writer, string? id, IReadOnlyDictionary<string, IReadOnlyList<string>> properties, string reason)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(properties);
        writer.WriteStartObject();
        WriteId(writer, "id", id);
        writer.WriteNumber("status", Refused);
        writer.WriteString("error", reason);
        WriteTotal(writer, new ScreeningTotal(0));
        writer.WriteStartObject("query");
        WriteId(writer, "id", id);
        writer.WriteStartObject("properties");
        foreach (var (property, values) in properties)
        {
            WriteStrings(writer, property, values);
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteStartArray("results");
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static string Serialize(ScreeningResponse response)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Write(writer, response);
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>yente's time format: UTC to the second, without a zone suffix ("2023-04-20T18:00:25").</summary>
    public static string Time(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    private static void WriteTotal(Utf8JsonWriter writer, ScreeningTotal total)
    {
        writer.WriteStartObject("total");
        writer.WriteNumber("value", total.Value);
        writer.WriteString("relation", total.Relation);
        writer.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter writer, ScreeningResult result)
    {
        writer.WriteStartObject();
        writer.WriteString("id", result.Id);
        writer.WriteString("caption", result.Caption);
        writer.WriteString("schema", result.Schema);
        writer.WriteStartObject("properties");
        foreach (var (property, values) in result.Properties)
        {
            WriteStrings(writer, property, values);
        }
        writer.WriteEndObject();
        WriteStrings(writer, "datasets", result.Datasets);
        WriteStrings(writer, "referents", result.Referents);
        writer.WriteBoolean("target", result.Target);
        WriteTime(writer, "first_seen", result.FirstSeen);
        WriteTime(writer, "last_seen", result.LastSeen);
        WriteTime(writer, "last_change", result.LastChange);
        WriteStrings(writer, "programs", result.Programs);
        writer.WriteNumber("score", Math.Round(result.Score, 4));
        writer.WriteBoolean("match", result.Match);
        writer.WriteString("matched_name", result.MatchedName);
        writer.WriteStartObject("features");
        foreach (var (feature, value) in result.Features)
        {
            writer.WriteNumber(feature, Math.Round(value, 4));
        }
        writer.WriteEndObject();
        // yente's newer clients read each feature's score with its detail here rather than in "features"
        writer.WriteStartObject("explanations");
        foreach (var (feature, value) in result.Features)
        {
            writer.WriteStartObject(feature);
            writer.WriteNumber("score", Math.Round(value, 4));
            writer.WriteString("detail", result.Contributions.FirstOrDefault(c => c.Feature == feature)?.Reason);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        WriteStrings(writer, "explanation", result.Explanation);
        writer.WriteEndObject();
    }

    private static void WriteId(Utf8JsonWriter writer, string name, string? id)
    {
        if (id is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, id);
        }
    }

    private static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset? time)
    {
        if (time is { } known)
        {
            writer.WriteString(name, Time(known));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }
        writer.WriteEndArray();
    }
}

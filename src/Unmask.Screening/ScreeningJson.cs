using System.Text.Json;

namespace Unmask.Screening;

/// <summary>Writes screening responses in the CONTRACT.md (yente-compatible) shape.</summary>
public static class ScreeningJson
{
    /// <param name="moreFields">Writes fields of the caller's after the results (a batch row's status).</param>
    public static void Write(Utf8JsonWriter writer, ScreeningResponse response, Action<Utf8JsonWriter>? moreFields = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(response);
        writer.WriteStartObject();
        if (response.Id is null)
        {
            writer.WriteNull("id");
        }
        else
        {
            writer.WriteString("id", response.Id);
        }
        writer.WriteStartObject("query");
        writer.WriteString("schema", response.Query.Schema);
        writer.WriteStartObject("properties");
        foreach (var (property, values) in response.Query.Properties)
        {
            writer.WriteStartArray(property);
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteStartArray("results");
        foreach (var result in response.Results)
        {
            WriteResult(writer, result);
        }
        writer.WriteEndArray();
        moreFields?.Invoke(writer);
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

    private static void WriteResult(Utf8JsonWriter writer, ScreeningResult result)
    {
        writer.WriteStartObject();
        writer.WriteString("id", result.Id);
        writer.WriteString("caption", result.Caption);
        writer.WriteString("schema", result.Schema);
        WriteStrings(writer, "datasets", result.Datasets);
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
        WriteStrings(writer, "explanation", result.Explanation);
        writer.WriteEndObject();
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

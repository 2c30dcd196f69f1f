using System.Text.Json;
using System.Text.RegularExpressions;

namespace Unmask.TestKit;

/// <summary>
/// Checks a screening response against the OpenSanctions matching API (yente) wire shape, as yente's own tests pin it
/// (the entity keys, their JSON types, and times as UTC seconds without a zone), plus Unmask's added result fields.
/// Returns what is wrong, one line per problem, so every caller (CLI, batch, HTTP API) asserts the same rules.
/// </summary>
public static partial class YenteShape
{
    private static readonly string[] EntityKeys =
        ["id", "caption", "schema", "properties", "datasets", "referents", "target", "first_seen", "last_seen", "last_change"];

    /// <summary>Problems of one per-query response (<c>{"status", "total", "query", "results"}</c>).</summary>
    public static IReadOnlyList<string> Problems(JsonElement response)
    {
        var problems = new List<string>();
        if (response.ValueKind != JsonValueKind.Object)
        {
            return [$"response is {response.ValueKind}, not an object"];
        }
        if (!response.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.Number || !status.TryGetInt32(out var code))
        {
            problems.Add("status is missing or not an integer");
            code = 0;
        }
        if (Require(response, "total", JsonValueKind.Object, "response", problems) is { } total)
        {
            if (Require(total, "value", JsonValueKind.Number, "total", problems) is { } value && (!value.TryGetInt32(out var count) || count < 0))
            {
                problems.Add($"total.value {value} is not a count");
            }
            if (Require(total, "relation", JsonValueKind.String, "total", problems) is { } relation && relation.GetString() is not ("eq" or "gte"))
            {
                problems.Add($"total.relation '{relation.GetString()}' is neither eq nor gte");
            }
        }
        if (Require(response, "query", JsonValueKind.Object, "response", problems) is { } query)
        {
            if (code == 200)
            {
                Require(query, "schema", JsonValueKind.String, "query", problems);
            }
            if (Require(query, "properties", JsonValueKind.Object, "query", problems) is { } properties)
            {
                CheckStringLists(properties, "query.properties", problems);
            }
        }
        if (Require(response, "results", JsonValueKind.Array, "response", problems) is { } results)
        {
            var index = 0;
            var matches = 0;
            foreach (var result in results.EnumerateArray())
            {
                ResultProblems(result, $"results[{index++}]", problems);
                if (result.TryGetProperty("match", out var match) && match.ValueKind == JsonValueKind.True)
                {
                    matches++;
                }
            }
            if (response.TryGetProperty("total", out var t) && t.TryGetProperty("value", out var v) && v.TryGetInt32(out var counted) && counted < matches)
            {
                problems.Add($"total.value {counted} is less than the {matches} matching results returned");
            }
            if (code != 200 && index > 0)
            {
                problems.Add($"status {code} with {index} results");
            }
        }
        if (code is not (200 or 400))
        {
            problems.Add($"status {code} is neither 200 nor 400");
        }
        if (code == 400)
        {
            Require(response, "error", JsonValueKind.String, "refused response", problems);
        }
        return problems;
    }

    private static void ResultProblems(JsonElement result, string path, List<string> problems)
    {
        if (result.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{path} is {result.ValueKind}, not an object");
            return;
        }
        foreach (var key in EntityKeys)
        {
            if (!result.TryGetProperty(key, out _))
            {
                problems.Add($"{path}.{key} is missing");
            }
        }
        foreach (var key in new[] { "id", "caption", "schema" })
        {
            if (result.TryGetProperty(key, out var text) && (text.ValueKind != JsonValueKind.String || text.GetString()!.Length == 0))
            {
                problems.Add($"{path}.{key} is not a non-empty string");
            }
        }
        if (result.TryGetProperty("properties", out var properties))
        {
            if (properties.ValueKind == JsonValueKind.Object)
            {
                CheckStringLists(properties, $"{path}.properties", problems);
            }
            else
            {
                problems.Add($"{path}.properties is not an object");
            }
        }
        foreach (var key in new[] { "datasets", "referents", "programs", "explanation" })
        {
            if (result.TryGetProperty(key, out var list))
            {
                CheckStrings(list, $"{path}.{key}", problems);
            }
        }
        if (result.TryGetProperty("datasets", out var datasets) && datasets.ValueKind == JsonValueKind.Array && datasets.GetArrayLength() == 0)
        {
            problems.Add($"{path}.datasets is empty");
        }
        foreach (var key in new[] { "target", "match" })
        {
            if (!result.TryGetProperty(key, out var flag) || flag.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                problems.Add($"{path}.{key} is not a boolean");
            }
        }
        foreach (var key in new[] { "first_seen", "last_seen", "last_change" })
        {
            if (result.TryGetProperty(key, out var time) && time.ValueKind != JsonValueKind.Null
                && (time.ValueKind != JsonValueKind.String || !IsoSecondsWithoutZone().IsMatch(time.GetString()!)))
            {
                problems.Add($"{path}.{key} {time} is neither null nor a time as YYYY-MM-DDTHH:MM:SS");
            }
        }
        if (!result.TryGetProperty("score", out var score) || score.ValueKind != JsonValueKind.Number || score.GetDouble() is < 0 or > 1)
        {
            problems.Add($"{path}.score is not a number in [0, 1]");
        }
        Require(result, "matched_name", JsonValueKind.String, path, problems);
        if (Require(result, "features", JsonValueKind.Object, path, problems) is { } features)
        {
            foreach (var feature in features.EnumerateObject())
            {
                if (feature.Value.ValueKind != JsonValueKind.Number)
                {
                    problems.Add($"{path}.features.{feature.Name} is not a number");
                }
            }
        }
        if (Require(result, "explanations", JsonValueKind.Object, path, problems) is { } explanations)
        {
            foreach (var feature in explanations.EnumerateObject())
            {
                if (!feature.Value.TryGetProperty("score", out var value) || value.ValueKind != JsonValueKind.Number)
                {
                    problems.Add($"{path}.explanations.{feature.Name}.score is not a number");
                }
                if (!feature.Value.TryGetProperty("detail", out var detail) || detail.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                {
                    problems.Add($"{path}.explanations.{feature.Name}.detail is neither a string nor null");
                }
            }
        }
    }

    private static JsonElement? Require(JsonElement parent, string key, JsonValueKind kind, string path, List<string> problems)
    {
        if (!parent.TryGetProperty(key, out var value))
        {
            problems.Add($"{path}.{key} is missing");
            return null;
        }
        if (value.ValueKind != kind)
        {
            problems.Add($"{path}.{key} is {value.ValueKind}, not {kind}");
            return null;
        }
        return value;
    }

    private static void CheckStringLists(JsonElement properties, string path, List<string> problems)
    {
        foreach (var property in properties.EnumerateObject())
        {
            CheckStrings(property.Value, $"{path}.{property.Name}", problems);
        }
    }

    private static void CheckStrings(JsonElement list, string path, List<string> problems)
    {
        if (list.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{path} is {list.ValueKind}, not a list");
            return;
        }
        if (list.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            problems.Add($"{path} holds a value that is not a string");
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")]
    private static partial Regex IsoSecondsWithoutZone();
}

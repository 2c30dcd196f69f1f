using System.Globalization;
using System.Text.Json;
using Unmask.Domain;

namespace Unmask.Watchlists.FollowTheMoney;

/// <summary>How an FtM entity line's top-level keys are read, the same in both passes of the reader.</summary>
internal static class FtmJson
{
    public static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The strings of a list of strings (a lone string is one); other items are passed over.</summary>
    public static IEnumerable<string> Strings(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            yield return value.GetString()!;
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    yield return item.GetString()!;
                }
            }
        }
    }

    /// <summary>The FtM datasets an entity names, first first; "" alone when it names none.</summary>
    public static List<string> DatasetNames(JsonElement root)
    {
        var names = root.TryGetProperty("datasets", out var datasets) ? Strings(datasets).Select(d => d.Trim()).Where(d => d.Length > 0).Distinct().ToList() : [];
        return names.Count == 0 ? [""] : names;
    }

    /// <summary>
    /// Whether an entity is a list target. FtM's <c>target</c> says so; a file without the key (an FtM file that is not an
    /// OpenSanctions export) means its matchable entities are what the list is about. Entities of schemas that are not
    /// matchable (Address, Sanction, Identification, Ownership and the other interval schemata) are never targets, whatever
    /// the key says: they describe a target, they are not one.
    /// </summary>
    public static bool IsTarget(JsonElement root, Schema schema) =>
        schema.Matchable && (!root.TryGetProperty("target", out var target) || target.ValueKind != JsonValueKind.False);

    /// <summary>The day of an FtM timestamp (<c>2030-01-02T10:00:00</c>), or null when it is none.</summary>
    public static DateOnly? Day(string? timestamp) =>
        timestamp is { Length: >= 10 } && DateOnly.TryParseExact(timestamp[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    /// <summary>An FtM timestamp (ISO 8601, UTC when it names no offset), or null when it is none.</summary>
    public static DateTimeOffset? Time(string? timestamp) =>
        Day(timestamp) is not null
        && DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;
}

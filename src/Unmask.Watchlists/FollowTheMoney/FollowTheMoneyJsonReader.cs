using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Unmask.Domain;
using Unmask.Watchlists.Io;

namespace Unmask.Watchlists.FollowTheMoney;

/// <summary>
/// OpenSanctions FollowTheMoney JSON lines (<c>entities.ftm.json</c>): one entity object per line with <c>id</c>,
/// <c>schema</c>, <c>properties</c> (every value a list of strings; references are entity ids), <c>caption</c>,
/// <c>datasets</c>, <c>referents</c>, <c>first_seen</c>, <c>last_seen</c>, <c>last_change</c>, <c>target</c>.
/// FtM ids are kept as they are: they are already namespaced and relationship entities (Ownership, Directorship,
/// Sanction...) point at them. Schemas Unmask does not model are mapped by <see cref="FtmSchemaMapping"/> or skipped,
/// properties the schema lacks are skipped; both are counted in one warning each.
/// </summary>
public sealed class FollowTheMoneyJsonReader : IListReader
{
    private static readonly byte[] SchemaKey = "\"schema\""u8.ToArray();
    private static readonly byte[] PropertiesKey = "\"properties\""u8.ToArray();

    public ListFormat Format => ListFormat.FollowTheMoneyJson;

    public bool Sniff(ReadOnlySpan<byte> head)
    {
        var text = Sniffing.Text(head).TrimStart();
        if (!text.StartsWith('{'))
        {
            return false;
        }
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        var first = end < 0 ? text : text[..end];
        // One object per line: the first line holds a whole entity with "schema" and "properties" at its top level.
        var bytes = Encoding.UTF8.GetBytes(first);
        if (bytes.AsSpan().IndexOf(SchemaKey) < 0 || bytes.AsSpan().IndexOf(PropertiesKey) < 0)
        {
            return false;
        }
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                && root.TryGetProperty("schema", out var schema) && schema.ValueKind == JsonValueKind.String
                && root.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object;
        }
        catch (Exception ex) when (ex is JsonException || JsonErrors.IsUndecodableString(ex))
        {
            return false;
        }
    }

    public async IAsyncEnumerable<Entity> ReadAsync(ListInput input, ReadContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var datasetName = context.DatasetName("opensanctions");
        // The publication date is the newest last_change/last_seen in the file, needed before the first entity: a cheap first pass.
        var publishedOn = await LatestDateAsync(input, cancellationToken);
        context.Dataset = new Dataset(datasetName, $"OpenSanctions FollowTheMoney entities ({input.FileName})", "OpenSanctions",
            publishedOn, DatasetKind.Sanctions);

        var skippedSchemas = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var mappedSchemas = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var skippedProperties = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var lineNumber = 0L;
        var objects = 0;
        using (var reader = new StreamReader(new TextGuardStream(input.Open(), input.Name, input.Limits, allowUtf16: true),
                   new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true))
        {
            while (true)
            {
                string? line;
                try
                {
                    line = await reader.ReadLineAsync(cancellationToken);
                }
                catch (DecoderFallbackException ex)
                {
                    throw new InputException(input.Name, lineNumber + 1, "not UTF-8 text", ex);
                }
                if (line is null)
                {
                    break;
                }
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }
                objects++;
                Entity? entity;
                try
                {
                    entity = ReadLine(input.Name, lineNumber, line, datasetName, skippedSchemas, mappedSchemas, skippedProperties);
                }
                catch (InvalidOperationException ex) when (JsonErrors.IsUndecodableString(ex))
                {
                    throw new InputException(input.Name, lineNumber, $"a JSON string is not valid Unicode text: {ex.Message}", ex);
                }
                if (entity is not null)
                {
                    yield return entity;
                }
            }
        }
        if (objects == 0)
        {
            throw new InputException(input.Name, null, "empty file: no FtM entities");
        }
        if (skippedSchemas.Count > 0)
        {
            context.Warn($"{input.Name}: skipped {skippedSchemas.Values.Sum()} entities of FtM schemas Unmask does not model: {Counts(skippedSchemas)}");
        }
        if (mappedSchemas.Count > 0)
        {
            context.Warn($"{input.Name}: read {mappedSchemas.Values.Sum()} entities as a more general schema: {Counts(mappedSchemas)}");
        }
        if (skippedProperties.Count > 0)
        {
            context.Warn($"{input.Name}: skipped {skippedProperties.Values.Sum()} values of properties the Unmask schema lacks: {Counts(skippedProperties)}");
        }
    }

    private static Entity? ReadLine(string file, long lineNumber, string line, string datasetName,
        SortedDictionary<string, int> skippedSchemas, SortedDictionary<string, int> mappedSchemas, SortedDictionary<string, int> skippedProperties)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            throw new InputException(file, lineNumber, $"not a JSON object: {ex.Message}", ex);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InputException(file, lineNumber, $"expected one JSON object per line, found {root.ValueKind}");
            }
            var id = StringOf(root, "id");
            var schemaName = StringOf(root, "schema");
            if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(schemaName))
            {
                throw new InputException(file, lineNumber, "FtM entity without " + (string.IsNullOrWhiteSpace(id) ? "\"id\"" : "\"schema\""));
            }
            var target = FtmSchemaMapping.Resolve(schemaName);
            if (target is null)
            {
                Count(skippedSchemas, schemaName);
                return null;
            }
            if (target.MappedTo is not null)
            {
                Count(mappedSchemas, $"{schemaName} as {target.MappedTo}");
            }
            var entity = new Entity(id, target.Schema, datasetName);
            if (root.TryGetProperty("properties", out var properties))
            {
                if (properties.ValueKind != JsonValueKind.Object)
                {
                    throw new InputException(file, lineNumber, "\"properties\" is not an object");
                }
                foreach (var property in properties.EnumerateObject())
                {
                    var name = property.Name;
                    if (target.LinkEnds is { } ends)
                    {
                        name = name == ends.Subject ? "subject" : name == ends.Object ? "object" : name;
                    }
                    var values = Values(property.Value).ToList();
                    if (entity.Schema.FindProperty(name) is null)
                    {
                        if (values.Count > 0)
                        {
                            Count(skippedProperties, $"{schemaName}.{property.Name}", values.Count);
                        }
                        continue;
                    }
                    entity.AddRange(name, values);
                }
            }
            if (target.LinkEnds is not null)
            {
                entity.Add("role", schemaName);
            }
            if (!entity.Has("name") && entity.Schema.Matchable)
            {
                entity.Add("name", StringOf(root, "caption"));
            }
            if (root.TryGetProperty("datasets", out var datasets))
            {
                // The OpenSanctions source datasets (us_ofac_sdn, eu_fsf...) the entity was built from.
                entity.AddRange("publisher", Values(datasets));
            }
            if (DateOf(StringOf(root, "last_seen")) is { } lastSeen)
            {
                entity.Add("retrievedAt", lastSeen.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
            return entity;
        }
    }

    private static async Task<DateOnly?> LatestDateAsync(ListInput input, CancellationToken cancellationToken)
    {
        DateOnly? latest = null;
        using var reader = new StreamReader(new TextGuardStream(input.Open(), input.Name, input.Limits, allowUtf16: true), Encoding.UTF8,
            detectEncodingFromByteOrderMarks: true);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            foreach (var date in TopLevelDates(line))
            {
                if (latest is null || date > latest)
                {
                    latest = date;
                }
            }
        }
        return latest;
    }

    /// <summary>The top-level <c>last_change</c> and <c>last_seen</c> dates of one line; a bad line yields none (the main pass reports it).</summary>
    private static List<DateOnly> TopLevelDates(string line)
    {
        var dates = new List<DateOnly>(2);
        if (string.IsNullOrWhiteSpace(line))
        {
            return dates;
        }
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(line));
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
                {
                    var wanted = reader.ValueTextEquals("last_change"u8) || reader.ValueTextEquals("last_seen"u8);
                    reader.Read();
                    if (wanted && reader.TokenType == JsonTokenType.String && DateOf(reader.GetString()) is { } date)
                    {
                        dates.Add(date);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
        }
        catch (Exception ex) when (ex is JsonException || JsonErrors.IsUndecodableString(ex))
        {
        }
        return dates;
    }

    private static DateOnly? DateOf(string? timestamp) =>
        timestamp is { Length: >= 10 } && DateOnly.TryParseExact(timestamp[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>FtM values are lists of strings; a lone string or number is accepted as one value.</summary>
    private static IEnumerable<string> Values(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String)
                    {
                        yield return item.GetString()!;
                    }
                    else if (item.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
                    {
                        yield return item.GetRawText();
                    }
                }
                break;
            case JsonValueKind.String:
                yield return value.GetString()!;
                break;
            case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                yield return value.GetRawText();
                break;
        }
    }

    private static void Count(SortedDictionary<string, int> counts, string key, int by = 1) =>
        counts[key] = counts.GetValueOrDefault(key) + by;

    private static string Counts(SortedDictionary<string, int> counts) => string.Join(", ", counts.Select(c => $"{c.Key} ({c.Value})"));
}

using System.Data.Common;
using System.Globalization;
using System.Text.Json;

namespace Unmask.Storage.Relational;

/// <summary>What the service's stores (jobs, API keys, watches) share: one-statement commands, ids that are the tables'
/// identity numbers written as text, and checks of what callers pass before it reaches a constraint.</summary>
internal static class ServiceRows
{
    /// <summary>Runs one statement on its own (atomic on both backends) and maps the rows it returns.</summary>
    public static async Task<List<T>> QueryAsync<T>(this RelationalDatabase db, string sql, Action<DbCommand> bind, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await QueryAsync(connection, null, sql, bind, map, cancellationToken);
    }

    public static async Task<List<T>> QueryAsync<T>(DbConnection connection, DbTransaction? transaction, string sql, Action<DbCommand> bind, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, transaction, sql);
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }
        return rows;
    }

    /// <summary>Runs one statement on its own; the number of rows it changed.</summary>
    public static async Task<int> ExecuteAsync(this RelationalDatabase db, string sql, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, sql);
        bind(command);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>An id as callers see it: the row's identity number.</summary>
    public static string IdText(this DbDataReader reader, int ordinal) => reader.GetInt64(ordinal).ToString(CultureInfo.InvariantCulture);

    /// <summary>The row number an id names, or null when it names none (not a number we gave out).</summary>
    public static long? ParseId(string? id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : null;

    public static long RequireId(string id, string what) =>
        ParseId(id) ?? throw new ArgumentException($"{what} '{id}' is not an id this store gave out", nameof(id));

    public static DateTimeOffset? GetTimeOrNull(this SqlDialect dialect, DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : dialect.GetTime(reader, ordinal);

    public static int? GetInt32OrNull(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    /// <summary>Refuses text that is not JSON here, the same on both backends (PostgreSQL's jsonb would refuse it with its
    /// own error, SQLite's CHECK with another).</summary>
    public static string RequireJson(string json, string what)
    {
        try
        {
            using var _ = JsonDocument.Parse(json);
            return json;
        }
        catch (JsonException error)
        {
            throw new ArgumentException($"{what} is not JSON: {error.Message}", what);
        }
    }

    public static string RequireText(string value, string what) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"{what} is empty", what) : value;

    public static int RequireLimit(int limit) =>
        limit > 0 ? limit : throw new ArgumentOutOfRangeException(nameof(limit), limit, "a limit is at least 1");

    /// <summary>Words (scopes, dataset names) as a JSON array, each non-empty and without spaces, none twice.</summary>
    public static string WordsJson(IReadOnlyList<string> words, string what)
    {
        foreach (var word in words)
        {
            if (string.IsNullOrWhiteSpace(word) || word.Any(char.IsWhiteSpace))
            {
                throw new ArgumentException($"{what}: '{word}' is not a word", what);
            }
        }
        if (words.Distinct(StringComparer.Ordinal).Count() != words.Count)
        {
            throw new ArgumentException($"{what}: {string.Join(", ", words)} names one twice", what);
        }
        return JsonSerializer.Serialize(words);
    }

    public static IReadOnlyList<string> ReadWords(DbDataReader reader, int ordinal) =>
        JsonSerializer.Deserialize<List<string>>(reader.GetString(ordinal)) ?? [];
}

using Npgsql;
using Unmask.Domain;

namespace Unmask.Storage.Postgres;

/// <summary>Where a PostgreSQL store is: parsed from a <c>postgres://user:password@host:port/database?option=value</c> URL or
/// an Npgsql connection string (<c>Host=...;Database=...</c>). Everything it shows (<see cref="Description"/>,
/// <see cref="Mask"/>) leaves the password out.</summary>
public sealed class PostgresLocation
{
    private PostgresLocation(NpgsqlConnectionStringBuilder builder)
    {
        Builder = builder;
    }

    /// <summary>The connection settings (with the password: never print them).</summary>
    internal NpgsqlConnectionStringBuilder Builder { get; }

    public string Host => Builder.Host ?? "localhost";

    public int Port => Builder.Port;

    public string Database => Builder.Database ?? Builder.Username ?? "postgres";

    /// <summary>The schemas searched first, when the connection names them (tests give each store its own schema).</summary>
    public string? SearchPath => string.IsNullOrEmpty(Builder.SearchPath) ? null : Builder.SearchPath;

    /// <summary>"postgres://user@host:port/database", without the password.</summary>
    public string Description => $"postgres://{(Builder.Username is { } user ? Uri.EscapeDataString(user) + "@" : "")}{HostAndPort}/{Uri.EscapeDataString(Database)}";

    /// <summary>"host:port", as messages about reaching the server name it.</summary>
    public string HostAndPort => Host.Contains(':', StringComparison.Ordinal) && !Host.StartsWith('[') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>True when <paramref name="location"/> names a PostgreSQL store rather than a SQLite file.</summary>
    public static bool IsPostgres(string location) =>
        location.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || location.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || (location.Contains('=', StringComparison.Ordinal) && location.Split(';').Any(p => p.Trim().StartsWith("Host=", StringComparison.OrdinalIgnoreCase)
                                                                                             || p.Trim().StartsWith("Server=", StringComparison.OrdinalIgnoreCase)));

    /// <summary>Parses a URL or a connection string; a malformed one is bad input named <paramref name="source"/>
    /// (e.g. "--db" or "$UNMASK_DB"), shown without its password.</summary>
    public static PostgresLocation Parse(string location, string source = "--db")
    {
        try
        {
            return new PostgresLocation(location.Contains("://", StringComparison.Ordinal) ? FromUrl(location) : new NpgsqlConnectionStringBuilder(location));
        }
        catch (Exception error) when (error is ArgumentException or FormatException or UriFormatException or InvalidCastException)
        {
            throw new InputException(source, null, $"'{MaskLocation(location)}' is not a PostgreSQL URL (postgres://user@host:port/database) "
                                                   + $"or connection string (Host=...;Database=...): {MaskText(error.Message, PasswordOf(location))}");
        }
    }

    /// <summary><paramref name="text"/> with this location's password replaced by "***" (for messages that quote a server's
    /// or a driver's words).</summary>
    public string Mask(string text) => MaskText(text, Builder.Password);

    /// <summary>A copy whose connections search <paramref name="schema"/> first (tests give each store its own schema).</summary>
    public PostgresLocation WithSearchPath(string schema) =>
        new(new NpgsqlConnectionStringBuilder(Builder.ConnectionString) { SearchPath = schema });

    /// <summary>A copy on another database of the same server (tests create and drop databases from an admin connection).</summary>
    public PostgresLocation WithDatabase(string database) =>
        new(new NpgsqlConnectionStringBuilder(Builder.ConnectionString) { Database = database });

    /// <summary>The connection string with the password (for the driver only).</summary>
    public string ConnectionString => Builder.ConnectionString;

    private static NpgsqlConnectionStringBuilder FromUrl(string location)
    {
        var uri = new Uri(location);
        if (uri.Scheme is not ("postgres" or "postgresql"))
        {
            throw new FormatException($"the scheme is '{uri.Scheme}', not postgres");
        }
        if (string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException("no host");
        }
        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host.Trim('[', ']') };
        if (!uri.IsDefaultPort && uri.Port > 0)
        {
            builder.Port = uri.Port;
        }
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            builder[UrlKeywords.GetValueOrDefault(key.ToLowerInvariant(), key)] = value;
        }
        return builder;
    }

    // libpq's URL parameters that Npgsql spells differently; any other key is passed to Npgsql as it is.
    private static readonly Dictionary<string, string> UrlKeywords = new(StringComparer.Ordinal)
    {
        ["sslmode"] = "SSL Mode",
        ["connect_timeout"] = "Timeout",
        ["application_name"] = "Application Name",
        ["options"] = "Options",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["target_session_attrs"] = "Target Session Attributes",
    };

    /// <summary>The location as it may be shown: a URL's user info loses its password, a connection string its
    /// Password=... part.</summary>
    public static string MaskLocation(string location) => MaskText(location, PasswordOf(location));

    private static string? PasswordOf(string location)
    {
        if (location.Contains("://", StringComparison.Ordinal))
        {
            var start = location.IndexOf("://", StringComparison.Ordinal) + 3;
            var at = location.IndexOf('@', start);
            var colon = location.IndexOf(':', start);
            return at > 0 && colon > 0 && colon < at ? location[(colon + 1)..at] : null;
        }
        foreach (var part in location.Split(';'))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && part[..equals].Trim().ToLowerInvariant() is "password" or "pwd" or "psw")
            {
                return part[(equals + 1)..].Trim();
            }
        }
        return null;
    }

    private static string MaskText(string text, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return text;
        }
        var masked = text.Replace(password, "***", StringComparison.Ordinal);
        var escaped = Uri.EscapeDataString(password);
        return escaped == password ? masked : masked.Replace(escaped, "***", StringComparison.Ordinal);
    }

    public override string ToString() => Description;
}

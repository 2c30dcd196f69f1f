using System.Globalization;
using System.Text;

namespace Unmask.Storage;

/// <summary>Where a store's audit key and checkpoint live: always outside the database they protect, so whoever can
/// write the database alone can neither recompute the chain nor move its recorded head.</summary>
public sealed record AuditLocation(AuditKeySource Keys, AuditCheckpointFile Checkpoint)
{
    /// <summary>A SQLite file: <c>&lt;db&gt;.audit-key</c> and <c>&lt;db&gt;.audit-checkpoint</c> beside it.</summary>
    public static AuditLocation Beside(string storePath, string? environmentSecret) =>
        new(AuditKeySource.Beside(storePath, environmentSecret), AuditCheckpointFile.Beside(storePath));

    /// <summary>A database on a server (PostgreSQL): the key file and checkpoint under this user's data folder, in
    /// <c>audit/</c> (mode 0700), named after the server and database, e.g. <c>db.example_5432_unmask.audit-checkpoint</c>.
    /// The database server never holds them; each machine that writes the log keeps its own checkpoint.</summary>
    /// <param name="schema">The search path, when the store lives in a schema of its own (one file pair per store).</param>
    public static AuditLocation UnderDataFolder(string dataFolder, string host, int port, string database, string? environmentSecret, string? schema = null)
    {
        var folder = Path.Combine(dataFolder, "audit");
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var stem = Path.Combine(folder, FileStem(host, port, schema is null ? database : $"{database}_{schema}"));
        return new(new AuditKeySource(stem + ".audit-key", environmentSecret), new AuditCheckpointFile(stem + ".audit-checkpoint"));
    }

    /// <summary>This user's data folder for Unmask, as the CLI finds its default store: <c>$XDG_DATA_HOME/unmask</c>, else
    /// <c>~/.local/share/unmask</c>.</summary>
    public static string UserDataFolder()
    {
        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrWhiteSpace(dataHome))
        {
            dataHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }
        return Path.Combine(dataHome, "unmask");
    }

    /// <summary><c>host_port_database</c>, with anything but letters, digits, '.' and '-' as '_', so no host or database
    /// name can reach outside the folder.</summary>
    public static string FileStem(string host, int port, string database)
    {
        static string Safe(string text) =>
            new(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '_').ToArray());
        var stem = new StringBuilder().Append(Safe(host)).Append('_').Append(port.ToString(CultureInfo.InvariantCulture)).Append('_').Append(Safe(database)).ToString();
        return stem.StartsWith('.') ? "_" + stem[1..] : stem;
    }
}

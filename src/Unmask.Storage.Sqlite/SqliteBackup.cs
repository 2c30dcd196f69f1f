using Microsoft.Data.Sqlite;
using Unmask.Domain;

namespace Unmask.Storage.Sqlite;

/// <summary>What a backup or restore wrote.</summary>
/// <param name="Checkpoint">The audit checkpoint file written beside it, or null when the store had none.</param>
/// <param name="Key">The audit key file written beside it, or null when it was not asked for or there was none.</param>
public sealed record BackupFiles(string Database, long SizeBytes, string? Checkpoint, string? Key);

/// <summary>Backups of a SQLite store with SQLite's online backup API: a consistent copy while the store is in use (readers
/// and writers carry on; the copy is the store as of one transaction). The audit checkpoint travels beside the copy;
/// the audit key only when asked, since whoever holds it can rewrite the log.</summary>
public static class SqliteBackup
{
    public static BackupFiles Backup(SqliteStore store, string file, bool withKey)
    {
        var target = Path.GetFullPath(file);
        if (File.Exists(target))
        {
            throw new InputException(file, null, "the backup file exists already; choose a new name (a backup never overwrites a file)");
        }
        var checkpoint = AuditCheckpointFile.Beside(store.Path);
        var keyFile = AuditKeySource.Beside(store.Path, null).KeyFile;
        // The checkpoint first: entries appended while the pages are copied leave the copy at or past it, never behind.
        var savedCheckpoint = File.Exists(checkpoint.Path) ? File.ReadAllText(checkpoint.Path) : null;
        var temporary = $"{target}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var source = store.Open())
            using (var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = temporary, Pooling = false }.ToString()))
            {
                destination.Open();
                source.BackupDatabase(destination);
                using var single = destination.CreateCommand();
                // One self-contained file: the backup keeps no -wal beside it.
                single.CommandText = "PRAGMA journal_mode=DELETE";
                single.ExecuteNonQuery();
            }
            File.Move(temporary, target);
        }
        finally
        {
            File.Delete(temporary);
        }
        string? writtenCheckpoint = null;
        if (savedCheckpoint is not null)
        {
            writtenCheckpoint = target + ".audit-checkpoint";
            File.WriteAllText(writtenCheckpoint, savedCheckpoint);
        }
        string? writtenKey = null;
        if (withKey && File.Exists(keyFile))
        {
            writtenKey = target + ".audit-key";
            PrivateFile.Write(writtenKey, File.ReadAllText(keyFile));
        }
        return new BackupFiles(target, new FileInfo(target).Length, writtenCheckpoint, writtenKey);
    }

    /// <summary>Replaces the store at <paramref name="storePath"/> with the backup <paramref name="file"/> (through the
    /// backup API, so a process holding the store open sees the old store or the restored one, never a mix), with the
    /// backup's checkpoint and, when the backup carries one, its key. A store that holds data is replaced only when
    /// <paramref name="replace"/> says so.</summary>
    public static BackupFiles Restore(string file, string storePath, bool replace)
    {
        var backup = Path.GetFullPath(file);
        if (!File.Exists(backup))
        {
            throw new InputException(file, null, "no such backup file");
        }
        var version = SchemaVersionOf(backup, file);
        if (version > SqliteStore.Plan.LatestVersion)
        {
            throw new InputException(file, null, $"the backup is at schema version {version}; this program knows up to {SqliteStore.Plan.LatestVersion}: restore it with a newer unmask");
        }
        var target = Path.GetFullPath(storePath);
        if (!replace && File.Exists(target) && HoldsData(target))
        {
            throw new InputException(storePath, null, "the store holds data; 'db restore --replace' replaces it with the backup");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        using (var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = backup, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        using (var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false, DefaultTimeout = 60 }.ToString()))
        {
            source.Open();
            destination.Open();
            source.BackupDatabase(destination);
            using var wal = destination.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL";
            wal.ExecuteNonQuery();
        }
        string? checkpoint = null;
        if (File.Exists(backup + ".audit-checkpoint"))
        {
            checkpoint = AuditCheckpointFile.Beside(target).Path;
            File.Copy(backup + ".audit-checkpoint", checkpoint, overwrite: true);
        }
        else if (File.Exists(AuditCheckpointFile.Beside(target).Path))
        {
            // The old store's checkpoint vouches for another log; verify must not compare the restored log with it.
            File.Delete(AuditCheckpointFile.Beside(target).Path);
        }
        string? key = null;
        if (File.Exists(backup + ".audit-key"))
        {
            key = AuditKeySource.Beside(target, null).KeyFile;
            PrivateFile.Write(key, File.ReadAllText(backup + ".audit-key"));
        }
        return new BackupFiles(target, new FileInfo(target).Length, checkpoint, key);
    }

    private static int SchemaVersionOf(string path, string file)
    {
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT MAX(version) FROM schema_migrations";
            return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (SqliteException e)
        {
            throw new InputException(file, null, $"not an unmask store ({e.Message})");
        }
        catch (InvalidCastException)
        {
            throw new InputException(file, null, "not an unmask store (no migration recorded)");
        }
    }

    private static bool HoldsData(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var tables = connection.CreateCommand();
        tables.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> 'schema_migrations'";
        var names = new List<string>();
        using (var reader = tables.ExecuteReader())
        {
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }
        }
        foreach (var name in names)
        {
            using var any = connection.CreateCommand();
            any.CommandText = $"SELECT EXISTS (SELECT 1 FROM \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\")";
            if (Convert.ToInt64(any.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0)
            {
                return true;
            }
        }
        return false;
    }
}

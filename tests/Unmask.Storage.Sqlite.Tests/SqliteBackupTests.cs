using Unmask.Domain;
using Unmask.TestKit;

namespace Unmask.Storage.Sqlite.Tests;

public sealed class SqliteBackupTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task A_backup_taken_while_the_log_is_written_is_a_consistent_store_with_an_intact_audit_chain()
    {
        var path = _folder.File("live.db");
        await using var store = SqliteStore.Open(path, TimeProvider.System);
        await store.Audit.AppendAsync("analyst", "case.open", "case-1", "first");
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            var written = 0;
            while (!stop.IsCancellationRequested)
            {
                await store.Audit.AppendAsync("analyst", "export", "graph", $"entry {written++}");
            }
            return written;
        });
        await Task.Delay(50);

        var files = SqliteBackup.Backup(store, _folder.File("backup.db"), withKey: true);
        await stop.CancelAsync();
        await writer;

        files.Checkpoint.ShouldBe(files.Database + ".audit-checkpoint");
        files.Key.ShouldBe(files.Database + ".audit-key");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(files.Key!).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        File.Exists(files.Database + "-wal").ShouldBeFalse("a backup is one file");
        await using var copy = SqliteStore.Open(files.Database, TimeProvider.System);
        var verification = await copy.Audit.VerifyAsync();
        verification.Problem.ShouldBeNull();
        verification.Entries.ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task A_backup_never_overwrites_a_file()
    {
        await using var store = SqliteStore.Open(_folder.File("store.db"), TimeProvider.System);
        var existing = _folder.File("existing.db");
        await File.WriteAllTextAsync(existing, "keep me");

        Should.Throw<InputException>(() => SqliteBackup.Backup(store, existing, withKey: false)).Message.ShouldContain("exists");
        (await File.ReadAllTextAsync(existing)).ShouldBe("keep me");
    }

    [Fact]
    public async Task A_restore_replaces_a_store_that_holds_data_only_when_asked_and_brings_the_backups_checkpoint()
    {
        var original = _folder.File("original.db");
        string backup;
        await using (var store = SqliteStore.Open(original, TimeProvider.System))
        {
            await store.Audit.AppendAsync("analyst", "case.open", "case-1", "in the backup");
            backup = SqliteBackup.Backup(store, _folder.File("backup.db"), withKey: true).Database;
            await store.Audit.AppendAsync("analyst", "case.decide", "case-1", "after the backup");
        }

        Should.Throw<InputException>(() => SqliteBackup.Restore(backup, original, replace: false)).Message.ShouldContain("--replace");
        var restored = SqliteBackup.Restore(backup, original, replace: true);

        restored.Checkpoint.ShouldBe(original + ".audit-checkpoint");
        await using var reopened = SqliteStore.Open(original, TimeProvider.System);
        var entries = new List<AuditEntry>();
        await foreach (var entry in reopened.Audit.ReadAsync())
        {
            entries.Add(entry);
        }
        entries.ShouldHaveSingleItem().Details.ShouldBe("in the backup");
        (await reopened.Audit.VerifyAsync()).Problem.ShouldBeNull();
    }

    [Fact]
    public void A_file_that_is_not_a_store_is_not_restored()
    {
        var notAStore = _folder.File("notes.db");
        File.WriteAllText(notAStore, "just text, long enough to not be mistaken for an empty database file");

        Should.Throw<InputException>(() => SqliteBackup.Restore(notAStore, _folder.File("target.db"), replace: true)).Message.ShouldContain("not an unmask store");
        File.Exists(_folder.File("target.db")).ShouldBeFalse();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}

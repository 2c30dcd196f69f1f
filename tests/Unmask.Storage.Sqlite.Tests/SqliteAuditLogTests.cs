using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Unmask.Domain;
using Unmask.Storage.Relational;
using Unmask.Storage.Tests;
using Unmask.TestKit;

namespace Unmask.Storage.Sqlite.Tests;

/// <summary>The audit log on SQLite, tampered with the way someone who can write the database file would: with SQL,
/// after dropping the triggers that refuse changes.</summary>
public sealed class SqliteAuditLogTests : AuditLogContract, IDisposable
{
    private const string Secret = "an environment secret of at least 32 bytes";
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    private string Db => _folder.File("audit.db");

    protected override Task<IUnmaskStore> NewStoreAsync() =>
        Task.FromResult<IUnmaskStore>(SqliteStore.Open(_folder.File($"{Guid.NewGuid():N}.db"), _time));

    [Fact]
    public async Task A_new_store_gets_a_key_file_only_its_owner_can_read_and_a_checkpoint_beside_it()
    {
        await using var store = SqliteStore.Open(Db, _time);
        File.Exists(Db + ".audit-checkpoint").ShouldBeTrue();
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(Db + ".audit-key").ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        (await store.Audit.VerifyAsync()).Problem.ShouldBeNull();
        Directory.GetFiles(_folder.Path, "*.tmp").ShouldBeEmpty();
    }

    [Fact]
    public async Task An_untouched_log_with_cases_is_intact()
    {
        await WithCasesAsync();
        var verification = await VerifyAsync();
        verification.Problem.ShouldBeNull();
        verification.Entries.ShouldBe(3);
        verification.CheckpointSequence.ShouldBe(3);
        verification.AuditedDocuments.ShouldBe(2);
    }

    [Fact]
    public async Task An_entry_edited_in_the_database_is_named()
    {
        await WithCasesAsync();
        Execute("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET details = 'cleared: quietly' WHERE seq = 3");
        var problem = (await VerifyAsync()).Problem.ShouldNotBeNull();
        problem.Sequence.ShouldBe(3);
        problem.Reason.ShouldContain("MAC does not match");
    }

    [Fact]
    public async Task An_entry_deleted_from_the_middle_of_the_table_is_named()
    {
        await WithCasesAsync();
        Execute("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 2");
        (await VerifyAsync()).Problem.ShouldNotBeNull().Reason.ShouldContain("entry 2 was removed");
    }

    [Fact]
    public async Task Entries_reordered_in_the_database_are_caught()
    {
        await WithCasesAsync();
        Execute("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET seq = -seq WHERE seq IN (2, 3); UPDATE audit_log SET seq = 5 + seq WHERE seq IN (-2, -3)");
        (await VerifyAsync()).Problem.ShouldNotBeNull().Sequence.ShouldBe(2);
    }

    [Fact]
    public async Task An_entry_inserted_without_the_key_is_caught()
    {
        await WithCasesAsync();
        Execute("""
            INSERT INTO audit_log (seq, at, actor, action, subject, details, previous_hash, hash, scheme, keyed_from, documents)
            SELECT 4, at, actor, 'case.decide', subject, 'cleared: forged', hash, hash, 'hmac-sha256', 1, '[]' FROM audit_log WHERE seq = 3
            """);
        var problem = (await VerifyAsync()).Problem.ShouldNotBeNull();
        problem.Sequence.ShouldBe(4);
        problem.Reason.ShouldContain("MAC does not match");
    }

    [Fact]
    public async Task A_table_rewritten_with_a_plain_sha256_chain_is_caught()
    {
        await WithCasesAsync();
        var entries = await ToListAsync(OpenStore().Audit.ReadAsync());
        var previous = Unmask.Storage.AuditChain.Genesis;
        Execute("DROP TRIGGER audit_log_no_update");
        foreach (var e in entries)
        {
            var details = e.Sequence == 3 ? "cleared: quietly" : e.Details;
            var hash = Unmask.Storage.AuditChain.HashOf(e.Sequence, e.At, e.Actor, e.Action, e.Subject, details, previous);
            Execute($"UPDATE audit_log SET details = '{details}', previous_hash = '{previous}', hash = '{hash}', scheme = 'sha256' WHERE seq = {e.Sequence}");
            previous = hash;
        }
        var problem = (await VerifyAsync()).Problem.ShouldNotBeNull();
        problem.Sequence.ShouldBe(1);
        problem.Reason.ShouldContain("plain SHA-256 but keyed entries begin at 1");
    }

    [Fact]
    public async Task A_tail_deleted_after_dropping_the_trigger_is_caught()
    {
        await WithCasesAsync();
        Execute("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq >= 2");
        var problem = (await VerifyAsync()).Problem.ShouldNotBeNull();
        problem.Where.ShouldBe("the end of the log");
        problem.Reason.ShouldContain("entries 2–3 were removed");
    }

    [Fact]
    public async Task A_case_status_changed_directly_in_the_store_is_reported()
    {
        await WithCasesAsync();
        Execute("UPDATE cases SET status = 'cleared' WHERE id = 'case-1'");
        var problem = (await VerifyAsync()).Problem.ShouldNotBeNull();
        problem.Where.ShouldBe("cases/case-1");
        problem.Sequence.ShouldBe(3);
        problem.Reason.ShouldContain("changed behind the log's back");
    }

    [Fact]
    public async Task A_decision_removed_or_a_case_added_directly_in_the_store_is_reported()
    {
        await WithCasesAsync();
        Execute("DROP TRIGGER case_decisions_no_delete; DELETE FROM case_decisions WHERE case_id = 'case-1'; UPDATE cases SET version = 1, status = 'open' WHERE id = 'case-1'");
        (await VerifyAsync()).Problem.ShouldNotBeNull().Where.ShouldBe("cases/case-1");
        await using (var store = OpenStore())
        {
            await store.Cases.DecideAsync("case-1", 1, new CaseDecisionRow("escalated", "again", "analyst", _time.GetUtcNow()));
        }
        Execute("INSERT INTO cases (id, number, subject, status, version, opened_by, opened_at) VALUES ('case-3', 3, 'vendor:V-9', 'cleared', 1, 'x', '2026-11-25T09:00:00.0000000+00:00')");
        var problem = (await VerifyAsync()).Problem.ShouldNotBeNull();
        problem.Where.ShouldBe("cases/case-3");
        problem.Reason.ShouldContain("added behind the log's back");
    }

    [Fact]
    public async Task A_missing_key_file_is_named_and_appending_is_refused()
    {
        await WithCasesAsync();
        File.Delete(Db + ".audit-key");
        await using var store = OpenStore();
        var problem = (await store.Audit.VerifyAsync()).Problem.ShouldNotBeNull();
        problem.Where.ShouldBe("the audit key");
        problem.Reason.ShouldContain("audit-key is missing");
        (await Should.ThrowAsync<InputException>(() => store.Audit.AppendAsync("analyst", "export", "graph", "x"))).Reason.ShouldContain("no audit key");
        File.Exists(Db + ".audit-key").ShouldBeFalse(); // a lost key is never silently replaced by a new one
    }

    [Fact]
    public async Task A_wrong_key_is_named_and_appending_with_it_is_refused()
    {
        await WithCasesAsync();
        await using var store = SqliteStore.Open(Db, _time, Secret);
        var problem = (await store.Audit.VerifyAsync()).Problem.ShouldNotBeNull();
        problem.Reason.ShouldContain("wrong key");
        await Should.ThrowAsync<InputException>(() => store.Audit.AppendAsync("analyst", "export", "graph", "x"));
    }

    [Fact]
    public async Task A_key_from_the_environment_is_used_instead_of_a_key_file()
    {
        await using (var store = SqliteStore.Open(Db, _time, Secret))
        {
            await store.Audit.AppendAsync("analyst", "export", "graph", "x");
            (await store.Audit.VerifyAsync()).Problem.ShouldBeNull();
        }
        File.Exists(Db + ".audit-key").ShouldBeFalse();
        await using var withoutIt = SqliteStore.Open(Db, _time);
        (await withoutIt.Audit.VerifyAsync()).Problem.ShouldNotBeNull().Where.ShouldBe("the audit key");
        Should.Throw<InputException>(() => SqliteStore.Open(_folder.File("short.db"), _time, "too short"));
    }

    [Fact]
    public async Task A_key_file_others_can_read_is_refused()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        await WithCasesAsync();
        File.SetUnixFileMode(Db + ".audit-key", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        await using var store = OpenStore();
        (await Should.ThrowAsync<InputException>(() => store.Audit.AppendAsync("analyst", "export", "graph", "x"))).Reason.ShouldContain("chmod 600");
        (await store.Audit.VerifyAsync()).Problem.ShouldNotBeNull().Reason.ShouldContain("chmod 600");
    }

    [Fact]
    public async Task A_missing_or_forged_checkpoint_is_named()
    {
        await WithCasesAsync();
        var checkpoint = await File.ReadAllTextAsync(Db + ".audit-checkpoint");
        await File.WriteAllTextAsync(Db + ".audit-checkpoint", checkpoint.Replace("\"sequence\":3", "\"sequence\":1", StringComparison.Ordinal));
        (await VerifyAsync()).Problem.ShouldNotBeNull().Reason.ShouldContain("edited or forged");
        File.Delete(Db + ".audit-checkpoint");
        var problem = (await VerifyAsync()).Problem.ShouldNotBeNull();
        problem.Where.ShouldBe("the checkpoint");
        problem.Reason.ShouldContain("is missing");
    }

    [Fact]
    public async Task A_legacy_store_is_sealed_on_upgrade_and_its_keyed_entries_cannot_all_be_removed()
    {
        CreateLegacyStore();
        await using (var store = OpenStore())
        {
            var entries = await ToListAsync(store.Audit.ReadAsync());
            entries.Count.ShouldBe(3);
            entries[2].Action.ShouldBe("audit.keyed");
            entries[2].Details.ShouldContain("entries 1–2 are plain SHA-256 (legacy)");
            entries[2].Documents.ShouldHaveSingleItem().Key.ShouldBe("case-1"); // the legacy case, adopted as it is
            // The chain and checkpoint hold; the legacy case itself reaches the typed tables when the documents table is moved.
            AuditChain.FirstBrokenEntry(entries, keyedFrom: 3, store.Audit is RelationalAuditLog audit ? audit.Keys.Find() : null).ShouldBeNull();
            var verification = await store.Audit.VerifyAsync();
            verification.LegacyEntries.ShouldBe(2);
            verification.CheckpointSequence.ShouldBe(3);
        }
        Execute("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE scheme = 'hmac-sha256'");
        (await VerifyAsync()).Problem.ShouldNotBeNull().Reason.ShouldContain("entry 3 was removed");
        File.Delete(Db + ".audit-checkpoint");
        (await VerifyAsync()).Problem.ShouldNotBeNull().Reason.ShouldContain("is missing");
    }

    /// <summary>Two cases: case-1 opened then escalated, case-2 opened (entries 1–3).</summary>
    private async Task WithCasesAsync()
    {
        await using var store = OpenStore();
        await store.Cases.OpenAsync(new NewCase("vendor:V-3", "analyst", _time.GetUtcNow(), ["vendor:V-3"], []));
        await store.Cases.OpenAsync(new NewCase("vendor:V-4", "analyst", _time.GetUtcNow(), ["vendor:V-4"], []));
        await store.Cases.DecideAsync("case-1", 1, new CaseDecisionRow("escalated", "shared phone", "analyst", _time.GetUtcNow()));
    }

    private SqliteStore OpenStore() => SqliteStore.Open(Db, _time);

    private async Task<AuditVerification> VerifyAsync()
    {
        await using var store = OpenStore();
        return await store.Audit.VerifyAsync();
    }

    /// <summary>A store as the previous version left it: migrations 1–3, two plain SHA-256 entries and a case.</summary>
    private void CreateLegacyStore()
    {
        foreach (var script in new[] { "001_lists.sql", "002_documents.sql", "003_audit.sql" })
        {
            Execute(File.ReadAllText(RepoPaths.Path("src", "Unmask.Storage.Sqlite", "Migrations", script)));
        }
        Execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);"
            + "INSERT INTO schema_migrations VALUES (1, '001_lists.sql', ''), (2, '002_documents.sql', ''), (3, '003_audit.sql', '');"
            + "INSERT INTO documents VALUES ('cases', 'case-1', '{\"status\":\"open\"}');");
        var previous = Unmask.Storage.AuditChain.Genesis;
        for (var seq = 1; seq <= 2; seq++)
        {
            var at = _time.GetUtcNow();
            var hash = Unmask.Storage.AuditChain.HashOf(seq, at, "analyst", "case.open", "case-1", "legacy", previous);
            Execute($"INSERT INTO audit_log VALUES ({seq}, '{at:O}', 'analyst', 'case.open', 'case-1', 'legacy', '{previous}', '{hash}')");
            previous = hash;
        }
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Db};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}

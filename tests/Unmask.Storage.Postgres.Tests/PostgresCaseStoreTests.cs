using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Unmask.Storage.Tests;
using Unmask.TestKit.Databases;

namespace Unmask.Storage.Postgres.Tests;

/// <summary>The case store on PostgreSQL; a second store on the same database (its own connection pool) stands for a
/// second process.</summary>
public sealed class PostgresCaseStoreTests(PostgresBackend backend) : CaseStoreContract, IClassFixture<PostgresBackend>
{
    private readonly FakeTimeProvider _time = new(At);

    protected override Task<IUnmaskStore> NewStoreAsync() => backend.NewStoreAsync(_time);

    protected override Task<IUnmaskStore> OpenAgainAsync(IUnmaskStore store) => backend.OpenAsync(((PostgresStore)store).Location.ConnectionString, _time);

    [Fact]
    public async Task The_tables_refuse_a_second_decision_on_one_version_and_any_change_to_a_decision_or_the_log()
    {
        await using var store = (PostgresStore)await NewStoreAsync();
        await store.Cases.OpenAsync(Opening("vendor:V-2", "vendor:V-2"));
        await store.Cases.DecideAsync("case-1", 1, Decision("escalated", "alice"));
        await using var connection = (NpgsqlConnection)await backend.ConnectAsync(store.Location.ConnectionString);

        (await Should.ThrowAsync<PostgresException>(() => ExecuteAsync(connection,
            "INSERT INTO case_decisions VALUES ('case-1', 2, 'cleared', 'x', 'bob', now())"))).SqlState.ShouldBe(PostgresErrorCodes.UniqueViolation);
        (await Should.ThrowAsync<PostgresException>(() => ExecuteAsync(connection, "UPDATE case_decisions SET decision = 'cleared'"))).MessageText.ShouldContain("never changed");
        (await Should.ThrowAsync<PostgresException>(() => ExecuteAsync(connection, "DELETE FROM case_decisions"))).MessageText.ShouldContain("never changed or removed");
        (await Should.ThrowAsync<PostgresException>(() => ExecuteAsync(connection, "TRUNCATE case_decisions"))).MessageText.ShouldContain("never changed or removed");
        (await Should.ThrowAsync<PostgresException>(() => ExecuteAsync(connection, "UPDATE cases SET status = 'closed'"))).SqlState.ShouldBe(PostgresErrorCodes.CheckViolation);
        (await Should.ThrowAsync<PostgresException>(() => ExecuteAsync(connection, "UPDATE audit_log SET details = 'quietly'"))).MessageText.ShouldContain("append-only");
        (await Should.ThrowAsync<PostgresException>(() => ExecuteAsync(connection, "TRUNCATE audit_log"))).MessageText.ShouldContain("append-only");
        (await store.Audit.VerifyAsync()).Problem.ShouldBeNull();
    }

    [Fact]
    public async Task Tampering_by_someone_who_can_disable_the_triggers_is_caught_by_verify()
    {
        await using var store = (PostgresStore)await NewStoreAsync();
        await store.Cases.OpenAsync(Opening("vendor:V-2", "vendor:V-2"));
        await store.Cases.DecideAsync("case-1", 1, Decision("escalated", "alice"));
        await using var connection = (NpgsqlConnection)await backend.ConnectAsync(store.Location.ConnectionString);

        await ExecuteAsync(connection, "UPDATE cases SET status = 'cleared' WHERE id = 'case-1'");
        var changed = (await store.Audit.VerifyAsync()).Problem.ShouldNotBeNull();
        changed.Where.ShouldBe("cases/case-1");
        changed.Reason.ShouldContain("changed behind the log's back");

        await ExecuteAsync(connection, "UPDATE cases SET status = 'escalated' WHERE id = 'case-1'");
        (await store.Audit.VerifyAsync()).Problem.ShouldBeNull();
        await ExecuteAsync(connection, "ALTER TABLE audit_log DISABLE TRIGGER USER; DELETE FROM audit_log WHERE seq = 2; ALTER TABLE audit_log ENABLE TRIGGER USER");
        var cut = (await store.Audit.VerifyAsync()).Problem.ShouldNotBeNull();
        cut.Where.ShouldBe("the end of the log");
        cut.Reason.ShouldContain("entry 2 was removed");
    }

    [Fact]
    public async Task The_key_and_checkpoint_are_kept_outside_the_database_named_after_it()
    {
        await using var store = (PostgresStore)await NewStoreAsync();
        var audit = (Relational.RelationalAuditLog)store.Audit;
        var stem = AuditLocation.FileStem(store.Location.Host, store.Location.Port, $"{store.Location.Database}_{store.Location.SearchPath}");

        Path.GetFileName(audit.Checkpoint.Path).ShouldBe(stem + ".audit-checkpoint");
        Path.GetFileName(audit.Keys.KeyFile).ShouldBe(stem + ".audit-key");
        File.Exists(audit.Checkpoint.Path).ShouldBeTrue();
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(audit.Keys.KeyFile).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}

using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Unmask.Storage.Relational;
using Unmask.Storage.Tests;
using Unmask.TestKit;

namespace Unmask.Storage.Sqlite.Tests;

/// <summary>The case store on SQLite; a second store on the same file stands for a second process.</summary>
public sealed class SqliteCaseStoreTests : CaseStoreContract, IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(At);

    protected override Task<IUnmaskStore> NewStoreAsync() =>
        Task.FromResult<IUnmaskStore>(SqliteStore.Open(_folder.File($"{Guid.NewGuid():N}.db"), _time));

    protected override Task<IUnmaskStore> OpenAgainAsync(IUnmaskStore store) =>
        Task.FromResult<IUnmaskStore>(SqliteStore.Open(((SqliteStore)store).Path, _time));

    [Fact]
    public async Task The_tables_refuse_a_second_decision_on_one_version_and_any_change_to_a_decision()
    {
        await using var store = (SqliteStore)await NewStoreAsync();
        await store.Cases.OpenAsync(Opening("vendor:V-2", "vendor:V-2"));
        await store.Cases.DecideAsync("case-1", 1, Decision("escalated", "alice"));
        await using var connection = new SqliteConnection($"Data Source={store.Path};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);

        Should.Throw<SqliteException>(() => Execute(connection,
            "INSERT INTO case_decisions VALUES ('case-1', 2, 'cleared', 'x', 'bob', '2026-11-25T09:00:00.0000000+00:00')")).SqliteExtendedErrorCode.ShouldBe(1555);
        Should.Throw<SqliteException>(() => Execute(connection, "UPDATE case_decisions SET decision = 'cleared'")).Message.ShouldContain("never changed");
        Should.Throw<SqliteException>(() => Execute(connection, "DELETE FROM case_decisions")).Message.ShouldContain("never removed");
        Should.Throw<SqliteException>(() => Execute(connection, "UPDATE cases SET status = 'closed'")).Message.ShouldContain("CHECK");
        Should.Throw<SqliteException>(() => Execute(connection,
            "INSERT INTO case_members VALUES ('case-7', 0, 'vendor:V-1')")).Message.ShouldContain("FOREIGN KEY");
    }

    [Fact]
    public async Task Cases_moved_in_from_a_legacy_document_and_adopted_by_the_log_verify_intact()
    {
        var legacy = await File.ReadAllTextAsync(RepoPaths.Path("tests", "fixtures", "legacy-store", "case.json"), TestContext.Current.CancellationToken);
        var moved = CaseDocument.FromLegacyJson(legacy);
        moved.Version.ShouldBe(2);
        moved.Status.ShouldBe("escalated");
        moved.Decisions.ShouldHaveSingleItem().At.ShouldBe(new DateTimeOffset(2026, 12, 7, 19, 40, 21, 891, 603, TimeSpan.Zero));

        await using var store = (SqliteStore)await NewStoreAsync();
        var audit = (RelationalAuditLog)store.Audit;
        await using (var connection = await store.OpenAsync(TestContext.Current.CancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken))
        {
            await RelationalCaseStore.InsertAsync(connection, transaction, store.Database.Dialect, moved, TestContext.Current.CancellationToken);
            (await audit.AdoptCasesAsync(connection, transaction, "moved from the documents table", TestContext.Current.CancellationToken))
                .Documents.ShouldHaveSingleItem().Key.ShouldBe("case-1");
            await transaction.CommitAsync(TestContext.Current.CancellationToken);
        }
        (await store.Audit.VerifyAsync()).Problem.ShouldBeNull();
        (await store.Cases.DecideAsync("case-1", 2, Decision("reported", "bob"))).Version.ShouldBe(3);
        (await store.Audit.VerifyAsync()).Problem.ShouldBeNull();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
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

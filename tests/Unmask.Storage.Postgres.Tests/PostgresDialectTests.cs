using System.Data.Common;
using Npgsql;
using Unmask.Storage.Relational;
using Unmask.TestKit.Databases;

namespace Unmask.Storage.Postgres.Tests;

public sealed class PostgresDialectTests(PostgresBackend backend) : IClassFixture<PostgresBackend>, IAsyncLifetime
{
    private PostgresStore _store = null!;

    private RelationalDatabase Database => _store.Database;

    public async ValueTask InitializeAsync()
    {
        _store = (PostgresStore)await backend.NewStoreAsync();
        await using var connection = await Database.OpenAsync();
        await using var create = Sql.Command(connection, null,
            "CREATE TABLE samples (id BIGINT PRIMARY KEY, at TIMESTAMPTZ, body JSONB)");
        await create.ExecuteNonQueryAsync();
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task A_time_comes_back_in_utc_to_the_microsecond()
    {
        var written = new DateTimeOffset(2026, 12, 7, 21, 30, 15, TimeSpan.FromHours(9)).AddTicks(1_234_567);
        await InsertAsync(1, written, null);

        var read = await ReadAsync(1, (dialect, reader) => dialect.GetTime(reader, 0), "at");

        read.ShouldBe(StoredTime.Normalize(written));
        read.Offset.ShouldBe(TimeSpan.Zero);
        read.Ticks.ShouldBe(new DateTimeOffset(2026, 12, 7, 12, 30, 15, TimeSpan.Zero).AddTicks(1_234_560).Ticks);
    }

    [Fact]
    public async Task Json_is_stored_as_jsonb_and_null_as_null()
    {
        await InsertAsync(1, null, """{"name": ["KIM Il"], "n": 2}""");
        await InsertAsync(2, null, null);

        (await ReadAsync(1, (_, reader) => reader.GetString(0), "body->'name'->>0")).ShouldBe("KIM Il");
        (await ReadAsync(1, (_, reader) => reader.GetString(0), "jsonb_typeof(body)")).ShouldBe("object");
        (await ReadAsync(2, (_, reader) => reader.IsDBNull(0), "body")).ShouldBeTrue();
    }

    [Fact]
    public async Task A_duplicate_key_is_recognised_as_a_unique_violation_and_other_errors_are_not()
    {
        await InsertAsync(1, null, null);

        var duplicate = await Should.ThrowAsync<DbException>(() => InsertAsync(1, null, null));
        var notJson = await Should.ThrowAsync<DbException>(() => InsertAsync(2, null, "{not json"));

        Database.Dialect.IsUniqueViolation(duplicate).ShouldBeTrue();
        Database.Dialect.IsUniqueViolation(notJson).ShouldBeFalse();
    }

    [Fact]
    public async Task Writers_of_one_scope_wait_for_each_other_and_writers_of_another_scope_do_not()
    {
        await using var first = await Database.OpenAsync();
        await using var holding = await Database.Dialect.BeginWriteAsync(first, "case:C-1", CancellationToken.None);

        var sameScope = Database.WriteAsync("case:C-1", (_, _) => Task.FromResult(true));
        var otherScope = Database.WriteAsync("case:C-2", (_, _) => Task.FromResult(true));

        (await otherScope).ShouldBeTrue();
        (await Task.WhenAny(sameScope, Task.Delay(TimeSpan.FromMilliseconds(500)))).ShouldNotBe(sameScope, "the lock is held");
        await holding.CommitAsync();
        (await sameScope.WaitAsync(TimeSpan.FromSeconds(10))).ShouldBeTrue();
    }

    [Fact]
    public void Lock_keys_are_fixed_numbers_so_every_process_and_release_takes_the_same_lock()
    {
        PostgresDialect.LockKey("case:C-1").ShouldBe(PostgresDialect.LockKey("case:C-1"));
        PostgresDialect.LockKey("case:C-1").ShouldNotBe(PostgresDialect.LockKey("case:C-2"));
        // Pinned: a release that computed another key would not wait for an older one migrating the same database.
        PostgresDialect.LockKey(Migrator.LockScope).ShouldBe(2791888192033081259L);
    }

    private Task InsertAsync(long id, DateTimeOffset? at, string? json) =>
        Database.WriteAsync("samples", async (connection, transaction) =>
        {
            await using var insert = Sql.Command(connection, transaction, "INSERT INTO samples (id, at, body) VALUES (@id, @at, @body)").With("@id", id);
            Database.Dialect.Time(insert, "@at", at);
            Database.Dialect.Json(insert, "@body", json);
            await insert.ExecuteNonQueryAsync();
        });

    private async Task<T> ReadAsync<T>(long id, Func<SqlDialect, DbDataReader, T> read, string column)
    {
        await using var connection = await Database.OpenAsync();
        await using var query = Sql.Command(connection, null, $"SELECT {column} FROM samples WHERE id = @id").With("@id", id);
        await using var reader = await query.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue();
        return read(Database.Dialect, reader);
    }
}

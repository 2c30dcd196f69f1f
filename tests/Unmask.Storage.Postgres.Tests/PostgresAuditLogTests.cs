using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Unmask.Storage.Tests;
using Unmask.TestKit.Databases;

namespace Unmask.Storage.Postgres.Tests;

public sealed class PostgresAuditLogTests(PostgresBackend backend) : AuditLogContract, IClassFixture<PostgresBackend>
{
    protected override Task<IUnmaskStore> NewStoreAsync() =>
        backend.NewStoreAsync(new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero)));

    [Fact]
    public async Task An_entry_keeps_the_exact_time_text_its_mac_covers_also_below_the_microsecond()
    {
        await using var store = (PostgresStore)await NewStoreAsync();
        await store.Audit.AppendAsync("analyst", "export", "graph", "stix to graph.json");
        await using (var connection = (NpgsqlConnection)await backend.ConnectAsync(store.Location.ConnectionString))
        {
            // As 'db copy' brings an entry of a SQLite store written before the typed store (times to the 100 ns).
            await using var insert = new NpgsqlCommand("""
                INSERT INTO audit_log (seq, at, actor, action, subject, details, previous_hash, hash, scheme, keyed_from, documents)
                SELECT 2, '2026-12-07T19:40:19.5230706+00:00', actor, action, subject, details, hash, hash, scheme, keyed_from, documents FROM audit_log WHERE seq = 1
                """, connection);
            await insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var entries = await ToListAsync(store.Audit.ReadAsync(TestContext.Current.CancellationToken));
        entries[0].At.ShouldBe(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
        entries[1].At.Ticks.ShouldBe(new DateTimeOffset(2026, 12, 7, 19, 40, 19, TimeSpan.Zero).Ticks + 5230706);
    }
}

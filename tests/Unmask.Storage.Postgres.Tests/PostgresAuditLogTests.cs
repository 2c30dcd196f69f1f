using Microsoft.Extensions.Time.Testing;
using Unmask.Storage.Tests;
using Unmask.TestKit.Databases;

namespace Unmask.Storage.Postgres.Tests;

public sealed class PostgresAuditLogTests(PostgresBackend backend) : AuditLogContract, IClassFixture<PostgresBackend>
{
    protected override Task<IUnmaskStore> NewStoreAsync() =>
        backend.NewStoreAsync(new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero)));
}

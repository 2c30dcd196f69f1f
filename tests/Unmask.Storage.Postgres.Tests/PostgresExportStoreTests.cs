using Unmask.Storage.Tests;
using Unmask.TestKit.Databases;

namespace Unmask.Storage.Postgres.Tests;

public sealed class PostgresExportStoreTests(PostgresBackend backend) : ExportStoreContract, IClassFixture<PostgresBackend>
{
    protected override Task<IUnmaskStore> NewStoreAsync() => backend.NewStoreAsync();
}

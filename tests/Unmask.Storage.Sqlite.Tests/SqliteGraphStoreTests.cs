using Unmask.Storage.Tests;
using Unmask.TestKit.Databases;

namespace Unmask.Storage.Sqlite.Tests;

public sealed class SqliteGraphStoreTests(SqliteBackend backend) : GraphStoreContract, IClassFixture<SqliteBackend>
{
    protected override Task<IUnmaskStore> NewStoreAsync() => backend.NewStoreAsync();
}

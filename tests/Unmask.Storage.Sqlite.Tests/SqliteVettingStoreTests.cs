using Unmask.Storage.Tests;
using Unmask.TestKit.Databases;

namespace Unmask.Storage.Sqlite.Tests;

public sealed class SqliteVettingStoreTests(SqliteBackend backend) : VettingStoreContract, IClassFixture<SqliteBackend>
{
    protected override Task<IUnmaskStore> NewStoreAsync() => backend.NewStoreAsync();
}

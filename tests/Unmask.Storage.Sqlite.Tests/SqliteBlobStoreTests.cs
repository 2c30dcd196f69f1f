using Unmask.Storage.Tests;

namespace Unmask.Storage.Sqlite.Tests;

public sealed class SqliteBlobStoreTests : BlobStoreContract, IDisposable
{
    private readonly TempSqliteStores _stores = new();

    protected override Task<IUnmaskStore> NewStoreAsync() => Task.FromResult<IUnmaskStore>(_stores.Open());

    public void Dispose() => _stores.Dispose();
}

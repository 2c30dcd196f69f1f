using Unmask.Storage.Tests;
using Unmask.TestKit;

namespace Unmask.Storage.Sqlite.Tests;

public sealed class SqliteWatchStoreTests : WatchStoreContract, IDisposable
{
    private readonly TempFolder _folder = new();

    protected override Task<IUnmaskStore> NewStoreAsync() => FreshSqliteStore.In(_folder);

    public void Dispose() => _folder.Dispose();
}

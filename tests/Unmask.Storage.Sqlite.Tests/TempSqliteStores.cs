using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Unmask.TestKit;

namespace Unmask.Storage.Sqlite.Tests;

/// <summary>Fresh SQLite stores in a temporary folder, deleted with it.</summary>
internal sealed class TempSqliteStores : IDisposable
{
    private readonly TempFolder _folder = new();

    public SqliteStore Open() =>
        SqliteStore.Open(_folder.File($"{Guid.NewGuid():N}.db"), new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero)));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}

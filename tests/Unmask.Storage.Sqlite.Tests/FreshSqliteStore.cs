using Microsoft.Extensions.Time.Testing;
using Unmask.TestKit;

namespace Unmask.Storage.Sqlite.Tests;

/// <summary>A new, empty SQLite store in a test's temporary folder, for the backend's contract test classes.</summary>
internal static class FreshSqliteStore
{
    public static Task<IUnmaskStore> In(TempFolder folder) =>
        Task.FromResult<IUnmaskStore>(SqliteStore.Open(folder.File($"{Guid.NewGuid():N}.db"), new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero))));
}

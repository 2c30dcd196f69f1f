using Unmask.Storage.Tests;
using Unmask.TestKit.Databases;

namespace Unmask.Storage.Sqlite.Tests;

public sealed class SqliteWatchStoreTests(SqliteBackend backend) : WatchStoreContract(backend), IClassFixture<SqliteBackend>;

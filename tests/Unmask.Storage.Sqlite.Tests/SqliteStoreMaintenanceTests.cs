using Unmask.Storage.Tests;
using Unmask.TestKit.Databases;

namespace Unmask.Storage.Sqlite.Tests;

public sealed class SqliteStoreMaintenanceTests(SqliteBackend backend) : StoreMaintenanceContract(backend), IClassFixture<SqliteBackend>;

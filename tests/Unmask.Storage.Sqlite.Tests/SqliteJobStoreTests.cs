using Unmask.Storage.Tests;
using Unmask.TestKit.Databases;

namespace Unmask.Storage.Sqlite.Tests;

public sealed class SqliteJobStoreTests(SqliteBackend backend) : JobStoreContract(backend), IClassFixture<SqliteBackend>;

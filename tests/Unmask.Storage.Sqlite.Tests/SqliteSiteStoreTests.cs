using Unmask.Storage.Tests;
using Unmask.TestKit.Databases;

namespace Unmask.Storage.Sqlite.Tests;

public sealed class SqliteSiteStoreTests(SqliteBackend backend) : SiteStoreContract(backend), IClassFixture<SqliteBackend>;

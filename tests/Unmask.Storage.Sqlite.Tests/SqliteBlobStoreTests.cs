using Unmask.Storage.Tests;
using Unmask.TestKit.Databases;

namespace Unmask.Storage.Sqlite.Tests;

public sealed class SqliteBlobStoreTests(SqliteBackend backend) : BlobStoreContract(backend), IClassFixture<SqliteBackend>;

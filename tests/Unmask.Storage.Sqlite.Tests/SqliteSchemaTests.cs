using Unmask.Storage.Tests;
using Unmask.TestKit.Databases;

namespace Unmask.Storage.Sqlite.Tests;

public sealed class SqliteSchemaTests(SqliteBackend backend) : SchemaContract(backend), IClassFixture<SqliteBackend>;

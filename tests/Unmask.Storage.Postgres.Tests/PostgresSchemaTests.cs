using Unmask.Storage.Tests;
using Unmask.TestKit.Databases;

namespace Unmask.Storage.Postgres.Tests;

public sealed class PostgresSchemaTests(PostgresBackend backend) : SchemaContract(backend), IClassFixture<PostgresBackend>;

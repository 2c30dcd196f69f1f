using Unmask.Storage.Tests;
using Unmask.TestKit.Databases;

namespace Unmask.Storage.Postgres.Tests;

public sealed class PostgresJobStoreTests(PostgresBackend backend) : JobStoreContract(backend), IClassFixture<PostgresBackend>;

using Unmask.Storage.Tests;
using Unmask.TestKit.Databases;

namespace Unmask.Storage.Postgres.Tests;

public sealed class PostgresBlobStoreTests(PostgresBackend backend) : BlobStoreContract(backend), IClassFixture<PostgresBackend>;

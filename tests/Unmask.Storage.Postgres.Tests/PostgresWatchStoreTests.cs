using Unmask.Storage.Tests;
using Unmask.TestKit.Databases;

namespace Unmask.Storage.Postgres.Tests;

public sealed class PostgresWatchStoreTests(PostgresBackend backend) : WatchStoreContract(backend), IClassFixture<PostgresBackend>;

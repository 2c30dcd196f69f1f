using Unmask.Storage.Tests;
using Unmask.TestKit.Databases;

namespace Unmask.Storage.Postgres.Tests;

public sealed class PostgresSiteStoreTests(PostgresBackend backend) : SiteStoreContract(backend), IClassFixture<PostgresBackend>;

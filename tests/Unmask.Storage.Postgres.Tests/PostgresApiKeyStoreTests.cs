using Unmask.Storage.Tests;
using Unmask.TestKit.Databases;

namespace Unmask.Storage.Postgres.Tests;

public sealed class PostgresApiKeyStoreTests(PostgresBackend backend) : ApiKeyStoreContract(backend), IClassFixture<PostgresBackend>;

using Unmask.Storage.Tests;
using Unmask.TestKit.Databases;

namespace Unmask.Storage.Postgres.Tests;

public sealed class PostgresStoreMaintenanceTests(PostgresBackend backend) : StoreMaintenanceContract(backend), IClassFixture<PostgresBackend>;

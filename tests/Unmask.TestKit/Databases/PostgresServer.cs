namespace Unmask.TestKit.Databases;

/// <summary>The PostgreSQL server the tests may use: an admin connection string in <c>$UNMASK_PG</c> (tests/pg.sh starts a
/// throwaway one and prints it; .ci/run sets it). Tests create their own databases there and drop them after.</summary>
public static class PostgresServer
{
    public const string Variable = "UNMASK_PG";

    /// <summary>The admin connection string; fails loudly, saying how to get one, when none is set.</summary>
    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"the PostgreSQL tests need a server: ${Variable} is not set. Start a throwaway one with `tests/pg.sh start` and "
                + $"export the {Variable}=... line it prints (e.g. Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres), "
                + "or run everything with `.ci/run`");
}

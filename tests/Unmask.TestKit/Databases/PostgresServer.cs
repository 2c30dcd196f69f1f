namespace Unmask.TestKit.Databases;

/// <summary>The PostgreSQL server the tests may use: an admin connection string in <c>$UNMASK_PG</c> (tests/pg.sh starts a
/// throwaway one and prints it; .ci/run sets it). Tests create their own databases there and drop them after.</summary>
public static class PostgresServer
{
    public const string Variable = "UNMASK_PG";

    /// <summary>The admin connection string; fails loudly, saying how to get one, when none is set.</summary>
    public static string AdminConnectionString => AdminConnectionStringFrom(Environment.GetEnvironmentVariable(Variable));

    internal static string AdminConnectionStringFrom(string? value) =>
        !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new InvalidOperationException(
                $"the PostgreSQL tests need a server: ${Variable} is not set. Start a throwaway one with `eval \"$(tests/pg.sh start)\"` "
                + $"(it exports {Variable}=Host=127.0.0.1;Port=...;Username=postgres;Database=postgres; `tests/pg.sh stop` deletes it), "
                + "or run everything with `.ci/run`");
}

using Unmask.TestKit;
using Unmask.TestKit.Databases;

namespace Unmask.EndToEnd.Tests;

/// <summary>Issue 15's target for <c>db copy</c>: a store holding lists, the demo's sites and vetting, the graph and a decided
/// case, copied SQLite → PostgreSQL → SQLite, prints the same <c>lists show</c>, <c>graph clusters</c> and <c>case show</c>
/// on all three, and its audit chain is intact on each copy.</summary>
public sealed class DbCopyRoundTripTests(PostgresBackend backend) : IClassFixture<PostgresBackend>, IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task A_store_copied_to_postgresql_and_back_prints_the_same_and_keeps_an_intact_audit_chain()
    {
        var sqlite = _folder.File("first.db");
        var postgres = await backend.NewDatabaseAsync();
        var back = _folder.File("back.db");
        foreach (var step in new[]
                 {
                     new[] { "demo", "--db", sqlite },
                     ["graph", "build", "--db", sqlite],
                     ["case", "open", "cluster-1", "--by", "alice", "--db", sqlite],
                     ["case", "decide", "case-1", "--decision", "escalated", "--reason", "shared phone with a clone site", "--by", "alice", "--db", sqlite],
                     ["db", "copy", "--from", sqlite, "--to", postgres],
                     ["db", "copy", "--from", postgres, "--to", back],
                 })
        {
            var run = await CliProcess.RunAsync(_folder.Path, step);
            run.ExitCode.ShouldBe(0, $"{string.Join(' ', step)}: {run.Stderr}");
        }

        foreach (var command in new[] { new[] { "lists", "show" }, ["graph", "clusters"], ["case", "show", "case-1"] })
        {
            var original = await CliProcess.RunAsync(_folder.Path, [.. command, "--db", sqlite]);
            original.ExitCode.ShouldBe(0, original.Stderr);
            (await CliProcess.RunAsync(_folder.Path, [.. command, "--db", postgres])).Stdout.ShouldBe(original.Stdout, string.Join(' ', command) + " on PostgreSQL");
            (await CliProcess.RunAsync(_folder.Path, [.. command, "--db", back])).Stdout.ShouldBe(original.Stdout, string.Join(' ', command) + " back on SQLite");
        }
        foreach (var store in new[] { postgres, back })
        {
            var verify = await CliProcess.RunAsync(_folder.Path, "audit", "verify", "--db", store);
            verify.ExitCode.ShouldBe(0, verify.Stdout + verify.Stderr);
            verify.Stdout.ShouldContain("1 case matches the log");
        }
    }

    public void Dispose() => _folder.Dispose();
}

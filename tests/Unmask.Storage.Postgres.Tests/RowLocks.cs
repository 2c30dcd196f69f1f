using System.Data.Common;
using Unmask.TestKit.Databases;

namespace Unmask.Storage.Postgres.Tests;

/// <summary>Rows locked by another server's open transaction, to show that takers of a queue skip them.</summary>
internal static class RowLocks
{
    /// <summary>Runs <paramref name="lockingSql"/> in a transaction on a connection of its own and keeps both open (and the
    /// rows locked) until disposed, which rolls it back.</summary>
    public static async Task<IAsyncDisposable> HoldAsync(StoreBackend backend, string location, string lockingSql)
    {
        var connection = await backend.ConnectAsync(location);
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = lockingSql;
            await command.ExecuteNonQueryAsync();
        }
        return new Held(connection, transaction);
    }

    /// <summary>The result of <paramref name="taking"/>, which must come while the rows are held: waiting for them would
    /// take until the holder lets go, so ten seconds is plenty.</summary>
    public static async Task<T> WithoutWaitingAsync<T>(Task<T> taking)
    {
        (await Task.WhenAny(taking, Task.Delay(TimeSpan.FromSeconds(10)))).ShouldBe(taking, "the taker waited for rows another transaction holds");
        return await taking;
    }

    private sealed class Held(DbConnection connection, DbTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}

using System.Data.Common;
using Unmask.TestKit.Databases;

namespace Unmask.Storage.Tests;

/// <summary>Statements run behind a store's back, to show what its constraints refuse on every backend.</summary>
public static class SchemaRules
{
    public static async Task ShouldRefuseAsync(StoreBackend backend, string location, params string[] statements)
    {
        await using var connection = await backend.ConnectAsync(location);
        foreach (var statement in statements)
        {
            await Should.ThrowAsync<DbException>(() => ExecuteAsync(connection, statement), $"the schema let this through: {statement}");
        }
    }

    public static async Task ShouldAcceptAsync(StoreBackend backend, string location, string statement)
    {
        await using var connection = await backend.ConnectAsync(location);
        (await ExecuteAsync(connection, statement)).ShouldBe(1);
    }

    private static async Task<int> ExecuteAsync(DbConnection connection, string statement)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = statement;
        return await command.ExecuteNonQueryAsync();
    }
}

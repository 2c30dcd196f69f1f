using System.Text;
using Unmask.Domain;

namespace Unmask.Watchlists.Tests.Un;

/// <summary>Runs a reader to the end for tests (UN, UK and EU reader tests share it).</summary>
internal static class ListReading
{
    public static async Task<(List<Entity> Entities, ReadContext Context)> ReadFileAsync(IListReader reader, string path)
    {
        var context = new ReadContext();
        var entities = new List<Entity>();
        await foreach (var entity in reader.ReadAsync(ListInput.FromFile(path), context, TestContext.Current.CancellationToken))
        {
            entities.Add(entity);
        }
        return (entities, context);
    }

    public static Task<(List<Entity> Entities, ReadContext Context)> ReadTextAsync(IListReader reader, string name, string text) =>
        ReadBytesAsync(reader, name, Encoding.UTF8.GetBytes(text));

    public static async Task<(List<Entity> Entities, ReadContext Context)> ReadBytesAsync(IListReader reader, string name, byte[] bytes)
    {
        var context = new ReadContext();
        var entities = new List<Entity>();
        await foreach (var entity in reader.ReadAsync(ListInput.FromBytes(name, bytes), context, TestContext.Current.CancellationToken))
        {
            entities.Add(entity);
        }
        return (entities, context);
    }

    public static async Task<InputException> FailsAsync(IListReader reader, string name, string text) =>
        await Should.ThrowAsync<InputException>(() => ReadTextAsync(reader, name, text));

    public static bool Sniffs(IListReader reader, string path)
    {
        var bytes = File.ReadAllBytes(path);
        return reader.Sniff(bytes.AsSpan(0, Math.Min(bytes.Length, 64 * 1024)));
    }

    public static bool Sniffs(IListReader reader, byte[] bytes) => reader.Sniff(bytes.AsSpan(0, Math.Min(bytes.Length, 64 * 1024)));

    public static bool SniffsText(IListReader reader, string text) => Sniffs(reader, Encoding.UTF8.GetBytes(text));

    public static Entity ById(this IEnumerable<Entity> entities, string id) => entities.Where(e => e.Id == id).ShouldHaveSingleItem();
}

using System.Text;
using Unmask.Domain;

namespace Unmask.Watchlists.Tests.Ioc;

/// <summary>Runs a list reader to the end on a file or on in-memory text, for the IOC, STIX and FtM reader tests.</summary>
internal static class ReaderHarness
{
    public static async Task<(List<Entity> Entities, ReadContext Context)> ReadFileAsync(IListReader reader, string path, string? datasetName = null)
    {
        var context = new ReadContext(datasetName);
        var entities = new List<Entity>();
        await foreach (var entity in reader.ReadAsync(ListInput.FromFile(path), context, TestContext.Current.CancellationToken))
        {
            context.Dataset.ShouldNotBeNull("the dataset must be set before the first entity");
            entities.Add(entity);
        }
        return (entities, context);
    }

    public static async Task<(List<Entity> Entities, ReadContext Context)> ReadTextAsync(IListReader reader, string name, string content)
    {
        var context = new ReadContext();
        var entities = new List<Entity>();
        await foreach (var entity in reader.ReadAsync(ListInput.FromBytes(name, Encoding.UTF8.GetBytes(content)), context, TestContext.Current.CancellationToken))
        {
            entities.Add(entity);
        }
        return (entities, context);
    }

    public static async Task<InputException> FailsAsync(IListReader reader, string name, string content) =>
        await Should.ThrowAsync<InputException>(async () => await ReadTextAsync(reader, name, content));

    /// <summary>The first 64 KiB of a file, as the importer hands it to <see cref="IListReader.Sniff"/>.</summary>
    public static byte[] Head(string path)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[64 * 1024];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return buffer[..read];
    }

    public static Entity Single(this IEnumerable<Entity> entities, string property, string value) =>
        entities.Where(e => e.Get(property).Contains(value)).ShouldHaveSingleItem($"one entity with {property} = {value}");

    public static Entity Single(this IEnumerable<Entity> entities, string property, string value, Schema schema) =>
        entities.Where(e => e.Schema == schema && e.Get(property).Contains(value)).ShouldHaveSingleItem($"one {schema.Name} with {property} = {value}");
}

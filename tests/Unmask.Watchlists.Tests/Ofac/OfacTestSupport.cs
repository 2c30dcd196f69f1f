using System.Text;
using Unmask.Domain;
using Unmask.TestKit;

namespace Unmask.Watchlists.Tests.Ofac;

/// <summary>Runs a reader to the end and gives the entities with the context it filled.</summary>
internal static class OfacTestSupport
{
    public static async Task<(List<Entity> Entities, ReadContext Context)> ReadAll(IListReader reader, ListInput input)
    {
        var context = new ReadContext();
        var entities = new List<Entity>();
        await foreach (var entity in reader.ReadAsync(input, context, TestContext.Current.CancellationToken))
        {
            context.Dataset.ShouldNotBeNull("the dataset must be set before the first entity");
            entities.Add(entity);
        }
        return (entities, context);
    }

    public static string Fixture(params string[] parts) => RepoPaths.Fixture(["lists", "ofac", .. parts]);

    public static byte[] Head(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return bytes.Length > 65536 ? bytes[..65536] : bytes;
    }

    /// <summary>CSV text with OFAC's CRLF line ends.</summary>
    public static byte[] Crlf(params string[] lines) => Encoding.ASCII.GetBytes(string.Join("\r\n", lines) + "\r\n");

    public static Entity ById(this IEnumerable<Entity> entities, string id) => entities.Single(e => e.Id == id);
}

using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Unmask.Domain;
using Unmask.Storage;

namespace Unmask.Application.Lists;

/// <summary>
/// The entities of one file that holds several datasets (an FtM export, an Unmask STIX bundle), grouped by dataset in
/// temporary files: the file is read once, before the store's transaction, and each dataset is then written as a part
/// of its own in that one transaction. The folder is deleted on dispose.
/// </summary>
internal sealed class DatasetSpill : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "unmask-import-" + Path.GetRandomFileName());
    private readonly Dictionary<string, (string Path, StreamWriter Writer)> _files = new(StringComparer.Ordinal);

    public DatasetSpill()
    {
        Directory.CreateDirectory(_folder);
    }

    /// <summary>The datasets entities were added to, in the order of their first entity.</summary>
    public IReadOnlyList<string> Datasets => [.. _files.Keys];

    public async Task AddAsync(Entity entity, CancellationToken cancellationToken)
    {
        if (!_files.TryGetValue(entity.Dataset, out var file))
        {
            var path = Path.Combine(_folder, $"{_files.Count}.jsonl");
            file = (path, new StreamWriter(path, append: false, new UTF8Encoding(false)));
            _files[entity.Dataset] = file;
        }
        string?[] record = [entity.Id, entity.Schema.Name, entity.Dataset, EntityJson.SerializeProperties(entity), EntityJson.SerializeMetadata(entity)];
        await file.Writer.WriteLineAsync(JsonSerializer.Serialize(record).AsMemory(), cancellationToken);
    }

    /// <summary>Ends the writing; call once the reader is done, before <see cref="ReadAsync"/>.</summary>
    public async Task CloseAsync()
    {
        foreach (var (_, writer) in _files.Values)
        {
            await writer.DisposeAsync();
        }
    }

    /// <summary>The entities of one dataset, as they were added; none for a dataset no entity was added to.</summary>
    public async IAsyncEnumerable<Entity> ReadAsync(string dataset, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!_files.TryGetValue(dataset, out var file))
        {
            yield break;
        }
        using var reader = new StreamReader(file.Path, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            var record = JsonSerializer.Deserialize<string?[]>(line)!;
            yield return EntityJson.Deserialize(record[0]!, record[1]!, record[2]!, record[3]!, record[4]);
        }
    }

    public void Dispose()
    {
        foreach (var (_, writer) in _files.Values)
        {
            writer.Dispose();
        }
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temporary file still open elsewhere: the system's temporary folder is cleaned in time.
        }
    }
}

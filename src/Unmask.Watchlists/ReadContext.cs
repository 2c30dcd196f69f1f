using Unmask.Domain;

namespace Unmask.Watchlists;

/// <summary>What a reader learns besides the entities: the dataset metadata and warnings (e.g. orphan rows).</summary>
public sealed class ReadContext
{
    private readonly List<string> _warnings = [];

    /// <param name="datasetName">Overrides the reader's default dataset name (<c>--source</c>).</param>
    public ReadContext(string? datasetName = null)
    {
        DatasetNameOverride = datasetName;
    }

    public string? DatasetNameOverride { get; }

    /// <summary>Set by the reader before it yields its first entity.</summary>
    public Dataset? Dataset { get; set; }

    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>The dataset name to use: the override when given, else the reader's default.</summary>
    public string DatasetName(string defaultName) => DatasetNameOverride ?? defaultName;

    public void Warn(string message) => _warnings.Add(message);
}

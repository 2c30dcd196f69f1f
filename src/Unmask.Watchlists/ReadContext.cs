using Unmask.Domain;

namespace Unmask.Watchlists;

/// <summary>What a reader learns besides the entities: the dataset metadata and warnings (e.g. orphan rows).</summary>
public sealed class ReadContext
{
    private readonly List<string> _warnings = [];

    /// <param name="datasetName">Overrides the reader's default dataset name (<c>--source</c>).</param>
    /// <param name="datasetPrefix">Put before the reader's default dataset name (the demo's <c>sample_</c>), so the
    /// entities of a sample file can never be taken for the publisher's.</param>
    public ReadContext(string? datasetName = null, string? datasetPrefix = null)
    {
        DatasetNameOverride = datasetName;
        DatasetPrefix = datasetPrefix;
    }

    public string? DatasetNameOverride { get; }

    public string? DatasetPrefix { get; }

    /// <summary>Set by the reader before it yields its first entity.</summary>
    public Dataset? Dataset { get; set; }

    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>The dataset name to use: the override when given, else the reader's default after the prefix.</summary>
    public string DatasetName(string defaultName) => DatasetNameOverride ?? DatasetPrefix + defaultName;

    public void Warn(string message) => _warnings.Add(message);
}

using Unmask.Domain;

namespace Unmask.Watchlists;

/// <summary>What a reader learns besides the entities: the dataset metadata and warnings (e.g. orphan rows).</summary>
public sealed class ReadContext
{
    private readonly List<string> _warnings = [];

    /// <param name="datasetName">Overrides the reader's default dataset name (<c>--source</c>).</param>
    /// <param name="datasetPrefix">Put before the reader's default dataset name (the demo's <c>sample_</c>), so the
    /// entities of a sample file can never be taken for the publisher's.</param>
    /// <param name="strict">Any record the reader has to leave out makes the whole file bad input (nothing is imported),
    /// instead of a warning naming it.</param>
    public ReadContext(string? datasetName = null, string? datasetPrefix = null, bool strict = false)
    {
        DatasetNameOverride = datasetName;
        DatasetPrefix = datasetPrefix;
        Strict = strict;
    }

    public bool Strict { get; }

    private readonly List<string> _rejections = [];

    /// <summary>How many rejections <see cref="Rejections"/> lists; the others are only counted, so a file that is bad on
    /// every line cannot take unbounded memory.</summary>
    public const int ListedRejections = 100;

    /// <summary>Records the reader left out (the first <see cref="ListedRejections"/>), one line each: where (line or object
    /// number, id) and why.</summary>
    public IReadOnlyList<string> Rejections => _rejections;

    /// <summary>Every rejection, listed or not.</summary>
    public long RejectionCount { get; private set; }

    public string? DatasetNameOverride { get; }

    public string? DatasetPrefix { get; }

    /// <summary>Set by the reader before it yields its first entity.</summary>
    public Dataset? Dataset { get; set; }

    private readonly Dictionary<string, Dataset> _datasets = new(StringComparer.Ordinal);

    /// <summary>For a file that holds several datasets (an FtM export with its <c>datasets</c>, an Unmask STIX bundle):
    /// each dataset the reader described, by name. Its entities carry their dataset's name in <see cref="Entity.Dataset"/>;
    /// the importer writes one dataset part per name.</summary>
    public IReadOnlyDictionary<string, Dataset> Datasets => _datasets;

    /// <summary>Describes one of several datasets in the file (see <see cref="Datasets"/>); a later description of the same
    /// name replaces the earlier.</summary>
    public void DescribeDataset(Dataset dataset) => _datasets[dataset.Name] = dataset;

    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>The dataset name to use: the override when given, else the reader's default after the prefix.</summary>
    public string DatasetName(string defaultName) => DatasetNameOverride ?? DatasetPrefix + defaultName;

    public void Warn(string message) => _warnings.Add(message);

    /// <summary>A record that cannot be read as it stands (unknown type, wrong value type, dangling reference...). In strict
    /// mode this throws <see cref="InputException"/>; otherwise the reader reads what it can and the record is reported.</summary>
    /// <param name="record">Line number for line formats, object number for bundles.</param>
    public void Reject(string file, long? record, string reason)
    {
        if (Strict)
        {
            throw new InputException(file, record, reason + " (strict mode: nothing imported)");
        }
        RejectionCount++;
        if (_rejections.Count < ListedRejections)
        {
            _rejections.Add(record is null ? $"{file}: {reason}" : $"{file}:{record}: {reason}");
        }
    }
}

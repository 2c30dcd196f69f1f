using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Unmask.Domain;
using Unmask.Storage;
using Unmask.Watchlists;

namespace Unmask.Application.Lists;

/// <param name="DatasetName">Overrides the dataset name the reader would choose (<c>--source</c>).</param>
/// <param name="MaxBytes">Size cap for each file read; larger files are refused as bad input.</param>
/// <param name="ReplaceNewer">Import even when the file is older than its part's current version.</param>
/// <param name="DatasetPrefix">Put before every dataset name the readers choose (the demo's <see cref="SamplePrefix"/>).</param>
/// <param name="Strict">Any record a reader has to leave out (unknown schema or type, a value of the wrong type, a dangling
/// reference) makes its file bad input and nothing of the command is imported; otherwise such records are listed in
/// <see cref="ImportResult.Rejections"/> and the rest is imported.</param>
public sealed record ImportOptions(
    string? DatasetName = null, long MaxBytes = ListInput.DefaultMaxBytes, bool ReplaceNewer = false, string? DatasetPrefix = null, bool Strict = false)
{
    /// <summary>The prefix of the demo's sample datasets: no publisher's dataset starts with it, so sample entries can
    /// never be taken for real ones.</summary>
    public const string SamplePrefix = "sample_";
}

/// <summary>Progress of one file: entities read so far.</summary>
public sealed record ImportProgress(string File, long Entities, bool Done);

/// <summary>
/// The ImportLists use case: resolves the paths (folders are searched recursively; companion files such as OFAC's
/// add.csv are read with their primary file), detects each format by content, and writes every file as a new version of
/// its part of its dataset (<see cref="ListParts"/>) in one store transaction, so a bad file anywhere, or one older than
/// its part in the store, leaves the store exactly as it was. A file that holds several datasets (an FtM export names
/// each entity's datasets) is read once before the transaction and becomes one part (named after the file) of each.
/// </summary>
public sealed class ListImporter(IUnmaskStore store, ListReaders readers)
{
    /// <summary>Formats whose readers may describe several datasets in one file (<see cref="ReadContext.Datasets"/>).</summary>
    private static readonly HashSet<ListFormat> SeveralDatasets = [ListFormat.FollowTheMoneyJson, ListFormat.Stix21Bundle];

    public async Task<IReadOnlyList<ImportResult>> ImportAsync(
        IReadOnlyList<string> paths, ImportOptions options, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var plan = Plan(paths, options);
        var pending = new List<PendingImport>();
        var pendingContexts = new List<ReadContext>();
        var unchanged = new List<ImportResult>();
        var spills = new List<DatasetSpill>();
        try
        {
            foreach (var (input, reader) in plan)
            {
                var hash = ContentHash(input, reader.CompanionFiles(input.FileName));
                var current = await store.Lists.FindCurrentByContentAsync(hash, options.DatasetName, options.DatasetPrefix, cancellationToken);
                if (current is not null)
                {
                    var parts = await UnchangedPartsAsync(current, hash, SeveralDatasets.Contains(reader.Format), cancellationToken);
                    unchanged.AddRange(parts.Select(p => new ImportResult(ImportStatus.Unchanged, p.Dataset, p.Part, input.Name)));
                    progress?.Report(new ImportProgress(input.Name, parts.Sum(p => p.Part.Entities), Done: true));
                    continue;
                }
                var context = new ReadContext(options.DatasetName, options.DatasetPrefix, options.Strict);
                var part = ListParts.Of(reader.Format, input.FileName);
                DatasetImport Describe(Dataset dataset) => new(
                    dataset, input.FileName, part, hash, options.DatasetName, context.Warnings, options.ReplaceNewer, options.DatasetPrefix);
                var entities = Counted(reader.ReadAsync(input, context, cancellationToken), input.Name, progress, cancellationToken);
                if (!SeveralDatasets.Contains(reader.Format))
                {
                    pending.Add(new PendingImport(entities, () => Describe(
                        context.Dataset ?? throw new InvalidOperationException($"{reader.GetType().Name} did not describe its dataset"))));
                    pendingContexts.Add(context);
                    continue;
                }
                var spill = new DatasetSpill();
                spills.Add(spill);
                await foreach (var entity in entities)
                {
                    await spill.AddAsync(entity, cancellationToken);
                }
                await spill.CloseAsync();
                foreach (var dataset in DatasetsOf(context, spill, reader))
                {
                    pending.Add(new PendingImport(spill.ReadAsync(dataset.Name, cancellationToken), () => Describe(dataset)));
                    pendingContexts.Add(context);
                }
            }
            var imported = pending.Count == 0 ? [] : await store.Lists.ImportAsync(pending, cancellationToken);
            if (imported.Count > 0)
            {
                await Graph.GraphService.InvalidateAsync(store, cancellationToken);
            }
            // The store gives one result per pending import, in order.
            return [.. unchanged, .. imported.Select((result, i) => result with { Rejections = Listed(pendingContexts[i]) })];
        }
        finally
        {
            spills.ForEach(s => s.Dispose());
        }
    }

    /// <summary>Every dataset the reader described, the one each entity names first and also those only listed among an
    /// entity's other datasets (so <c>lists show</c> has each), in the order the reader described them.</summary>
    private static List<Dataset> DatasetsOf(ReadContext context, DatasetSpill spill, IListReader reader)
    {
        var datasets = new List<Dataset>(context.Datasets.Values);
        foreach (var name in spill.Datasets)
        {
            if (!context.Datasets.ContainsKey(name))
            {
                datasets.Add(context.Dataset is { } single && single.Name == name
                    ? single
                    : throw new InvalidOperationException($"{reader.GetType().Name} gave entities of dataset '{name}' without describing it"));
            }
        }
        if (datasets.Count == 0)
        {
            datasets.Add(context.Dataset ?? throw new InvalidOperationException($"{reader.GetType().Name} did not describe its dataset"));
        }
        return datasets;
    }

    /// <summary>The current parts these bytes made: the one found, or for a file of several datasets every part with its hash.</summary>
    private async Task<List<(DatasetSummary Dataset, PartSummary Part)>> UnchangedPartsAsync(
        DatasetSummary found, string hash, bool severalDatasets, CancellationToken cancellationToken)
    {
        var datasets = severalDatasets ? await store.Lists.GetDatasetsAsync(cancellationToken) : [found];
        return [.. datasets.SelectMany(d => d.Parts.Where(p => p.ContentHash == hash).Select(p => (d, p)))];
    }

    /// <summary>The records the reader left out, as many as it listed, then how many more there were.</summary>
    private static IReadOnlyList<string> Listed(ReadContext context)
    {
        var more = context.RejectionCount - context.Rejections.Count;
        return more > 0 ? [.. context.Rejections, $"... and {more:N0} more records left out"] : context.Rejections;
    }

    /// <summary>Which reader reads which file. Throws <see cref="InputException"/> for missing files and unknown formats.</summary>
    public IReadOnlyList<(ListInput Input, IListReader Reader)> Plan(IReadOnlyList<string> paths, ImportOptions options)
    {
        if (paths.Count == 0)
        {
            throw new InputException("", null, "no list files given");
        }
        var plan = new List<(ListInput, IListReader)>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    var input = ListInput.FromFile(file, options.MaxBytes);
                    var head = ListReaders.ReadHead(input);
                    if (ListReaders.IsCompanion(head))
                    {
                        continue;
                    }
                    // Inside a folder, files that are no list (READMEs, scripts) are skipped rather than refused.
                    if (readers.Detect(head) is { } reader)
                    {
                        plan.Add((input, reader));
                    }
                }
                continue;
            }
            if (!File.Exists(path))
            {
                throw new InputException(path, null, "no such file or folder");
            }
            var single = ListInput.FromFile(path, options.MaxBytes);
            var bytes = ListReaders.ReadHead(single);
            if (ListReaders.IsCompanion(bytes))
            {
                if (paths.Any(p => File.Exists(p) && !ListReaders.IsCompanion(ListReaders.ReadHead(ListInput.FromFile(p, options.MaxBytes)))))
                {
                    continue;
                }
                throw new InputException(path, null, "this file belongs to a list published as several files (e.g. OFAC add.csv/alt.csv); import its primary file (sdn.csv or cons_prim.csv) instead");
            }
            var detected = readers.Detect(bytes)
                ?? throw new InputException(path, null, "unknown list format (expected OFAC CSV/XML, UN XML, EU FSF, UK OFSI/FCDO, FollowTheMoney JSON lines, STIX 2.1 or an IOC list)");
            plan.Add((single, detected));
        }
        return plan;
    }

    private static string ContentHash(ListInput input, IReadOnlyList<string> companions)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var stream = input.Open())
        {
            var buffer = new byte[81920];
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                sha.AppendData(buffer, 0, read);
            }
        }
        foreach (var companion in companions)
        {
            using var stream = input.OpenCompanion(companion);
            if (stream is not null && !string.Equals(companion, input.FileName, StringComparison.OrdinalIgnoreCase))
            {
                sha.AppendData(System.Text.Encoding.UTF8.GetBytes(companion));
                var buffer = new byte[81920];
                int read;
                while ((read = stream.Read(buffer)) > 0)
                {
                    sha.AppendData(buffer, 0, read);
                }
            }
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static async IAsyncEnumerable<Entity> Counted(
        IAsyncEnumerable<Entity> entities, string file, IProgress<ImportProgress>? progress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long count = 0;
        await foreach (var entity in entities.WithCancellation(cancellationToken))
        {
            count++;
            if (count % 2000 == 0)
            {
                progress?.Report(new ImportProgress(file, count, Done: false));
            }
            yield return entity;
        }
        progress?.Report(new ImportProgress(file, count, Done: true));
    }
}

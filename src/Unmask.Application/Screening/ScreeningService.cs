using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Unmask.Domain;
using Unmask.Screening;
using Unmask.Storage;

namespace Unmask.Application.Screening;

/// <summary>The Screen use case: an in-memory index over every current list entity, built from the store at start-up.</summary>
public sealed class ScreeningService
{
    private ScreeningService(Screener screener, int entities, TimeSpan buildTime)
    {
        Screener = screener;
        EntityCount = entities;
        BuildTime = buildTime;
    }

    public Screener Screener { get; }
    public int EntityCount { get; }
    public TimeSpan BuildTime { get; }

    public static async Task<ScreeningService> LoadAsync(IUnmaskStore store, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var entities = new List<Entity>();
        await foreach (var entity in store.Lists.GetEntitiesAsync(cancellationToken: cancellationToken))
        {
            entities.Add(entity);
        }
        var index = ScreeningIndex.Build(entities);
        return new ScreeningService(new Screener(index), entities.Count, watch.Elapsed);
    }

    public ScreeningResponse Screen(ScreeningQuery query, ScreeningOptions options) => Screener.Screen(query, options);

    /// <summary>
    /// Screens rows in parallel over all cores and yields the answers in input order. Rows are taken in chunks, so a file of
    /// any length streams through with bounded memory. A row that could not be read yields its error in its place.
    /// </summary>
    public async IAsyncEnumerable<BatchAnswer> ScreenBatchAsync(
        IEnumerable<BatchRow> rows, ScreeningOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        const int chunkSize = 2048;
        var chunk = new List<BatchRow>(chunkSize);
        using var enumerator = rows.GetEnumerator();
        while (true)
        {
            ExceptionDispatchInfo? failure = null;
            var more = false;
            try
            {
                more = enumerator.MoveNext();
            }
            catch (InputException error)
            {
                // the rows read before a fault are still screened and written: nothing already read is lost
                failure = ExceptionDispatchInfo.Capture(error);
            }
            if (more)
            {
                chunk.Add(enumerator.Current);
            }
            if (chunk.Count == chunkSize || (!more && chunk.Count > 0))
            {
                foreach (var answer in ScreenChunk(chunk, options, cancellationToken))
                {
                    yield return answer;
                }
                chunk.Clear();
                await Task.Yield();
            }
            if (!more)
            {
                failure?.Throw();
                yield break;
            }
        }
    }

    private BatchAnswer[] ScreenChunk(List<BatchRow> chunk, ScreeningOptions options, CancellationToken cancellationToken)
    {
        var answers = new BatchAnswer[chunk.Count];
        Parallel.For(0, chunk.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var row = chunk[i];
            if (row.Error is not null)
            {
                answers[i] = new BatchAnswer(row, null);
                return;
            }
            try
            {
                answers[i] = new BatchAnswer(row, Screener.Screen(row.Query!, options));
            }
            catch (ArgumentException refused)
            {
                // the screener refuses a query it cannot answer (no name left to compare): that row is bad, the batch goes on
                answers[i] = new BatchAnswer(row with { Query = null, Error = refused.Message.Replace($" (Parameter '{refused.ParamName}')", "", StringComparison.Ordinal) }, null);
            }
        });
        return answers;
    }
}

/// <summary>One input row of a batch: its number, its id, and the query it asks, or why it could not be read.</summary>
public sealed record BatchRow(long Number, string Id, string Name, ScreeningQuery? Query, string? Error);

/// <summary>The answer to one row: the screening response, or none when the row is bad (<see cref="BatchRow.Error"/> says why).</summary>
public sealed record BatchAnswer(BatchRow Row, ScreeningResponse? Response);

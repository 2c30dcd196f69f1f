using Unmask.Domain;

namespace Unmask.Watchlists;

/// <summary>Reads one published list format: a stream (or a set of companion files) in, entities out, streamed.</summary>
public interface IListReader
{
    ListFormat Format { get; }

    /// <summary>True when the first bytes of a file (up to 64 KiB) look like this format. Detection is by content, never by file name.</summary>
    bool Sniff(ReadOnlySpan<byte> head);

    /// <summary>Streams the entities of <paramref name="input"/>; sets <see cref="ReadContext.Dataset"/> metadata and warnings
    /// on <paramref name="context"/>. Throws <see cref="InputException"/> naming the file, line/record and reason on bad input.</summary>
    /// <summary>Names of files published together with <paramref name="fileName"/> and read with it (OFAC: add.csv, alt.csv...).</summary>
    IReadOnlyList<string> CompanionFiles(string fileName) => [];

    IAsyncEnumerable<Entity> ReadAsync(ListInput input, ReadContext context, CancellationToken cancellationToken = default);
}

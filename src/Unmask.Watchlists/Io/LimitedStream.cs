using Unmask.Domain;

namespace Unmask.Watchlists.Io;

/// <summary>Wraps a stream and fails with a clear <see cref="InputException"/> once more than a size cap has been read.</summary>
/// <param name="reason">What the error says; by default that the file is over the <c>--max-bytes</c> cap.</param>
public sealed class LimitedStream(Stream inner, long maxBytes, string name, string? reason = null) : CheckedReadStream(inner)
{
    private long _read;

    protected override int Check(ReadOnlySpan<byte> read)
    {
        _read += read.Length;
        if (_read > maxBytes)
        {
            throw new InputException(name, null, reason ?? $"file is larger than the size cap of {maxBytes:N0} bytes (raise it with --max-bytes)");
        }
        return read.Length;
    }
}

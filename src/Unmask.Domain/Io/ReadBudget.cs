namespace Unmask.Domain.Io;

/// <summary>Bytes that may still be read (or decompressed) from one input, shared by every stream reading it: a cap that holds
/// while reading, so a 3 MB archive that inflates to 3 GB is refused after the cap, not after the 3 GB.</summary>
public sealed class ReadBudget(long maxBytes, Func<long, InputException> overLimit)
{
    public long Used { get; private set; }

    public long MaxBytes => maxBytes;

    /// <summary>Counts <paramref name="bytes"/> and throws the caller's <see cref="InputException"/> once past the cap.</summary>
    public void Charge(long bytes)
    {
        Used += bytes;
        if (Used > maxBytes)
        {
            throw overLimit(maxBytes);
        }
    }
}

/// <summary>A forward-only read view of a stream that charges every byte read to a <see cref="ReadBudget"/>.</summary>
public sealed class BudgetedStream(Stream inner, ReadBudget budget) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        budget.Charge(read);
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}

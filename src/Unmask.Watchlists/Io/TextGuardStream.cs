using Unmask.Domain;
using Unmask.Domain.Io;

namespace Unmask.Watchlists.Io;

/// <summary>
/// Wraps a text file's stream and refuses, as it is read, a line longer than <see cref="ReadLimits.MaxLineBytes"/> and any
/// NUL byte, naming the line. A reader's own line buffer then never grows past the limit, however it splits lines.
/// </summary>
/// <param name="allowUtf16">For readers that decode by byte-order mark: a file that starts with a UTF-16 BOM may hold NULs.</param>
public sealed class TextGuardStream(Stream inner, string file, ReadLimits limits, bool allowUtf16 = false) : CheckedReadStream(inner)
{
    private long _line = 1;
    private long _lineBytes;
    private bool _started;
    private bool _utf16;

    public override bool CanSeek => false;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    protected override int Check(ReadOnlySpan<byte> read)
    {
        if (!_started && read.Length > 0)
        {
            _started = true;
            _utf16 = allowUtf16 && (read.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || read.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]));
        }
        var rest = read;
        while (true)
        {
            var stop = _utf16 ? rest.IndexOf((byte)'\n') : rest.IndexOfAny((byte)'\n', (byte)0);
            var length = stop < 0 ? rest.Length : stop;
            _lineBytes += length;
            if (_lineBytes > limits.MaxLineBytes)
            {
                throw new InputException(file, _line, $"line is longer than {limits.MaxLineBytes:N0} bytes: refused");
            }
            if (stop < 0)
            {
                return read.Length;
            }
            if (rest[stop] == 0)
            {
                throw new InputException(file, _line, "NUL byte in a text file: wrong encoding (UTF-16?) or a binary file");
            }
            _line++;
            _lineBytes = 0;
            rest = rest[(stop + 1)..];
        }
    }
}

using Unmask.Domain;
using Unmask.Domain.Io;

namespace Unmask.Watchlists.Io;

/// <summary>
/// Wraps an XML file's stream and refuses, as bytes are read, a piece of markup (a start tag with its attributes, a
/// declaration, a comment) longer than <see cref="ReadLimits.MaxRecordChars"/> bytes. XmlReader holds a whole start tag in
/// memory before it reports the element, so a 50 MB attribute would be held before <see cref="BoundedXml"/> could refuse
/// it; text between tags is not counted here (XmlReader hands it over in chunks).
/// </summary>
public sealed class XmlMarkupGuardStream(Stream inner, string file, ReadLimits limits) : CheckedReadStream(inner)
{
    private State _state = State.Text;
    private byte _quote;
    private long _markupBytes;
    private long _line = 1;

    private enum State
    {
        Text,
        MarkupStart, // just after '<'
        Tag,         // a start or end tag, or a processing instruction: quotes are tracked, as '>' may sit in a value
        Quoted,
        Declaration, // <!-- -->, <![CDATA[ ]]>, <!DOCTYPE>: ends at the next '>' (counting less, never more)
    }

    public override bool CanSeek => false;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    protected override int Check(ReadOnlySpan<byte> read)
    {
        foreach (var b in read)
        {
            if (b == (byte)'\n')
            {
                _line++;
            }
            _state = Next(b);
            if (_state == State.Text)
            {
                continue;
            }
            if (++_markupBytes > limits.MaxRecordChars)
            {
                throw new InputException(file, _line, $"XML markup (a tag with its attributes) longer than {limits.MaxRecordChars:N0} bytes: refused");
            }
        }
        return read.Length;
    }

    private State Next(byte b)
    {
        switch (_state)
        {
            case State.Text when b == (byte)'<':
                _markupBytes = 0;
                return State.MarkupStart;
            case State.Text:
                return State.Text;
            case State.MarkupStart when b == (byte)'!':
                return State.Declaration;
            case State.MarkupStart or State.Tag when b is (byte)'"' or (byte)'\'':
                _quote = b;
                return State.Quoted;
            case State.MarkupStart or State.Tag or State.Declaration when b == (byte)'>':
                return State.Text;
            case State.MarkupStart or State.Tag:
                return State.Tag;
            case State.Quoted when b == _quote:
                return State.Tag;
            default:
                return _state;
        }
    }
}

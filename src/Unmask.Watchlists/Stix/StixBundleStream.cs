using System.Text.Json;

namespace Unmask.Watchlists.Stix;

/// <summary>
/// Streams the objects of a STIX bundle (<c>{"type":"bundle","id":…,"objects":[…]}</c>) one <see cref="JsonDocument"/>
/// at a time with a resumable <see cref="Utf8JsonReader"/>, so a large bundle is never held in memory whole; only
/// one object at a time is buffered. Top-level <c>type</c> and <c>id</c> are recorded wherever they appear.
/// </summary>
public sealed class StixBundleStream : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _skipObjects;
    private readonly int _maxObjectBytes;
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _final;
    private bool _first = true;
    private JsonReaderState _state;
    private Phase _phase = Phase.Start;

    /// <param name="maxObjectBytes">Largest object (or other top-level value) held in the buffer; a larger one is refused.</param>
    /// <param name="skipObjects">Only read the top-level properties (used to find a bundle id written after the objects).</param>
    public StixBundleStream(Stream stream, int maxObjectBytes, bool skipObjects = false)
    {
        _stream = stream;
        _maxObjectBytes = maxObjectBytes;
        _skipObjects = skipObjects;
    }

    private enum Phase
    {
        Start,
        TopLevel,
        InObjects,
        Done,
    }

    private enum Step
    {
        Object,
        NeedMore,
        Done,
    }

    /// <summary>The top-level <c>type</c> (<c>bundle</c>, or an object type when the file is a single object).</summary>
    public string? TopLevelType { get; private set; }

    /// <summary>The bundle's <c>id</c>, e.g. <c>bundle--44af6c39-…</c>.</summary>
    public string? TopLevelId { get; private set; }

    /// <summary>Whether an <c>objects</c> array was found (false for a file holding one bare STIX object).</summary>
    public bool HasObjectsArray { get; private set; }

    /// <summary>The next object of the bundle, or null at the end. Throws <see cref="JsonException"/> on malformed or truncated JSON.</summary>
    public async ValueTask<JsonDocument?> NextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var step = Advance(out var document);
            if (step == Step.Object)
            {
                return document;
            }
            if (step == Step.Done)
            {
                return null;
            }
            if (_final)
            {
                throw new JsonException("the JSON ends before the bundle is closed (truncated file?)");
            }
            await FillAsync(cancellationToken);
        }
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            // One object is larger than the buffer: grow it, up to the largest object allowed.
            if (_buffer.Length >= _maxObjectBytes)
            {
                throw new JsonException($"a STIX object (or other value) is larger than {_maxObjectBytes:N0} bytes: refused");
            }
            Array.Resize(ref _buffer, (int)Math.Min(_buffer.Length * 2L, _maxObjectBytes));
        }
        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        if (read == 0)
        {
            _final = true;
            return;
        }
        _end += read;
        if (_first && _end >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF)
        {
            _start = 3;
        }
        _first = _first && _end < 3;
    }

    private Step Advance(out JsonDocument? document)
    {
        document = null;
        if (_phase == Phase.Done)
        {
            return Step.Done;
        }
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
        // Each pass of the loop handles one complete token (with the value read alongside it); when data runs out the
        // position before that token is kept, and the loop resumes there once more bytes are in the buffer.
        while (true)
            {
            var checkpoint = reader.CurrentState;
            var checkpointAt = reader.BytesConsumed;
            if (!reader.Read())
            {
                Commit(checkpoint, checkpointAt);
                return Step.NeedMore;
            }
            switch (_phase)
            {
                case Phase.Start:
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        throw new JsonException($"a STIX file holds a JSON object (a bundle), not {reader.TokenType}");
                    }
                    _phase = Phase.TopLevel;
                    break;
                case Phase.TopLevel when reader.TokenType == JsonTokenType.EndObject:
                    _phase = Phase.Done;
                    Commit(reader.CurrentState, reader.BytesConsumed);
                    return Step.Done;
                case Phase.TopLevel:
                {
                    var name = reader.GetString();
                    var value = reader;
                    if (!value.Read() || ((value.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) && name != "objects" && !value.TrySkip()))
                    {
                        Commit(checkpoint, checkpointAt);
                        return Step.NeedMore;
                    }
                    reader = value;
                    if (name == "objects" && reader.TokenType == JsonTokenType.StartArray)
                    {
                        HasObjectsArray = true;
                        _phase = Phase.InObjects;
                    }
                    else if (name is "type" or "id" && reader.TokenType == JsonTokenType.String)
                    {
                        if (name == "type")
                        {
                            TopLevelType = reader.GetString();
                        }
                        else
                        {
                            TopLevelId = reader.GetString();
                        }
                    }
                    else if (name == "objects")
                    {
                        throw new JsonException("the bundle's \"objects\" is not an array");
                    }
                    break;
                }
                case Phase.InObjects when reader.TokenType == JsonTokenType.EndArray:
                    _phase = Phase.TopLevel;
                    break;
                case Phase.InObjects when reader.TokenType == JsonTokenType.StartObject:
                {
                    var probe = reader;
                    if (!probe.TrySkip())
                    {
                        Commit(checkpoint, checkpointAt);
                        return Step.NeedMore;
                    }
                    if (_skipObjects)
                    {
                        reader = probe;
                        break;
                    }
                    document = JsonDocument.ParseValue(ref reader);
                    Commit(reader.CurrentState, reader.BytesConsumed);
                    return Step.Object;
                }
                case Phase.InObjects:
                    throw new JsonException($"the bundle's \"objects\" array holds a {reader.TokenType}, not an object");
            }
        }
    }

    private void Commit(JsonReaderState state, long consumed)
    {
        _state = state;
        _start += (int)consumed;
    }

    public void Dispose() => _stream.Dispose();
}

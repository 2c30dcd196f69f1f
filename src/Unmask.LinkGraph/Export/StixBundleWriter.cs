using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Unmask.Domain.Stix;

namespace Unmask.LinkGraph.Export;

/// <summary>
/// Writes a STIX 2.1 bundle as OpenCTI and MISP read it (docs/exports.md, "STIX 2.1"), streaming. What each node,
/// edge and case becomes is decided by <see cref="StixObjectBuilder"/>; this class gives every object its times: ids are
/// UUIDv5 of what the object stands for, <c>created</c> is when Unmask first wrote it and <c>modified</c> when its content
/// last changed (a content hash is compared with the one kept in <see cref="ExportContent.ObjectTimes"/>), so re-exporting
/// an unchanged store writes the same bytes and a changed object gets a new version, as STIX versioning requires.
/// </summary>
public static class StixBundleWriter
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>Writes the bundle and returns the time of every object written (to be kept in the store, so the next
    /// export of unchanged objects gives them the same <c>created</c>/<c>modified</c>).</summary>
    public static IReadOnlyDictionary<string, StixObjectTime> Write(ExportContent content, Stream output, string producerName = "Unmask")
    {
        var times = new Dictionary<string, StixObjectTime>(StringComparer.Ordinal);
        var versions = new List<string>();
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
        writer.WriteStartObject();
        writer.WriteString("type", "bundle");
        writer.WriteStartArray("objects");
        var written = 0;
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var objectWriter = new Utf8JsonWriter(buffer);
        foreach (var stixObject in new StixObjectBuilder(content, producerName).Objects())
        {
            // Each object is serialised once: its bytes without times are what the content hash covers, and the times
            // are appended after them (property order means nothing in JSON).
            buffer.ResetWrittenCount();
            objectWriter.Reset(buffer);
            stixObject.WriteTo(objectWriter);
            objectWriter.Flush();
            var id = (string)stixObject["id"]!;
            if (StixObjectBuilder.IsObservable(stixObject))
            {
                writer.WriteRawValue(buffer.WrittenSpan, skipInputValidation: true);
                versions.Add(id);
            }
            else
            {
                var time = TimeOf(content, id, ContentHash(buffer.WrittenSpan));
                times[id] = time;
                var created = Format(time.Created);
                var modified = Format(time.Modified);
                var tail = $",\"created\":\"{created}\",\"modified\":\"{modified}\""
                           + ((string?)stixObject["type"] == "indicator" ? $",\"valid_from\":\"{created}\"}}" : "}");
                writer.WriteRawValue([.. buffer.WrittenSpan[..^1], .. Encoding.UTF8.GetBytes(tail)], skipInputValidation: true);
                versions.Add(id + "|" + modified);
            }
            if (++written % 500 == 0)
            {
                writer.Flush();
            }
        }
        writer.WriteEndArray();
        // After the objects: the bundle id names exactly these object versions (readers take it from anywhere at the top level).
        writer.WriteString("id", BundleId(versions));
        writer.WriteEndObject();
        writer.Flush();
        return times;
    }

    /// <summary>The times an object gets: those kept for the same content; a new <c>modified</c> (the export time, after
    /// the last version) when its content changed; the export time for both when Unmask never wrote it.</summary>
    public static StixObjectTime TimeOf(ExportContent content, string id, string hash)
    {
        if (!content.ObjectTimes.TryGetValue(id, out var kept))
        {
            return new StixObjectTime(hash, content.ExportedAt, content.ExportedAt);
        }
        if (kept.ContentHash == hash)
        {
            return kept;
        }
        // A new version must be later than the last (STIX 2.1 §3.6); timestamps are written to the millisecond.
        var modified = content.ExportedAt > kept.Modified ? content.ExportedAt : kept.Modified.AddMilliseconds(1);
        return kept with { ContentHash = hash, Modified = modified < kept.Created ? kept.Created : modified };
    }

    /// <summary>The STIX id a graph node is exported under, when its type does not depend on the list entity behind it
    /// (records, sites, identifiers; list entities may be identities, threat actors, indicators or infrastructure).</summary>
    public static string StixIdOf(string nodeId) => StixObjectBuilder.DefaultId(nodeId);

    /// <summary>A STIX pattern for an identifier node, e.g. <c>[domain-name:value = 'example.com']</c>.</summary>
    public static string Pattern(string nodeId) => StixVocabulary.Pattern(nodeId);

    private static string ContentHash(ReadOnlySpan<byte> serialised) => Convert.ToHexStringLower(SHA256.HashData(serialised))[..32];

    private static string BundleId(List<string> versions)
    {
        versions.Sort(StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var version in versions)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(version + "\n"));
        }
        return Uuid5.StixId("bundle", Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);
}

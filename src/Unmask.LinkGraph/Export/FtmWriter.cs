using System.Text.Json;

namespace Unmask.LinkGraph.Export;

/// <summary>
/// Writes FollowTheMoney JSON lines (one entity per line, as Aleph, yente and OpenSanctions' <c>ftm</c> tools read)
/// that keep the whole of each entity and break none of FtM's rules: ids as FtM allows them, properties only where
/// the real schema has them, values in their FtM type's form, references only to entities in the file and within the
/// property's range. What maps to what is in <see cref="FtmExport"/> and docs/exports.md ("FollowTheMoney"). The
/// output is the same bytes for the same content: entities sorted by id, keys sorted, no export time.
/// </summary>
public static class FtmWriter
{
    public static void Write(ExportContent content, Stream output)
    {
        var document = FtmExport.Build(content);
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var newline = "\n"u8.ToArray();
        foreach (var entity in document.Sorted())
        {
            entity.Write(writer);
            writer.Flush();
            output.Write(newline);
            writer.Reset();
        }
    }
}

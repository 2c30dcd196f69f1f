using System.Text.Json;

namespace Unmask.Storage;

/// <summary>A vetted record's row made from the two JSON documents vetting writes for it: the result object of
/// <c>vet --format json</c> and what the link graph takes from the record (<c>{"Kind","Id","Caption",…}</c>). Vetting and
/// the move of a store from before the typed schema (whose <c>vet_results</c> and <c>graph_records</c> documents are these
/// two) both go through here, so a moved record is the row vetting would have written.</summary>
public static class VetRecordDocuments
{
    public static StoredVetRecord ToRecord(string batchId, string resultJson, string graphJson, IReadOnlyList<StoredVetAttachment>? attachments = null)
    {
        using var result = JsonDocument.Parse(resultJson);
        using var graph = JsonDocument.Parse(graphJson);
        var root = result.RootElement;
        var kind = Text(root, "kind");
        var id = Text(root, "id");
        var caption = graph.RootElement.TryGetProperty("Caption", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : id;
        return new StoredVetRecord($"{kind}:{id}", batchId, kind, id, caption, root.GetProperty("risk").GetInt32(), Text(root, "level"),
            resultJson, graphJson, FindingsOf(root), attachments ?? []);
    }

    private static List<StoredFinding> FindingsOf(JsonElement result)
    {
        var findings = new List<StoredFinding>();
        if (!result.TryGetProperty("findings", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return findings;
        }
        foreach (var finding in list.EnumerateArray())
        {
            var data = finding.TryGetProperty("data", out var details) && details.ValueKind == JsonValueKind.Object ? details.GetRawText() : null;
            findings.Add(new StoredFinding(Text(finding, "code"), Text(finding, "severity"), Text(finding, "evidence"), Text(finding, "source"), data));
        }
        return findings;
    }

    private static string Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}

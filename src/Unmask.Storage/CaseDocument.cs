using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Unmask.Storage;

/// <summary>A case as the audit log records it: one canonical JSON text of every field (version and decisions
/// included), whose SHA-256 each entry that changes the case carries, so <c>audit verify</c> can replay the log against
/// the typed tables on either backend.</summary>
public static class CaseDocument
{
    /// <summary>The audited collection the entries name.</summary>
    public const string Collection = "cases";

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Canonical(StoredCase item)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("id", item.Id);
            json.WriteString("subject", item.Subject);
            json.WriteString("status", item.Status);
            json.WriteNumber("version", item.Version);
            json.WriteString("opened_by", item.OpenedBy);
            json.WriteString("opened_at", Time(item.OpenedAt));
            WriteStrings(json, "members", item.Members);
            WriteStrings(json, "findings", item.Findings);
            json.WriteStartArray("decisions");
            foreach (var decision in item.Decisions)
            {
                json.WriteStartObject();
                json.WriteString("decision", decision.Decision);
                json.WriteString("reason", decision.Reason);
                json.WriteString("by", decision.By);
                json.WriteString("at", Time(decision.At));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string Sha256(StoredCase item) => AuditChain.BodySha256(Canonical(item));

    /// <summary>A case as stores before the typed tables kept it (a JSON document in the "cases" collection, without a
    /// version): at version 1 plus one per decision, its times kept as both backends keep times.</summary>
    public static StoredCase FromLegacyJson(string body)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        static IReadOnlyList<string> Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
        var decisions = root.GetProperty("decisions").EnumerateArray()
            .Select(d => new CaseDecisionRow(d.GetProperty("decision").GetString()!, d.GetProperty("reason").GetString()!, d.GetProperty("by").GetString()!,
                Relational.StoredTime.Normalize(d.GetProperty("at").GetDateTimeOffset())))
            .ToList();
        return new StoredCase(root.GetProperty("id").GetString()!, root.GetProperty("subject").GetString()!, root.GetProperty("status").GetString()!,
            decisions.Count + 1, root.GetProperty("opened_by").GetString()!, Relational.StoredTime.Normalize(root.GetProperty("opened_at").GetDateTimeOffset()),
            Strings(root.GetProperty("members")), Strings(root.GetProperty("findings")), decisions);
    }

    // As both backends keep times: UTC, to the microsecond.
    private static string Time(DateTimeOffset value) =>
        Relational.StoredTime.Normalize(value).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }
        json.WriteEndArray();
    }
}

using System.Text.Json;
using Unmask.Vetting.Scoring;

namespace Unmask.Vetting.Output;

/// <summary>
/// <c>vet --format json</c> (CONTRACT.md): a JSON array, one object per record:
/// <c>{"id","risk","level","findings":[{"code","severity","evidence","source"}],"links":[{"entity","via"}]}</c>, plus extra
/// fields (<c>kind</c>, <c>algorithm</c>, finding <c>weight</c> and <c>data</c>, <c>not_run</c>).
/// </summary>
public static class VetJson
{
    public static void Write(Utf8JsonWriter writer, IEnumerable<VetResult> results)
    {
        writer.WriteStartArray();
        foreach (var result in results)
        {
            WriteOne(writer, result);
        }
        writer.WriteEndArray();
    }

    /// <summary>One result object (also used for <c>--format jsonl</c>, one per line).</summary>
    public static void WriteOne(Utf8JsonWriter writer, VetResult result)
    {
        writer.WriteStartObject();
        writer.WriteString("id", result.Id);
        writer.WriteString("kind", result.Kind);
        writer.WriteNumber("risk", result.Risk);
        writer.WriteString("level", Name(result.Level));
        if (result.Algorithm.Length > 0)
        {
            writer.WriteString("algorithm", result.Algorithm);
        }
        writer.WriteStartArray("findings");
        var weights = result.Contributions.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        foreach (var finding in result.Findings)
        {
            writer.WriteStartObject();
            writer.WriteString("code", finding.Code);
            writer.WriteString("severity", Name(finding.Severity));
            writer.WriteString("evidence", finding.Evidence);
            writer.WriteString("source", finding.Source);
            if (weights.TryGetValue(finding.Code, out var weight))
            {
                writer.WriteNumber("weight", weight);
            }
            if (finding.Data is { Count: > 0 } data)
            {
                writer.WriteStartObject("data");
                foreach (var (key, value) in data)
                {
                    writer.WriteString(key, value);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("links");
        foreach (var link in result.Links)
        {
            writer.WriteStartObject();
            writer.WriteString("entity", link.Entity);
            writer.WriteString("via", link.Via);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        if (result.NotRun.Count > 0)
        {
            writer.WriteStartArray("not_run");
            foreach (var item in result.NotRun)
            {
                writer.WriteStartObject();
                writer.WriteString("code", item.Code);
                writer.WriteString("reason", item.Reason);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    public static string Name(RiskLevel level) => level.ToString().ToLowerInvariant();

    public static string Name(Severity severity) => severity.ToString().ToLowerInvariant();
}

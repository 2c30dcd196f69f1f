using System.Globalization;
using System.Text;
using Unmask.Vetting.Scoring;

namespace Unmask.Vetting.Output;

/// <summary><c>vet --format csv</c>: one row per record, <c>id,kind,risk,level,codes,evidence,links</c>; multi-valued cells
/// joined with <c>;</c> (codes, links) or <c> | </c> (evidence). RFC 4180 quoting; cells that start with = + - @ are prefixed
/// with an apostrophe so spreadsheets do not run them as formulas (OWASP CSV injection).</summary>
public static class VetCsv
{
    public static void Write(TextWriter writer, IEnumerable<VetResult> results)
    {
        writer.Write("id,kind,risk,level,codes,evidence,links\r\n");
        foreach (var r in results)
        {
            var cells = new[]
            {
                r.Id, r.Kind, r.Risk.ToString(CultureInfo.InvariantCulture), VetJson.Name(r.Level),
                string.Join(";", r.Findings.Select(f => f.Code).Distinct()),
                string.Join(" | ", r.Findings.Select(f => $"{f.Code}: {f.Evidence} [{f.Source}]")),
                string.Join(";", r.Links.Select(l => $"{l.Entity} via {l.Via}")),
            };
            writer.Write(string.Join(",", cells.Select(Quote)));
            writer.Write("\r\n");
        }
    }

    public static string Quote(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        if (value.IndexOfAny([',', '"', '\r', '\n']) < 0)
        {
            return value;
        }
        var builder = new StringBuilder(value.Length + 2).Append('"');
        builder.Append(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        return builder.Append('"').ToString();
    }
}

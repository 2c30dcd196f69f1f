using Unmask.Domain;
using Unmask.TestKit;

namespace Unmask.Screening.Tests;

/// <summary>Test-only reader of OFAC legacy CSV names (sdn.csv first three columns + alt.csv aliases), so the screener can
/// be measured on the real list before the Watchlists readers are merged. Not a list reader: no remarks, no addresses.</summary>
internal static class OfacTestLoader
{
    private static readonly Lazy<IReadOnlyList<Entity>> Cached = new(Load);

    public static IReadOnlyList<Entity> Entities => Cached.Value;

    private static List<Entity> Load()
    {
        var byId = new Dictionary<string, Entity>(StringComparer.Ordinal);
        foreach (var fields in ReadCsv(SharedData.Path("sanctions/us_ofac/sdn.csv")))
        {
            if (fields.Count < 4)
            {
                continue;
            }
            var schema = fields[2].Trim() switch
            {
                "individual" => Schemas.Person,
                "vessel" => Schemas.Vessel,
                "aircraft" => Schemas.Airplane,
                _ => Schemas.Organization,
            };
            var entity = new Entity($"us_ofac_sdn-{fields[0].Trim()}", schema, "us_ofac_sdn").Add("name", Clean(fields[1]));
            foreach (var program in fields[3].Split("] [", StringSplitOptions.RemoveEmptyEntries))
            {
                entity.Add("program", Clean(program));
            }
            byId[entity.Id] = entity;
        }
        foreach (var fields in ReadCsv(SharedData.Path("sanctions/us_ofac/alt.csv")))
        {
            if (fields.Count >= 4 && byId.TryGetValue($"us_ofac_sdn-{fields[0].Trim()}", out var entity))
            {
                entity.Add(fields[2].Trim() == "fka" ? "previousName" : "alias", Clean(fields[3]));
            }
        }
        return [.. byId.Values];
    }

    // OFAC writes "-0- " for empty fields; individuals are "LAST, First".
    private static string Clean(string value) => value.Trim() == "-0-" ? "" : value.Trim();

    private static IEnumerable<List<string>> ReadCsv(string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            var fields = new List<string>();
            var current = new System.Text.StringBuilder();
            var quoted = false;
            foreach (var c in line)
            {
                if (c == '"')
                {
                    quoted = !quoted;
                }
                else if (c == ',' && !quoted)
                {
                    fields.Add(current.ToString());
                    current.Clear();
                }
                else
                {
                    current.Append(c);
                }
            }
            fields.Add(current.ToString());
            yield return fields;
        }
    }
}

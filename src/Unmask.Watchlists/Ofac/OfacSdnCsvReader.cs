using System.Globalization;
using System.Runtime.CompilerServices;
using Unmask.Domain;

namespace Unmask.Watchlists.Ofac;

/// <summary>
/// OFAC's legacy CSV set: the primary file (<c>sdn.csv</c>, or <c>cons_prim.csv</c> for the non-SDN consolidated list)
/// with its optional companions beside it — addresses (<c>add.csv</c>), aliases (<c>alt.csv</c>) and the continuation of
/// long Remarks (<c>sdn_comments.csv</c>); for the non-SDN list <c>cons_add.csv</c>, <c>cons_alt.csv</c>,
/// <c>cons_comments.csv</c>. Layout: https://ofac.treasury.gov/specially-designated-nationals-list-data-formats-data-schemas
/// and /work/shared/data/README.md ("OFAC legacy CSV").
/// </summary>
public sealed class OfacSdnCsvReader : IListReader
{
    private const int PrimaryFields = 12;
    private const int AddressFields = 6;
    private const int AliasFields = 5;
    private const int CommentFields = 2;

    public ListFormat Format => ListFormat.OfacSdnCsv;

    /// <summary>A primary file: <c>ent_num,"NAME",type,"PROGRAMS",…</c> with 12 fields and a known SDN_Type.</summary>
    public bool Sniff(ReadOnlySpan<byte> head)
    {
        var fields = OfacCsv.FirstRecord(head);
        return fields is { Count: PrimaryFields }
               && IsNumber(fields[0])
               && !OfacCsv.IsNull(fields[1])
               && fields[2] is null or "individual" or "vessel" or "aircraft";
    }

    /// <summary>True for add.csv / alt.csv / sdn_comments.csv (and the cons_ forms): they belong to a primary file and
    /// are read through it, so an importer should not read them on their own.</summary>
    public static bool SniffCompanion(ReadOnlySpan<byte> head)
    {
        var fields = OfacCsv.FirstRecord(head);
        if (fields is null || !IsNumber(fields[0]))
        {
            return false;
        }
        return fields.Count switch
        {
            AddressFields => IsNumber(fields[1]),
            AliasFields => IsNumber(fields[1]) && fields[2] is "aka" or "fka" or "nka",
            CommentFields => !OfacCsv.IsNull(fields[1]),
            _ => false,
        };
    }

    public IReadOnlyList<string> CompanionFiles(string fileName) =>
        fileName.StartsWith("cons", StringComparison.OrdinalIgnoreCase)
            ? ["cons_add.csv", "cons_alt.csv", "cons_comments.csv"]
            : ["add.csv", "alt.csv", "sdn_comments.csv"];

    public async IAsyncEnumerable<Entity> ReadAsync(ListInput input, ReadContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var consolidated = input.FileName.StartsWith("cons", StringComparison.OrdinalIgnoreCase);
        var prefix = consolidated ? "cons_" : "";
        var addresses = await ReadCompanionAsync(input, $"{prefix}add.csv", AddressFields, cancellationToken);
        var aliases = await ReadCompanionAsync(input, $"{prefix}alt.csv", AliasFields, cancellationToken);
        var comments = await ReadCompanionAsync(input, consolidated ? "cons_comments.csv" : "sdn_comments.csv", CommentFields, cancellationToken);

        var datasetName = context.DatasetName(consolidated ? "us_ofac_cons" : "us_ofac_sdn");
        context.Dataset = consolidated
            ? new Dataset(datasetName, "OFAC Consolidated Sanctions List (Non-SDN Lists)", "US Treasury OFAC", null, DatasetKind.Sanctions)
            : new Dataset(datasetName, "OFAC Specially Designated Nationals (SDN) List", "US Treasury OFAC", null, DatasetKind.Sanctions);

        var count = 0;
        await using (var stream = input.Open())
        {
            await foreach (var record in OfacCsv.ReadAsync(stream, input.Name, input.Limits, PrimaryFields, cancellationToken))
            {
                var f = record.Fields;
                // f[0] is null for an empty ent_num or OFAC's empty-field marker "-0-".
                var entNum = f[0]?.Trim() ?? "";
                if (!IsNumber(entNum))
                {
                    throw new InputException(input.Name, record.Line,
                        entNum.Length == 0 ? "ent_num is empty" : $"ent_num '{entNum}' is not a number");
                }
                var entity = Build(datasetName, entNum, f, input.Name, record.Line);
                if (comments?.Remove(entNum, out var more) == true)
                {
                    // sdn_comments.csv continues the cut-off Remarks byte for byte (often mid-word), so join without a separator.
                    var length = (f[11]?.Length ?? 0) + more.Sum(m => (long)(m.Fields[1]?.Length ?? 0));
                    if (length > input.Limits.MaxRecordChars)
                    {
                        throw new InputException(input.Name, record.Line, string.Create(CultureInfo.InvariantCulture,
                            $"ent_num {entNum}: Remarks with their {more.Count:N0} continuation rows are {length:N0} characters, over the limit of {input.Limits.MaxRecordChars:N0}"));
                    }
                    var remarks = (f[11] ?? "") + string.Concat(more.Select(m => m.Fields[1]));
                    OfacRemarks.Apply(entity, remarks, input.Name, record.Line);
                }
                else if (f[11] is { } remarks)
                {
                    OfacRemarks.Apply(entity, remarks, input.Name, record.Line);
                }
                if (aliases?.Remove(entNum, out var alts) == true)
                {
                    foreach (var alt in alts)
                    {
                        AddAlias(entity, alt);
                    }
                }
                if (addresses?.Remove(entNum, out var adds) == true)
                {
                    foreach (var add in adds)
                    {
                        AddAddress(entity, add);
                    }
                }
                count++;
                yield return entity;
            }
        }
        if (count == 0)
        {
            throw new InputException(input.Name, null, "no records");
        }
        WarnOrphans(context, input.FileName, (addresses, $"{prefix}add.csv"), (aliases, $"{prefix}alt.csv"),
            (comments, consolidated ? "cons_comments.csv" : "sdn_comments.csv"));
    }

    private static Entity Build(string dataset, string entNum, string?[] f, string file, long line)
    {
        var type = f[2]?.Trim().ToLowerInvariant();
        var schema = type switch
        {
            null => Schemas.Organization, // OFAC leaves SDN_Type empty ("-0- ") for entities
            "individual" => Schemas.Person,
            "vessel" => Schemas.Vessel,
            "aircraft" => Schemas.Airplane,
            _ => throw new InputException(file, line, $"SDN_Type '{f[2]}' is not individual, vessel, aircraft or empty"),
        };
        var entity = new Entity(EntityIds.Make(dataset, entNum), schema, dataset);
        var name = f[1] ?? throw new InputException(file, line, "SDN_Name is empty");
        entity.Add("name", name);
        if (schema == Schemas.Person)
        {
            // Individuals are written "LAST, First Middle".
            var comma = name.IndexOf(", ", StringComparison.Ordinal);
            if (comma > 0)
            {
                entity.Add("lastName", name[..comma]);
                entity.Add("firstName", name[(comma + 2)..]);
            }
            entity.Add("title", f[4]);
        }
        else if (f[4] is { } title)
        {
            entity.Add("notes", $"Title: {title}");
        }
        foreach (var program in Programs(f[3]))
        {
            entity.Add("program", program);
        }
        entity.Add("topics", "sanction");
        if (f[5] is { } callSign)
        {
            OfacFields.AddOrNote(entity, "callSign", callSign, $"Call sign {callSign}");
        }
        if (f[6] is { } vesselType)
        {
            OfacFields.AddOrNote(entity, "type", vesselType, $"Vessel type {vesselType}");
        }
        if (f[7] is { } tonnage)
        {
            OfacFields.Add(entity, "Vessel Tonnage", tonnage);
        }
        if (f[8] is { } grt)
        {
            OfacFields.Add(entity, "Vessel Gross Registered Tonnage", grt);
        }
        if (f[9] is { } flag)
        {
            OfacFields.Add(entity, "Vessel Flag", flag);
        }
        if (f[10] is { } owner)
        {
            // Vehicle.owner is an entity reference in FtM; the CSV gives only a name.
            entity.Add("notes", $"Vessel owner: {owner}");
        }
        return entity;
    }

    /// <summary>OFAC writes several programmes as <c>DPRK3] [CYBER2</c> (the outer brackets are left off).</summary>
    internal static IEnumerable<string> Programs(string? field) =>
        field is null
            ? []
            : field.Split("] [", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Trim('[', ']', ' '))
                .Where(p => p.Length > 0);

    private static void AddAlias(Entity entity, OfacCsvRecord alt)
    {
        var name = alt.Fields[3];
        if (name is null)
        {
            return;
        }
        // alt.csv holds the strong a.k.a.s (the weak ones are printed in Remarks).
        var property = alt.Fields[2]?.Trim().ToLowerInvariant() switch
        {
            "fka" => "previousName",
            _ => "alias",
        };
        entity.Add(property, name);
        if (alt.Fields[4] is { } remark)
        {
            entity.Add("notes", $"{name}: {remark}");
        }
    }

    private static void AddAddress(Entity entity, OfacCsvRecord add)
    {
        var f = add.Fields;
        var full = string.Join(", ", new[] { f[2], f[3], f[4] }.Where(p => !OfacCsv.IsNull(p)).Select(p => p!.Trim()));
        entity.Add("address", full);
        if (f[4] is { } country && Countries.TryGetCode(country, out var code))
        {
            entity.Add("country", code);
        }
        if (f[5] is { } remark)
        {
            entity.Add("notes", $"Address {full}: {remark}");
        }
    }

    private static async Task<Dictionary<string, List<OfacCsvRecord>>?> ReadCompanionAsync(ListInput input, string fileName,
        int fieldCount, CancellationToken cancellationToken)
    {
        var stream = input.OpenCompanion(fileName);
        if (stream is null)
        {
            return null;
        }
        var rows = new Dictionary<string, List<OfacCsvRecord>>(StringComparer.Ordinal);
        await using (stream)
        {
            await foreach (var record in OfacCsv.ReadAsync(stream, fileName, input.Limits, fieldCount, cancellationToken))
            {
                var key = record.Fields[0]?.Trim();
                if (!IsNumber(key))
                {
                    throw new InputException(fileName, record.Line, $"ent_num '{key}' is not a number");
                }
                if (!rows.TryGetValue(key!, out var list))
                {
                    list = [];
                    rows[key!] = list;
                }
                list.Add(record);
            }
        }
        return rows;
    }

    private static void WarnOrphans(ReadContext context, string primary, params (Dictionary<string, List<OfacCsvRecord>>? Rows, string File)[] companions)
    {
        var parts = companions
            .Where(c => c.Rows is { Count: > 0 })
            .Select(c => string.Create(CultureInfo.InvariantCulture,
                $"{c.File}: {c.Rows!.Values.Sum(r => r.Count):N0} rows for {c.Rows.Count:N0} ent_nums"))
            .ToList();
        if (parts.Count > 0)
        {
            context.Warn($"skipped companion rows whose ent_num is not in {primary} (the companion files are probably from another date): {string.Join("; ", parts)}");
        }
    }

    private static bool IsNumber(string? text) => !string.IsNullOrEmpty(text) && text.Trim().Length > 0 && text.Trim().All(char.IsAsciiDigit);
}

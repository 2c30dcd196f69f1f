namespace Unmask.Watchlists.Ioc;

/// <summary>
/// Which column of an IOC CSV holds what, found from the header row. Recognised headers:
/// <c>indicator,type,…</c> / <c>value,type,…</c> (type per row), and typed files whose value column names the kind:
/// <c>email</c>, <c>address</c> (wallet; with <c>chain</c>), <c>domain</c>, <c>phone</c>, <c>ip_or_cidr</c>/<c>ip</c>,
/// <c>platform,handle</c>. Persona, note, action, check, citation and source-URL columns are used when present.
/// </summary>
public sealed record IocCsvLayout(
    int ValueColumn,
    IndicatorKind? ImpliedKind,
    int TypeColumn,
    int ChainColumn,
    int PlatformColumn,
    int PersonaColumn,
    IReadOnlyList<int> NoteColumns,
    int ActionColumn,
    int ActionDateColumn,
    int CheckColumn,
    IReadOnlyList<int> UrlColumns,
    int ColumnCount)
{
    private static readonly (string Name, IndicatorKind? Kind)[] ValueColumns =
    [
        ("indicator", null), ("value", null), ("ioc", null), ("observable", null),
        ("email", IndicatorKind.Email), ("email_address", IndicatorKind.Email),
        ("address", IndicatorKind.Wallet), ("wallet", IndicatorKind.Wallet), ("wallet_address", IndicatorKind.Wallet),
        ("domain", IndicatorKind.Domain), ("hostname", IndicatorKind.Domain), ("url", IndicatorKind.Url),
        ("phone", IndicatorKind.Phone), ("phone_number", IndicatorKind.Phone),
        ("ip_or_cidr", IndicatorKind.IpAddress), ("ip", IndicatorKind.IpAddress), ("cidr", IndicatorKind.IpAddress),
        ("handle", IndicatorKind.Username), ("username", IndicatorKind.Username),
    ];

    private static readonly string[] TypeColumns = ["type", "indicator_type", "ioc_type", "kind"];
    private static readonly string[] NoteColumnNames = ["note", "notes", "comment", "comments", "description", "quote_on_seizure"];
    private static readonly string[] UrlColumnNames = ["citations", "citation", "source_url", "seizure_source_url", "reference", "references", "source"];

    public static bool TryCreate(IReadOnlyList<string> header, out IocCsvLayout layout)
    {
        layout = null!;
        var names = header.Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToArray();
        // Header names are words; OFAC's header-less sdn.csv starts with a number and a quoted name.
        if (names.Length == 0 || names.Any(n => n.Length == 0 || n.All(char.IsAsciiDigit)
                || !n.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or ' ')))
        {
            return false;
        }
        int Find(string name) => Array.IndexOf(names, name);
        int FindAny(IEnumerable<string> candidates) => candidates.Select(Find).FirstOrDefault(i => i >= 0, -1);

        var typeColumn = FindAny(TypeColumns);
        foreach (var (name, kind) in ValueColumns)
        {
            var index = Find(name);
            // A generic value column needs a type column or values that say what they are; "address" only means a
            // wallet in a file without a type column (it is the wallets file's first column).
            if (index < 0 || (kind == IndicatorKind.Wallet && name == "address" && index != 0 && Find("chain") < 0))
            {
                continue;
            }
            layout = new IocCsvLayout(
                index,
                kind,
                kind is null ? typeColumn : -1,
                FindAny(["chain", "currency", "asset", "coin"]),
                FindAny(["platform", "service"]),
                FindAny(["persona", "personas", "actor"]),
                NoteColumnNames.Select(Find).Where(i => i >= 0).ToArray(),
                Find("action"),
                Find("action_date"),
                Find("check"),
                UrlColumnNames.Select(Find).Where(i => i >= 0).ToArray(),
                names.Length);
            return true;
        }
        return false;
    }
}

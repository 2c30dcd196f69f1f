using System.Runtime.CompilerServices;
using System.Text;
using nietras.SeparatedValues;
using Unmask.Domain;
using Unmask.Watchlists.Io;

namespace Unmask.Watchlists.Ioc;

/// <summary>
/// IOC CSVs with a header row (see <see cref="IocCsvLayout"/>): the SentinelLabs and tayvano <c>indicators.csv</c>
/// (<c>indicator,type,…</c>), tayvano's typed CSVs (<c>email,…</c>, <c>address,chain,…</c>, <c>domain,…</c>,
/// <c>phone,…</c>, <c>ip_or_cidr,…</c>, <c>platform,handle,…</c>), the seized-domain list
/// (<c>domain,as_published,action_date,action,source_url,…</c>) and generic <c>value,type</c> files.
/// One entity per distinct value: a value listed under several personas is one entity whose notes name them all.
/// Rows are aggregated in memory by distinct value (IOC lists are small); rows are read streaming.
/// </summary>
public sealed class IocCsvReader : IListReader
{
    private static readonly Dictionary<string, string> CoinNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["bitcoin"] = "BTC", ["ethereum"] = "ETH", ["solana"] = "SOL", ["litecoin"] = "LTC", ["tron"] = "TRX", ["monero"] = "XMR",
    };

    public ListFormat Format => ListFormat.IocCsv;

    public bool Sniff(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty || head.Contains((byte)0))
        {
            return false;
        }
        var text = Sniffing.Text(head);
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        var first = (end < 0 ? text : text[..end]).TrimEnd('\r');
        if (!first.Contains(',', StringComparison.Ordinal) && end < 0)
        {
            return false;
        }
        var header = first.Split(',').Select(c => c.Trim().Trim('"')).ToArray();
        return IocCsvLayout.TryCreate(header, out _);
    }

    public async IAsyncEnumerable<Entity> ReadAsync(ListInput input, ReadContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var source = IocSource.For(input.Name);
        var datasetName = context.DatasetName(source.DatasetName);
        context.Dataset = source.ToDataset(datasetName);
        List<Aggregate> aggregates;
        await using (var stream = input.Open())
        {
            aggregates = ReadRows(input.Name, new TextGuardStream(stream, input.Name, input.Limits, allowUtf16: true), context, cancellationToken);
        }
        var ids = new IndicatorIds(datasetName);
        foreach (var aggregate in aggregates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return aggregate.ToEntity(ids.For(aggregate.Indicator), datasetName, source);
        }
    }

    private static List<Aggregate> ReadRows(string file, Stream stream, ReadContext context, CancellationToken cancellationToken)
    {
        SepReader reader;
        try
        {
            reader = Sep.Reader(o => o with { Sep = new Sep(','), HasHeader = true, Unescape = true, DisableColCountCheck = true })
                .From(new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true));
        }
        catch (DecoderFallbackException ex)
        {
            throw new InputException(file, 1, "not UTF-8 text", ex);
        }
        catch (Exception ex) when (ex is InvalidDataException or NotSupportedException)
        {
            throw new InputException(file, 1, $"malformed CSV header: {ex.Message}", ex);
        }
        catch (ArgumentException ex)
        {
            // Sep indexes the header by name and refuses a name given twice.
            throw new InputException(file, 1, $"header repeats a column name: {ex.Message}", ex);
        }
        using var _ = reader;
        var header = reader.Header.ColNames;
        if (header.Count == 0 || (header.Count == 1 && header[0].Length == 0))
        {
            throw new InputException(file, 1, "empty file (no header row)");
        }
        if (!IocCsvLayout.TryCreate(header, out var layout))
        {
            throw new InputException(file, 1, $"header '{string.Join(",", header)}' names no indicator column "
                + "(expected indicator/value with type, or email, address, domain, phone, ip_or_cidr, handle)");
        }

        var byKey = new Dictionary<string, Aggregate>(StringComparer.Ordinal);
        var order = new List<Aggregate>();
        var unsupportedTypes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var invalidLines = new List<int>();
        var emptyLines = 0;
        try
        {
            foreach (var row in reader)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var line = row.LineNumberFrom;
                if (row.ColCount != layout.ColumnCount)
                {
                    if (row.ColCount == 1 && row.Span.Trim().IsEmpty)
                    {
                        continue;
                    }
                    throw new InputException(file, line,
                        $"row has {row.ColCount} fields but the header has {layout.ColumnCount} (unbalanced quotes or a stray comma?)");
                }
                var cells = new string[row.ColCount];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = row[i].ToString().Trim();
                }
                string Cell(int index) => index < 0 ? "" : cells[index];

                var value = Cell(layout.ValueColumn);
                if (value.Length == 0)
                {
                    emptyLines++;
                    continue;
                }
                var type = Cell(layout.TypeColumn);
                var chain = Cell(layout.ChainColumn);
                var platform = Cell(layout.PlatformColumn);
                var spec = layout.TypeColumn >= 0 ? TypeSpec.Of(type) : new TypeSpec(layout.ImpliedKind, null, null, false);
                if (spec.Unsupported)
                {
                    unsupportedTypes[type.ToLowerInvariant()] = unsupportedTypes.GetValueOrDefault(type.ToLowerInvariant()) + 1;
                    continue;
                }
                var currency = spec.Currency ?? CurrencyOfChain(chain);
                var service = spec.Service ?? ServiceOfPlatform(platform);
                if (!TryParse(value, spec.Kind, currency, service, out var indicator, out var caveat))
                {
                    invalidLines.Add(line);
                    continue;
                }
                if (!byKey.TryGetValue(indicator.Key, out var aggregate))
                {
                    aggregate = new Aggregate(indicator);
                    byKey[indicator.Key] = aggregate;
                    order.Add(aggregate);
                }
                aggregate.AddRow(
                    persona: Cell(layout.PersonaColumn),
                    notes: layout.NoteColumns.Select(Cell).Append(ActionNote(Cell(layout.ActionColumn), Cell(layout.ActionDateColumn)))
                        .Append(CheckNote(Cell(layout.CheckColumn))).Append(caveat),
                    urls: layout.UrlColumns.SelectMany(i => SplitUrls(Cell(i))),
                    keywords: [type, chain]);
            }
        }
        catch (DecoderFallbackException ex)
        {
            throw new InputException(file, null, "not UTF-8 text", ex);
        }
        catch (Exception ex) when (ex is InvalidDataException or NotSupportedException)
        {
            // Sep refuses a row longer than its buffer (an unterminated quote runs to the end of the file) with NotSupportedException.
            throw new InputException(file, null, $"malformed CSV: {ex.Message}", ex);
        }

        if (unsupportedTypes.Count > 0)
        {
            context.Warn($"{file}: skipped {unsupportedTypes.Values.Sum()} rows of indicator types Unmask does not import: "
                + string.Join(", ", unsupportedTypes.Select(t => $"{t.Key} ({t.Value})")));
        }
        if (invalidLines.Count > 0)
        {
            context.Warn($"{file}: skipped {invalidLines.Count} rows whose value is not a valid value of its type (lines "
                + string.Join(", ", invalidLines.Take(10)) + (invalidLines.Count > 10 ? ", …" : "") + ")");
        }
        if (emptyLines > 0)
        {
            context.Warn($"{file}: skipped {emptyLines} rows with an empty indicator value");
        }
        return order;
    }

    private static bool TryParse(string value, IndicatorKind? kind, string? currency, string? service, out Indicator indicator, out string? caveat)
    {
        caveat = null;
        switch (kind)
        {
            case IndicatorKind.Domain:
                return Indicator.TryParseDomain(value, out indicator);
            case IndicatorKind.Url:
                return Indicator.TryParseUrl(value, out indicator) || Indicator.TryParseDomain(value, out indicator);
            case IndicatorKind.IpAddress or IndicatorKind.IpRange:
                return Indicator.TryParseIp(value, out indicator);
            case IndicatorKind.Email:
                return Indicator.TryParseEmail(value, out indicator);
            case IndicatorKind.Phone:
                return Indicator.TryParsePhone(value, out indicator);
            case IndicatorKind.Username:
                return Indicator.TryParseUsername(value, service, out indicator);
            case IndicatorKind.Wallet:
                if (Indicator.TryParseWallet(value, currency, out indicator))
                {
                    return true;
                }
                // Kept as published when the list says it is a wallet but it has no valid form (tayvano lists two
                // 0x addresses with 39 hex digits): an analyst may still find it quoted elsewhere.
                if (value.Length is >= 20 and <= 120 && value.All(char.IsAsciiLetterOrDigit))
                {
                    indicator = new Indicator(IndicatorKind.Wallet, value, $"wallet:raw:{value.ToLowerInvariant()}", currency);
                    caveat = "address as published is not a valid address of any known chain format (typo in the source?)";
                    return true;
                }
                return false;
            default:
                return Indicator.TryParse(value, out indicator);
        }
    }

    private static string? ActionNote(string action, string date) =>
        action.Length == 0 ? null : date.Length == 0 ? action : $"{action} ({date})";

    private static string? CheckNote(string check) =>
        check.Length == 0 || check.StartsWith("ok", StringComparison.OrdinalIgnoreCase) || check.StartsWith("no checksum", StringComparison.OrdinalIgnoreCase)
            ? null
            : $"address check: {check}";

    private static IEnumerable<string> SplitUrls(string cell) =>
        cell.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || u.StartsWith("https://", StringComparison.OrdinalIgnoreCase));

    /// <summary>Currency from a chain column such as <c>BTC (bech32)</c> or <c>Solana (inferred…)</c>; EVM addresses
    /// (<c>EVM (0x address; chain not stated)</c>) get none.</summary>
    internal static string? CurrencyOfChain(string chain)
    {
        var word = chain.Split([' ', '('], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (word is null || word.Equals("EVM", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        if (CoinNames.TryGetValue(word, out var symbol))
        {
            return symbol;
        }
        return word.Length is >= 2 and <= 5 && word.All(char.IsAsciiLetterOrDigit) ? word.ToUpperInvariant() : null;
    }

    /// <summary>The platform of a handle; tayvano's "unspecified (alias/username as listed)" means none.</summary>
    internal static string? ServiceOfPlatform(string platform) =>
        platform.Length == 0 || platform.StartsWith("unspecified", StringComparison.OrdinalIgnoreCase) ? null : platform;

    /// <summary>What a row's type cell says: <c>ipv4</c>, <c>ipv4_cidr</c>, <c>domain</c>, <c>email</c>, <c>url</c>,
    /// <c>eth_address</c> (wallet, ETH), <c>github_user</c> (username on github), <c>phone</c>; hashes and file names
    /// are not imported.</summary>
    internal sealed record TypeSpec(IndicatorKind? Kind, string? Currency, string? Service, bool Unsupported)
    {
        private static readonly HashSet<string> Unimported = new(StringComparer.OrdinalIgnoreCase)
        {
            "md5", "sha1", "sha-1", "sha256", "sha-256", "sha512", "hash", "filename", "file", "file-name", "mutex", "registry",
            "yara", "ja3", "ssdeep", "imphash", "user-agent", "asn", "filepath",
        };

        public static TypeSpec Of(string type)
        {
            var t = type.Trim().ToLowerInvariant();
            if (t.Length == 0)
            {
                return new TypeSpec(null, null, null, false);
            }
            if (Unimported.Contains(t))
            {
                return new TypeSpec(null, null, null, true);
            }
            if (t.Contains("email", StringComparison.Ordinal) || t == "e-mail")
            {
                return new TypeSpec(IndicatorKind.Email, null, null, false);
            }
            if (t is "domain" or "domain-name" or "domain_name" or "hostname" or "fqdn" or "host")
            {
                return new TypeSpec(IndicatorKind.Domain, null, null, false);
            }
            if (t is "url" or "uri" or "link")
            {
                return new TypeSpec(IndicatorKind.Url, null, null, false);
            }
            if (t.StartsWith("ip", StringComparison.Ordinal) || t.Contains("cidr", StringComparison.Ordinal))
            {
                return new TypeSpec(IndicatorKind.IpAddress, null, null, false);
            }
            if (t is "phone" or "phone_number" or "phone-number" or "tel" or "telephone")
            {
                return new TypeSpec(IndicatorKind.Phone, null, null, false);
            }
            if (t is "wallet" or "crypto_wallet" or "cryptocurrency-wallet" or "btc" or "eth" or "xbt")
            {
                return new TypeSpec(IndicatorKind.Wallet, t is "btc" or "eth" or "xbt" ? t.ToUpperInvariant() : null, null, false);
            }
            foreach (var suffix in (string[])["_address", "_wallet", "-address", "-wallet"])
            {
                if (t.EndsWith(suffix, StringComparison.Ordinal))
                {
                    var coin = t[..^suffix.Length];
                    return new TypeSpec(IndicatorKind.Wallet, coin is "evm" or "crypto" ? null : CoinNames.GetValueOrDefault(coin, coin.ToUpperInvariant()), null, false);
                }
            }
            foreach (var suffix in (string[])["_user", "_username", "_handle", "_account", "-user", "-handle", "-account"])
            {
                if (t.EndsWith(suffix, StringComparison.Ordinal))
                {
                    return new TypeSpec(IndicatorKind.Username, null, t[..^suffix.Length], false);
                }
            }
            if (t is "username" or "handle" or "user" or "account")
            {
                return new TypeSpec(IndicatorKind.Username, null, null, false);
            }
            return new TypeSpec(null, null, null, true);
        }
    }

    private sealed class Aggregate(Indicator indicator)
    {
        private readonly List<string> _personas = [];
        private readonly List<string> _notes = [];
        private readonly List<string> _urls = [];
        private readonly List<string> _keywords = [];

        public Indicator Indicator { get; } = indicator;

        public void AddRow(string persona, IEnumerable<string?> notes, IEnumerable<string> urls, IEnumerable<string> keywords)
        {
            AddDistinct(_personas, persona);
            foreach (var note in notes)
            {
                AddDistinct(_notes, note);
            }
            foreach (var url in urls)
            {
                AddDistinct(_urls, url);
            }
            foreach (var keyword in keywords)
            {
                AddDistinct(_keywords, keyword);
            }
        }

        public Entity ToEntity(string id, string dataset, IocSource source)
        {
            var entity = Indicator.ToEntity(id, dataset);
            if (_personas.Count > 0)
            {
                entity.Add("notes", (_personas.Count == 1 ? "persona: " : "personas: ") + string.Join("; ", _personas));
            }
            entity.AddRange("notes", _notes).Add("notes", source.Note).AddRange("sourceUrl", _urls).AddRange("keywords", _keywords)
                .AddRange("topics", source.Topics);
            return entity;
        }

        private static void AddDistinct(List<string> list, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value) && !list.Contains(value, StringComparer.Ordinal))
            {
                list.Add(value);
            }
        }
    }
}

using System.Runtime.CompilerServices;
using System.Text;
using Unmask.Domain;
using Unmask.Watchlists.Io;

namespace Unmask.Watchlists.Ioc;

/// <summary>
/// Plain IOC lists, one value per line: domains (also defanged <c>example[.]com</c>), IPv4/IPv6 addresses and CIDR
/// ranges, e-mail addresses, URLs (imported as their host) and wallet addresses. Blank lines and comment lines
/// (<c>#</c>, <c>//</c>, <c>;</c>) are skipped, as is a trailing <c> # comment</c>. Each distinct value becomes one entity.
/// OFAC's per-asset lists <c>sanctioned_addresses_&lt;ASSET&gt;.txt</c> (derived from <c>sdn_advanced.xml</c> by
/// 0xB10C) are recognised by file name, for their metadata only: dataset <c>us_ofac_wallets</c>, currency = ASSET.
/// </summary>
public sealed class IocTextReader : IListReader
{
    private const string OfacPrefix = "sanctioned_addresses_";

    public ListFormat Format => ListFormat.IocText;

    public bool Sniff(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty || head.Contains((byte)0))
        {
            return false;
        }
        var text = Sniffing.Text(head);
        var lines = text.Split('\n');
        // The head may end mid-line: leave out an unterminated last line when there are others to judge.
        var complete = lines.Length > 1 && !text.EndsWith('\n') ? lines[..^1] : lines;
        var seen = 0;
        var parsed = 0;
        foreach (var raw in complete)
        {
            var line = StripComment(raw);
            if (line is null)
            {
                continue;
            }
            var ok = Indicator.TryParse(line, out _) || LooksLikeWallet(line);
            // A header row or a CSV/JSON/XML first line is not an IOC list.
            if (seen == 0 && !ok)
            {
                return false;
            }
            seen++;
            parsed += ok ? 1 : 0;
        }
        return seen > 0 && parsed * 10 >= seen * 9;
    }

    public async IAsyncEnumerable<Entity> ReadAsync(ListInput input, ReadContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var asset = OfacAsset(input.FileName);
        var datasetName = asset is null ? context.DatasetName(DefaultDatasetName(input.FileName)) : context.DatasetName("us_ofac_wallets");
        var known = IocSource.KnownFor(input.Name);
        context.Dataset = asset is null
            ? new Dataset(datasetName, known?.Title ?? $"IOC list {input.FileName}", known?.Publisher ?? "unknown (plain IOC list)", null, DatasetKind.Indicators)
            : new Dataset(datasetName, "OFAC SDN digital currency addresses",
                "US Treasury OFAC (per-asset lists derived from sdn_advanced.xml by 0xB10C)", null, DatasetKind.Sanctions);
        var ids = new IndicatorIds(datasetName);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lineNumber = 0L;
        var values = 0;

        using var reader = new StreamReader(new TextGuardStream(input.Open(), input.Name, input.Limits, allowUtf16: true),
            new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        while (true)
        {
            string? raw;
            try
            {
                raw = await reader.ReadLineAsync(cancellationToken);
            }
            catch (DecoderFallbackException ex)
            {
                throw new InputException(input.Name, lineNumber + 1, "not UTF-8 text", ex);
            }
            if (raw is null)
            {
                break;
            }
            lineNumber++;
            var line = StripComment(raw);
            if (line is null)
            {
                continue;
            }
            if (!Indicator.TryParse(line, out var indicator, asset))
            {
                throw new InputException(input.Name, lineNumber,
                    $"'{Shorten(line)}' is not a domain, IP address or CIDR range, e-mail address, URL or wallet address");
            }
            values++;
            if (!seen.Add(indicator.Key))
            {
                continue;
            }
            if (asset is null)
            {
                yield return indicator.ToEntity(ids.For(indicator), datasetName);
                continue;
            }
            // The same address can be listed under several assets (an ETH address also under USDT/USDC): one entity per asset.
            var entity = indicator.ToEntity(ids.For(indicator, $"{asset}-{indicator.IdStem}"), datasetName)
                .Add("program", "SDN").Add("topics", "sanction");
            yield return entity;
        }
        if (values == 0)
        {
            throw new InputException(input.Name, lineNumber == 0 ? null : lineNumber, "no indicator values in the file (empty or only comments)");
        }
    }

    /// <summary><c>ioc_</c> + the file stem, lower-case, other characters as <c>_</c>: <c>Bad-Hosts.txt</c> → <c>ioc_bad_hosts</c>.</summary>
    public static string DefaultDatasetName(string fileName) => "ioc_" + Slug(Path.GetFileNameWithoutExtension(fileName));

    internal static string Slug(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }
        return builder.ToString();
    }

    /// <summary>The ASSET of an OFAC per-asset file name (<c>sanctioned_addresses_XBT.txt</c> → XBT), else null.</summary>
    internal static string? OfacAsset(string fileName)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName);
        if (!stem.StartsWith(OfacPrefix, StringComparison.OrdinalIgnoreCase) || !fileName.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var asset = stem[OfacPrefix.Length..];
        return asset.Length is > 0 and <= 10 && asset.All(char.IsAsciiLetterOrDigit) ? asset.ToUpperInvariant() : null;
    }

    /// <summary>Wallet addresses of chains with their own alphabets (Bitcoin Cash cashaddr, Monero, XRP) parse only when
    /// the list names the asset (OFAC's file name); content sniffing cannot know it, so a plain alphanumeric token of
    /// wallet length counts as wallet-like for detection.</summary>
    private static bool LooksLikeWallet(string line) => line.Length is >= 25 and <= 120 && line.All(char.IsAsciiLetterOrDigit);

    /// <summary>The value on a line, or null for blank and comment lines.</summary>
    internal static string? StripComment(string raw)
    {
        var line = raw.Trim().TrimStart('\uFEFF');
        if (line.Length == 0 || line[0] is '#' or ';' || line.StartsWith("//", StringComparison.Ordinal))
        {
            return null;
        }
        var hash = line.IndexOf(" #", StringComparison.Ordinal);
        var tab = line.IndexOf("\t#", StringComparison.Ordinal);
        var cut = hash < 0 ? tab : tab < 0 ? hash : Math.Min(hash, tab);
        return cut > 0 ? line[..cut].TrimEnd() : line;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}

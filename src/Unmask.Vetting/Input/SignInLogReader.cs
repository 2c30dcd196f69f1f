using System.Globalization;
using System.Net;
using nietras.SeparatedValues;
using Unmask.Domain;
using Unmask.Vetting.Model;

namespace Unmask.Vetting.Input;

/// <summary>
/// Streams a sign-in log (CSV with header): <c>timestamp,user_id,ip,user_agent,remote_tool[,country]</c> — the shape of
/// Entra ID / Okta exports reduced to what vetting needs. Lines are yielded one by one so a million-line log is never held
/// in memory. A line with the wrong field count or an unreadable timestamp is an <see cref="InputException"/> unless
/// <c>skipMalformed</c> is set.
/// </summary>
public sealed class SignInLogReader
{
    private SignInLogReader(string path, bool hasCountry)
    {
        Path = path;
        HasCountryColumn = hasCountry;
    }

    public string Path { get; }

    /// <summary>The log has a <c>country</c> column; without it the geo indicators cannot run (no offline GeoIP in v1).</summary>
    public bool HasCountryColumn { get; }

    public int SkippedLines { get; private set; }

    public static SignInLogReader Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException(path, null, "file not found");
        }
        using var reader = Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true }).FromFile(path);
        var names = reader.Header.ColNames.Select(n => n.Trim().ToLowerInvariant()).ToArray();
        foreach (var required in new[] { "timestamp", "user_id", "ip" })
        {
            if (!names.Contains(required))
            {
                throw new InputException(path, 1, $"required column '{required}' is missing (expected timestamp,user_id,ip,user_agent,remote_tool[,country])");
            }
        }
        return new SignInLogReader(path, names.Contains("country"));
    }

    /// <summary>Convenience: <see cref="Open"/> then <see cref="ReadAll"/>.</summary>
    public static IEnumerable<SignIn> Read(string path, bool skipMalformed = false) => Open(path).ReadAll(skipMalformed);

    public IEnumerable<SignIn> ReadAll(bool skipMalformed = false)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true }).FromFile(Path);
        var names = reader.Header.ColNames.Select(n => n.Trim().ToLowerInvariant()).ToList();
        int Index(string name) => names.IndexOf(name);
        var (ts, user, ip, ua, tool, country) = (Index("timestamp"), Index("user_id"), Index("ip"), Index("user_agent"), Index("remote_tool"), Index("country"));
        var countryCache = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in reader)
        {
            long line = row.LineNumberFrom;
            if (row.ColCount != names.Count)
            {
                if (row.ColCount == 1 && row[0].Span.Trim().IsEmpty)
                {
                    continue;
                }
                if (skipMalformed)
                {
                    SkippedLines++;
                    continue;
                }
                throw new InputException(Path, line, $"{row.ColCount} fields, header has {names.Count}");
            }
            var tsSpan = row[ts].Span.Trim();
            if (!DateTimeOffset.TryParse(tsSpan, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var timestamp))
            {
                if (skipMalformed)
                {
                    SkippedLines++;
                    continue;
                }
                throw new InputException(Path, line, $"timestamp '{tsSpan}' is not an ISO 8601 date-time");
            }
            IPAddress.TryParse(row[ip].Span.Trim(), out var address);
            string? countryCode = null;
            if (country >= 0)
            {
                var text = row[country].ToString().Trim();
                if (text.Length > 0 && !countryCache.TryGetValue(text, out countryCode))
                {
                    countryCode = Countries.TryGetCode(text, out var c) ? c : null;
                    countryCache[text] = countryCode;
                }
            }
            yield return new SignIn(
                timestamp,
                row[user].ToString().Trim(),
                address,
                ua >= 0 ? Empty(row[ua].ToString()) : null,
                tool >= 0 ? Empty(row[tool].ToString()) : null,
                countryCode);
        }
    }

    private static string? Empty(string value)
    {
        var trimmed = value.Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }
}

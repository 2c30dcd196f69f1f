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
    private readonly VetInputLimits _limits;

    private SignInLogReader(string path, bool hasCountry, VetInputLimits limits)
    {
        Path = path;
        HasCountryColumn = hasCountry;
        _limits = limits;
    }

    public string Path { get; }

    /// <summary>The log has a <c>country</c> column; without it the geo indicators cannot run (no offline GeoIP in v1).</summary>
    public bool HasCountryColumn { get; }

    public int SkippedLines { get; private set; }

    public static SignInLogReader Open(string path, VetInputLimits? limits = null)
    {
        limits ??= new VetInputLimits();
        if (!File.Exists(path))
        {
            throw new InputException(path, null, "file not found");
        }
        using var reader = CsvInput.Open(path, limits, out var names);
        foreach (var required in new[] { "timestamp", "user_id", "ip" })
        {
            if (!names.Contains(required))
            {
                throw new InputException(path, 1, $"required column '{required}' is missing (expected timestamp,user_id,ip,user_agent,remote_tool[,country])");
            }
        }
        return new SignInLogReader(path, names.Contains("country"), limits);
    }

    /// <summary>Convenience: <see cref="Open"/> then <see cref="ReadAll"/>.</summary>
    public static IEnumerable<SignIn> Read(string path, bool skipMalformed = false) => Open(path).ReadAll(skipMalformed);

    public IEnumerable<SignIn> ReadAll(bool skipMalformed = false)
    {
        using var reader = CsvInput.Open(Path, _limits, out var names);
        int Index(string name) => Array.IndexOf(names, name);
        var (ts, user, ip, ua, tool, country) = (Index("timestamp"), Index("user_id"), Index("ip"), Index("user_agent"), Index("remote_tool"), Index("country"));
        var countryCache = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in reader)
        {
            long line = row.LineNumberFrom;
            if (row.ColCount != names.Length)
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
                throw new InputException(Path, line, $"{row.ColCount} fields, header has {names.Length}");
            }
            var tsSpan = row[ts].Span.Trim();
            if (!DateTimeOffset.TryParse(tsSpan, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var timestamp))
            {
                if (skipMalformed)
                {
                    SkippedLines++;
                    continue;
                }
                var shown = tsSpan.Length > 40 ? $"{tsSpan[..40]}…" : tsSpan.ToString();
                throw new InputException(Path, line, $"timestamp '{shown}' is not an ISO 8601 date-time");
            }
            IPAddress.TryParse(row[ip].Span.Trim(), out var address);
            string? countryCode = null;
            if (country >= 0)
            {
                var text = CsvInput.Field(Path, line, "country", row[country].Span.Trim(), _limits);
                if (text.Length > 0 && !countryCache.TryGetValue(text, out countryCode))
                {
                    countryCode = Countries.TryGetCode(text, out var c) ? c : null;
                    countryCache[text] = countryCode;
                }
            }
            yield return new SignIn(
                timestamp,
                CsvInput.Field(Path, line, "user_id", row[user].Span.Trim(), _limits),
                address,
                ua >= 0 ? Empty(CsvInput.Field(Path, line, "user_agent", row[ua].Span, _limits)) : null,
                tool >= 0 ? Empty(CsvInput.Field(Path, line, "remote_tool", row[tool].Span, _limits)) : null,
                countryCode);
        }
    }

    private static string? Empty(string value)
    {
        var trimmed = value.Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }
}

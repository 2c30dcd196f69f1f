using System.Text.Json;
using System.Text.Json.Serialization;
using Unmask.Domain;
using Unmask.WebsiteAnalysis.Sources;

namespace Unmask.Application.Lists;

/// <summary>One published list and the files that make it up, as its publisher serves them.</summary>
public sealed record ListSource(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("files")] IReadOnlyList<ListSourceFile> Files);

/// <param name="Url">Where the publisher serves the file (HTTPS; plain HTTP only to loopback or private test servers with --allow-private).</param>
/// <param name="File">Plain name to save it under (no folders); companions must keep the names their reader expects (add.csv, alt.csv ...).</param>
public sealed record ListSourceFile(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("file")] string File);

/// <param name="Timeout">Per-file download timeout.</param>
/// <param name="MaxBytes">Largest file accepted; a bigger download is aborted.</param>
public sealed record DownloadOptions(TimeSpan Timeout, long MaxBytes);

/// <summary>Downloads the official list files (for <c>lists update</c>) into a folder, with a timeout and a size cap, through a
/// <see cref="GuardedHttpClient"/> (HTTPS only, public addresses only unless private ones are allowed, every redirect checked).
/// Source and file names are plain names, so every download lands inside the folder and never replaces a file there.</summary>
public sealed class ListDownloader : IDisposable
{
    private readonly GuardedHttpClient _http;

    /// <param name="allowPrivate">Also reach loopback and private hosts (an intranet mirror, a test server), plain HTTP included.</param>
    /// <param name="resolve">Host name lookup; the system resolver by default.</param>
    public ListDownloader(bool allowPrivate = false, HostResolver? resolve = null) =>
        // The per-file timeout covers the whole body, so the client's own (headers only) is off.
        _http = new GuardedHttpClient(new GuardedHttpOptions(AllowPrivate: allowPrivate, HttpsOnly: true, Timeout: Timeout.InfiniteTimeSpan), resolve);

    /// <summary>The official download addresses known on 2026-11-25. Publishers move files; override with <c>--sources FILE</c>.</summary>
    public static IReadOnlyList<ListSource> Official { get; } =
    [
        new("us_ofac_sdn",
        [
            new("https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.CSV", "sdn.csv"),
            new("https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADD.CSV", "add.csv"),
            new("https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ALT.CSV", "alt.csv"),
            new("https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN_COMMENTS.CSV", "sdn_comments.csv"),
        ]),
        new("un_sc_sanctions", [new("https://scsanctions.un.org/resources/xml/en/consolidated.xml", "consolidated.xml")]),
        new("gb_fcdo_sanctions", [new("https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml", "UK-Sanctions-List.xml")]),
        new("eu_fsf", [new("https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw", "eu_fsf.xml")]),
    ];

    public static IReadOnlyList<ListSource> ReadSources(string path)
    {
        List<ListSource>? sources;
        try
        {
            using var stream = File.OpenRead(path);
            sources = JsonSerializer.Deserialize<List<ListSource>>(stream);
        }
        catch (JsonException error)
        {
            throw new InputException(path, error.LineNumber + 1, $"not a sources file ([{{\"name\": ..., \"files\": [{{\"url\": ..., \"file\": ...}}]}}]): {error.Message}");
        }
        if (sources is null || sources.Count == 0)
        {
            throw new InputException(path, null, "no sources in file");
        }
        for (var i = 0; i < sources.Count; i++)
        {
            if (Refusal(sources[i], sources.Take(i)) is { } reason)
            {
                throw new InputException(path, null, $"source {i + 1} ('{sources[i]?.Name}'): {reason}");
            }
        }
        return sources;
    }

    /// <summary>Null when <paramref name="source"/> can be downloaded safely after <paramref name="earlier"/>; else why not.</summary>
    private static string? Refusal(ListSource? source, IEnumerable<ListSource> earlier)
    {
        if (source is null)
        {
            return "is null";
        }
        if (PlainFileName.Refusal(source.Name) is { } badName)
        {
            return $"name is not a plain name: it {badName}";
        }
        if (earlier.Any(e => string.Equals(e.Name, source.Name, StringComparison.OrdinalIgnoreCase)))
        {
            return "name given twice";
        }
        if (source.Files is null || source.Files.Count == 0)
        {
            return "has no files";
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in source.Files)
        {
            if (file is null || string.IsNullOrWhiteSpace(file.Url))
            {
                return "a file has no url";
            }
            if (PlainFileName.Refusal(file.File) is { } badFile)
            {
                return $"file '{file.File}' is not a plain name: it {badFile}";
            }
            if (!seen.Add(file.File))
            {
                return $"file '{file.File}' given twice";
            }
        }
        return null;
    }

    /// <summary>Downloads every file of <paramref name="source"/> into a new folder named after it inside <paramref name="folder"/>;
    /// returns the primary file's path.</summary>
    public async Task<string> DownloadAsync(ListSource source, string folder, DownloadOptions options, CancellationToken cancellationToken)
    {
        if (Refusal(source, []) is { } reason)
        {
            throw new InputException(source.Name ?? "", null, reason);
        }
        var target = Path.Combine(folder, source.Name);
        // Never into a folder that already exists: a second source of that name, or something planted there.
        if (Directory.Exists(target) || File.Exists(target))
        {
            throw new InputException(source.Name, null, $"{target} already exists; downloads go to new folders only");
        }
        Directory.CreateDirectory(target);
        foreach (var file in source.Files)
        {
            await DownloadFileAsync(file, Path.Combine(target, file.File), options, cancellationToken);
        }
        return Path.Combine(target, source.Files[0].File);
    }

    private async Task DownloadFileAsync(ListSourceFile file, string target, DownloadOptions options, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(file.Url, UriKind.Absolute, out var uri))
        {
            throw new InputException(file.Url, null, "not an absolute URL");
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            using var fetched = await _http.GetAsync(uri, headers: headers => headers.UserAgent.ParseAdd("unmask-lists-update/1.0"), cancellationToken: timeout.Token);
            var response = fetched.Response;
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"{file.Url}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            if (response.Content.Headers.ContentLength > options.MaxBytes)
            {
                throw new InputException(file.Url, null, $"download is {response.Content.Headers.ContentLength:N0} bytes, over the cap of {options.MaxBytes:N0}");
            }
            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            await using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, timeout.Token)) > 0)
            {
                total += read;
                if (total > options.MaxBytes)
                {
                    throw new InputException(file.Url, null, $"download exceeded the cap of {options.MaxBytes:N0} bytes");
                }
                await output.WriteAsync(buffer.AsMemory(0, read), timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException($"{file.Url}: no complete answer within {options.Timeout.TotalSeconds:N0} s");
        }
    }

    public void Dispose() => _http.Dispose();
}

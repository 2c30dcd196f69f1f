using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Unmask.Domain;

namespace Unmask.Application.Lists;

/// <summary>One published list and the files that make it up, as its publisher serves them.</summary>
public sealed record ListSource(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("files")] IReadOnlyList<ListSourceFile> Files);

/// <param name="Url">Where the publisher serves the file (HTTPS; plain HTTP only for loopback test servers).</param>
/// <param name="File">Name to save it under; companions must keep the names their reader expects (add.csv, alt.csv ...).</param>
public sealed record ListSourceFile(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("file")] string File);

/// <param name="Timeout">Per-file download timeout.</param>
/// <param name="MaxBytes">Largest file accepted; a bigger download is aborted.</param>
public sealed record DownloadOptions(TimeSpan Timeout, long MaxBytes);

/// <summary>Downloads the official list files (for <c>lists update</c>) into a folder, with a timeout and a size cap.</summary>
public sealed class ListDownloader(HttpClient http)
{
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
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<List<ListSource>>(stream) ?? throw new InputException(path, null, "no sources in file");
        }
        catch (JsonException error)
        {
            throw new InputException(path, error.LineNumber + 1, $"not a sources file ([{{\"name\": ..., \"files\": [{{\"url\": ..., \"file\": ...}}]}}]): {error.Message}");
        }
    }

    /// <summary>Downloads every file of <paramref name="source"/> into <paramref name="folder"/>; returns the primary file's path.</summary>
    public async Task<string> DownloadAsync(ListSource source, string folder, DownloadOptions options, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        foreach (var file in source.Files)
        {
            await DownloadFileAsync(file, Path.Combine(folder, Path.GetFileName(file.File)), options, cancellationToken);
        }
        return Path.Combine(folder, Path.GetFileName(source.Files[0].File));
    }

    private async Task DownloadFileAsync(ListSourceFile file, string target, DownloadOptions options, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(file.Url, UriKind.Absolute, out var uri))
        {
            throw new InputException(file.Url, null, "not an absolute URL");
        }
        var loopback = uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip));
        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && loopback))
        {
            throw new InputException(file.Url, null, "lists are downloaded over HTTPS only");
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"{file.Url}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            if (response.Content.Headers.ContentLength > options.MaxBytes)
            {
                throw new InputException(file.Url, null, $"download is {response.Content.Headers.ContentLength:N0} bytes, over the cap of {options.MaxBytes:N0}");
            }
            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            await using var output = File.Create(target);
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
}

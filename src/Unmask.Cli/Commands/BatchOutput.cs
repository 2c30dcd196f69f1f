using System.Globalization;
using System.Text;
using System.Text.Json;
using Unmask.Application.Screening;
using Unmask.Screening;
using Unmask.Screening.Names;

namespace Unmask.Cli.Commands;

/// <summary>
/// Screening answers in one output format (jsonl, json, csv or html), written as they come. Every row says whether it was
/// screened, so that a row that could not be read never looks like a clean no-match: in JSON yente's <c>status</c> 200, or
/// 400 with the reason in <c>error</c>; in CSV <c>status</c> <c>ok</c> or <c>error</c>. For a single query
/// (<paramref name="single"/>) JSON is the plain response object.
/// </summary>
internal sealed class BatchOutput(TextWriter writer, string format, TimeProvider time, bool single = false)
{
    public const string CsvHeader = "id,name,match,score,entity_id,caption,datasets,status,error";

    private bool _first = true;

    public async Task StartAsync(string title)
    {
        switch (format)
        {
            case "csv":
                await writer.WriteLineAsync(CsvHeader);
                break;
            case "json" when !single:
                await writer.WriteLineAsync("[");
                break;
            case "html":
                ScreeningHtml.WriteStart(writer, title, time.GetUtcNow());
                break;
        }
    }

    public async Task WriteAsync(BatchAnswer answer)
    {
        var row = answer.Row;
        switch (format)
        {
            case "csv":
                var best = answer.Response?.Results.FirstOrDefault();
                await writer.WriteLineAsync(string.Join(',',
                    ListsCommands.Csv(row.Id), ListsCommands.Csv(Shown(row.Name)),
                    answer.Response is null ? "" : best?.Match == true ? "true" : "false",
                    best is null ? "" : best.Score.ToString("0.###", CultureInfo.InvariantCulture),
                    ListsCommands.Csv(best?.Id ?? ""), ListsCommands.Csv(best?.Caption ?? ""), ListsCommands.Csv(best is null ? "" : string.Join(';', best.Datasets)),
                    answer.Response is null ? "error" : "ok", ListsCommands.Csv(answer.Response is null ? ErrorOf(row) : "")));
                break;
            case "html":
                ScreeningHtml.WriteAnswer(writer, single ? null : row.Id, Shown(row.Name), answer.Response, answer.Response is null ? ErrorOf(row) : null);
                break;
            default:
                var json = Json(answer, indented: single && format == "json");
                await writer.WriteLineAsync(format == "json" && !_first ? "," + json : json);
                break;
        }
        _first = false;
    }

    public async Task EndAsync(long screened, long matched, long bad)
    {
        switch (format)
        {
            case "json" when !single:
                await writer.WriteLineAsync("]");
                break;
            case "html":
                ScreeningHtml.WriteEnd(writer, screened, matched, bad);
                break;
        }
    }

    private static string ErrorOf(BatchRow row) => $"line {row.Number}: {row.Error ?? "unreadable"}";

    /// <summary>A name as read, on one line and without control characters, for an output row.</summary>
    private static string Shown(string name) => TextNormalizer.WithoutHiddenCharacters(name);

    private static string Json(BatchAnswer answer, bool indented)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            if (answer.Response is not null)
            {
                ScreeningJson.Write(json, answer.Response);
            }
            else
            {
                ScreeningJson.WriteRefused(json, answer.Row.Id, new Dictionary<string, IReadOnlyList<string>> { ["name"] = [answer.Row.Name] }, ErrorOf(answer.Row));
            }
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}

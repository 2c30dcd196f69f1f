using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using Unmask.Application.Io;
using Unmask.Application.Screening;
using Unmask.Domain;
using Unmask.Screening;

namespace Unmask.Cli.Commands;

/// <summary><c>unmask screen NAME</c> and <c>unmask screen --input FILE</c> (CONTRACT.md).</summary>
public static class ScreenCommand
{
    public static Command Build(CliConsole console)
    {
        var name = new Argument<string?>("NAME") { Description = "Name, wallet address or domain to screen (omit with --input)", Arity = ArgumentArity.ZeroOrOne };
        var schema = new Option<string?>("--schema") { Description = "Person, Company, Organization, LegalEntity, Vessel, Airplane, CryptoWallet, Domain or Any (default)" };
        var birthDate = new Option<string?>("--birth-date") { Description = "YYYY, YYYY-MM or YYYY-MM-DD" };
        var country = new Option<string?>("--country") { Description = "Country or nationality (name or ISO code)" };
        var idNumber = new Option<string?>("--id-number") { Description = "Passport or national id number" };
        var threshold = new Option<double>("--threshold") { Description = "Score at or above which a result is a match", DefaultValueFactory = _ => 0.70 };
        var limit = new Option<int>("--limit") { Description = "Most results per query", DefaultValueFactory = _ => 5 };
        var algorithm = new Option<string>("--algorithm") { Description = "Scoring algorithm (unmask-v1)", DefaultValueFactory = _ => "unmask-v1" };
        var datasets = new Option<string[]>("--dataset") { Description = "Screen only against these datasets (repeatable)", AllowMultipleArgumentsPerToken = true };
        var input = new Option<string?>("--input") { Description = "Batch: a CSV (header row) or JSON lines file with id,name,schema,birth_date,country,id_number" };
        var output = new Option<string?>("--output") { Description = "Batch: write results here instead of stdout" };
        var skipBadRows = new Option<bool>("--skip-bad-rows") { Description = "Batch: report unreadable rows in the output and go on instead of stopping with exit 2" };
        var failOn = new Option<string?>("--fail-on") { Description = "Exit 1 when any result is a match ('match') or scores at least a number (e.g. 0.9)" };
        var command = new Command("screen", "Screen a person, company, wallet or domain (or a batch file) against the imported lists, with explained scores")
        {
            name, schema, birthDate, country, idNumber, threshold, limit, algorithm, datasets, input, output, skipBadRows, failOn,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var options = new ScreeningOptions(parsed.GetValue(threshold), parsed.GetValue(limit), parsed.GetValue(algorithm) ?? "unmask-v1",
                parsed.GetValue(datasets) is { Length: > 0 } d ? d : null);
            if (!Screener.Algorithms.Contains(options.Algorithm))
            {
                throw new InputException("--algorithm", null, $"unknown algorithm '{options.Algorithm}' (known: {string.Join(", ", Screener.Algorithms)})");
            }
            if (options.Threshold is < 0 or > 1 || options.Limit < 1)
            {
                throw new InputException("--threshold/--limit", null, "threshold must be in [0, 1] and limit at least 1");
            }
            var failRule = FailRule.Parse(parsed.GetValue(failOn));
            var inputFile = parsed.GetValue(input);
            var single = parsed.GetValue(name);
            if ((inputFile is null) == (single is null))
            {
                throw new InputException("screen", null, "give either a NAME or --input FILE");
            }
            await using var store = StoreLocator.Open(parsed.GetValue(GlobalOptions.Db), console.Time);
            var service = await ScreeningService.LoadAsync(store, cancellationToken);
            if (service.EntityCount == 0)
            {
                await console.Error.WriteLineAsync("warning: no lists imported; run 'unmask lists import PATH...' first (nothing can match)");
            }
            if (inputFile is null)
            {
                var (query, error) = ScreeningQueries.Build(null, single, parsed.GetValue(schema), parsed.GetValue(birthDate), parsed.GetValue(country), parsed.GetValue(idNumber));
                if (query is null)
                {
                    throw new InputException("NAME", null, error!);
                }
                var response = service.Screen(query, options);
                await WriteSingle(console, console.Format(parsed, "table", "json", "jsonl"), response);
                return failRule.Fails([response]) ? ExitCodes.Flagged : ExitCodes.Success;
            }
            return await RunBatch(console, service, inputFile, parsed.GetValue(output), parsed, options, parsed.GetValue(skipBadRows), failRule, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunBatch(CliConsole console, ScreeningService service, string inputFile, string? outputFile, ParseResult parsed,
        ScreeningOptions options, bool skipBadRows, FailRule failRule, CancellationToken cancellationToken)
    {
        if (!File.Exists(inputFile))
        {
            throw new InputException(inputFile, null, "no such file");
        }
        var asked = parsed.GetValue(GlobalOptions.Format);
        var format = asked is not null ? console.Format(parsed, "jsonl", "csv", "json")
            : outputFile?.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) == true ? "csv" : "jsonl";
        if (format == "csv")
        {
            // the CSV shape carries the best result per row only, so the rest need not be found and explained
            options = options with { Limit = 1 };
        }
        var rows = BatchInput.Read(inputFile, skipBadRows);
        var outputStream = outputFile is null ? null : new StreamWriter(outputFile, append: false, new UTF8Encoding(false));
        var writer = outputStream ?? console.Out;
        var watch = Stopwatch.StartNew();
        long count = 0, matches = 0, bad = 0;
        var flagged = false;
        try
        {
            if (format == "csv")
            {
                await writer.WriteLineAsync("id,name,match,score,entity_id,caption,datasets");
            }
            if (format == "json")
            {
                await writer.WriteLineAsync("[");
            }
            var lastReport = TimeSpan.Zero;
            await foreach (var answer in service.ScreenBatchAsync(rows, options, cancellationToken))
            {
                count++;
                if (answer.Response is null)
                {
                    bad++;
                }
                else
                {
                    if (answer.Response.Results.Any(r => r.Match))
                    {
                        matches++;
                    }
                    flagged |= failRule.Fails([answer.Response]);
                }
                await WriteBatchAnswer(writer, format, answer, count == 1);
                if (console.ErrorIsTerminal && watch.Elapsed - lastReport > TimeSpan.FromSeconds(1))
                {
                    lastReport = watch.Elapsed;
                    console.Error.Write($"\rscreened {count:N0} rows ({count / watch.Elapsed.TotalSeconds:N0}/s)   ");
                }
            }
            if (format == "json")
            {
                await writer.WriteLineAsync("]");
            }
        }
        finally
        {
            if (outputStream is not null)
            {
                await outputStream.DisposeAsync();
            }
        }
        await console.Error.WriteLineAsync(
            $"{(console.ErrorIsTerminal ? "\r" : "")}screened {count:N0} rows in {watch.Elapsed.TotalSeconds:F1} s against {service.EntityCount:N0} entities: {matches:N0} with a match{(bad > 0 ? $", {bad:N0} unreadable rows" : "")}");
        return flagged ? ExitCodes.Flagged : ExitCodes.Success;
    }

    private static async Task WriteBatchAnswer(TextWriter writer, string format, BatchAnswer answer, bool first)
    {
        if (format == "csv")
        {
            var best = answer.Response?.Results.FirstOrDefault();
            await writer.WriteLineAsync(string.Join(',',
                ListsCommands.Csv(answer.Row.Id), ListsCommands.Csv(answer.Row.Name),
                best?.Match == true ? "true" : "false",
                best is null ? "" : best.Score.ToString("0.###", CultureInfo.InvariantCulture),
                ListsCommands.Csv(best?.Id ?? ""), ListsCommands.Csv(best?.Caption ?? ""), ListsCommands.Csv(best is null ? "" : string.Join(';', best.Datasets))));
            return;
        }
        var json = Json(answer, indented: false);
        await writer.WriteLineAsync(format == "json" && !first ? "," + json : json);
    }

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
                json.WriteStartObject();
                json.WriteString("id", answer.Row.Id);
                json.WriteStartObject("query");
                json.WriteStartObject("properties");
                json.WriteStartArray("name");
                json.WriteStringValue(answer.Row.Name);
                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteStartArray("results");
                json.WriteEndArray();
                json.WriteString("error", $"row {answer.Row.Number}: {answer.Row.Error}");
                json.WriteEndObject();
            }
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static async Task WriteSingle(CliConsole console, string format, ScreeningResponse response)
    {
        if (format is "json" or "jsonl")
        {
            await console.Out.WriteLineAsync(Json(new BatchAnswer(new BatchRow(1, "", "", response.Query, null), response), indented: format == "json"));
            return;
        }
        if (response.Results.Count == 0)
        {
            await console.Out.WriteLineAsync("no candidates scored above the reporting floor");
            return;
        }
        var table = new Table().AddColumns("score", "match", "entity", "caption", "matched name", "datasets", "programs", "explanation");
        foreach (var r in response.Results)
        {
            table.AddRow(
                Markup.Escape(r.Score.ToString("0.00", CultureInfo.InvariantCulture)), r.Match ? "[bold red]yes[/]" : "no",
                Markup.Escape(r.Id), Markup.Escape(r.Caption), Markup.Escape(r.MatchedName), Markup.Escape(string.Join(", ", r.Datasets)),
                Markup.Escape(string.Join(", ", r.Programs)), Markup.Escape(string.Join("; ", r.Explanation)));
        }
        console.Tables.Write(table);
    }

    /// <summary>When <c>--fail-on</c> makes the command exit 1.</summary>
    private sealed record FailRule(double? MinimumScore, bool OnMatch)
    {
        public static FailRule Parse(string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return new FailRule(null, false);
            }
            if (text.Equals("match", StringComparison.OrdinalIgnoreCase))
            {
                return new FailRule(null, true);
            }
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var score) && score is >= 0 and <= 1
                ? new FailRule(score, false)
                : throw new InputException("--fail-on", null, $"'{text}' is neither 'match' nor a score between 0 and 1");
        }

        public bool Fails(IEnumerable<ScreeningResponse> responses) =>
            (OnMatch || MinimumScore is not null)
            && responses.Any(r => r.Results.Any(x => OnMatch ? x.Match : x.Score >= MinimumScore));
    }
}

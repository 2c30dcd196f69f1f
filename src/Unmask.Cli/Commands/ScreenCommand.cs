using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
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
            // a single query is checked before the lists are loaded, so that a mistyped option is reported at once
            var (query, error) = single is null ? (null, null)
                : ScreeningQueries.Build(null, single, parsed.GetValue(schema), parsed.GetValue(birthDate), parsed.GetValue(country), parsed.GetValue(idNumber));
            if (error is not null)
            {
                throw error.Column == "name" ? new InputException("screen", null, error.Reason) : new InputException(OptionOf(error.Column), null, error.Problem);
            }
            var format = single is null ? null : console.Format(parsed, "table", "json", "jsonl", "html");
            await using var store = StoreLocator.Open(parsed.GetValue(GlobalOptions.Db), console.Time);
            var service = await ScreeningService.LoadAsync(store, cancellationToken);
            if (service.EntityCount == 0)
            {
                await console.Error.WriteLineAsync("warning: no lists imported; run 'unmask lists import PATH...' first (nothing can match)");
            }
            if (query is not null)
            {
                var response = service.Screen(query, options);
                if (format == "table")
                {
                    WriteTable(console, response);
                }
                else
                {
                    var output = new BatchOutput(console.Out, format!, console.Time, single: true);
                    await output.StartAsync($"Screening: {Unmask.Screening.Names.TextNormalizer.WithoutHiddenCharacters(single!)}");
                    await output.WriteAsync(new BatchAnswer(new BatchRow(1, "", single!, query, null), response));
                    await output.EndAsync(1, response.Results.Any(r => r.Match) ? 1 : 0, 0);
                }
                return failRule.Fails([response]) ? ExitCodes.Flagged : ExitCodes.Success;
            }
            return await RunBatch(console, service, inputFile!, parsed.GetValue(output), parsed, options, parsed.GetValue(skipBadRows), failRule, cancellationToken);
        });
        return command;
    }

    /// <summary>The option a single query's faulty value came from, for the error message.</summary>
    private static string OptionOf(string column) => column switch
    {
        "schema" => "--schema",
        "birth_date" => "--birth-date",
        "country" => "--country",
        "id_number" => "--id-number",
        _ => column,
    };

    private static async Task<int> RunBatch(CliConsole console, ScreeningService service, string inputFile, string? outputFile, ParseResult parsed,
        ScreeningOptions options, bool skipBadRows, FailRule failRule, CancellationToken cancellationToken)
    {
        if (!File.Exists(inputFile))
        {
            throw new InputException(inputFile, null, "no such file");
        }
        var asked = parsed.GetValue(GlobalOptions.Format);
        var format = asked is not null ? console.Format(parsed, "jsonl", "csv", "json", "html")
            : Path.GetExtension(outputFile ?? "").ToLowerInvariant() switch { ".csv" => "csv", ".html" or ".htm" => "html", _ => "jsonl" };
        if (format == "csv")
        {
            // the CSV shape carries the best result per row only, so the rest need not be found and explained
            options = options with { Limit = 1 };
        }
        var rows = BatchInput.Read(inputFile, skipBadRows);
        await using var file = outputFile is null ? null : AtomicFile.Create(outputFile);
        var output = new BatchOutput(file?.Text ?? console.Out, format, console.Time);
        var watch = Stopwatch.StartNew();
        long count = 0, matches = 0, bad = 0;
        var flagged = false;
        await output.StartAsync($"Screening: {Path.GetFileName(inputFile)}");
        var lastReport = TimeSpan.Zero;
        await foreach (var answer in service.ScreenBatchAsync(rows, options, cancellationToken))
        {
            count++;
            if (answer.Response is null)
            {
                if (!skipBadRows)
                {
                    throw new InputException(inputFile, answer.Row.Number, answer.Row.Error + " (use --skip-bad-rows to report such rows and go on)");
                }
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
            await output.WriteAsync(answer);
            if (console.ErrorIsTerminal && watch.Elapsed - lastReport > TimeSpan.FromSeconds(1))
            {
                lastReport = watch.Elapsed;
                console.Error.Write($"\rscreened {count:N0} rows ({count / watch.Elapsed.TotalSeconds:N0}/s)   ");
            }
        }
        await output.EndAsync(count - bad, matches, bad);
        if (file is not null)
        {
            await file.CommitAsync(cancellationToken);
        }
        else
        {
            await console.Out.FlushAsync(cancellationToken);
        }
        await console.Error.WriteLineAsync(
            $"{(console.ErrorIsTerminal ? "\r" : "")}read {count:N0} rows in {watch.Elapsed.TotalSeconds:F1} s against {service.EntityCount:N0} entities: "
            + $"{count - bad:N0} screened, {matches:N0} with a match, {bad:N0} bad rows{(bad > 0 ? $" (not screened; marked {format switch { "csv" => "status=error", "html" => "'not screened'", _ => "status 400" }} in the output)" : "")}"
            + (file is null ? "" : $"; written to {file.Path}"));
        return flagged ? ExitCodes.Flagged : ExitCodes.Success;
    }

    private static void WriteTable(CliConsole console, ScreeningResponse response)
    {
        if (response.Results.Count == 0)
        {
            console.Out.WriteLine("no candidates scored above the reporting floor");
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
        var shown = response.Results.Count(r => r.Match);
        if (response.Total.Value > shown)
        {
            console.Out.WriteLine($"{response.Total.Value}{(response.Total.Exact ? "" : " or more")} entities match in all; {shown} shown (raise --limit to see more)");
        }
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

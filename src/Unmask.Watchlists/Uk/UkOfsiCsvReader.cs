using System.Runtime.CompilerServices;
using Unmask.Domain;
using Unmask.Watchlists.Io;

namespace Unmask.Watchlists.Uk;

/// <summary>
/// OFSI's Consolidated List of Financial Sanctions Targets as CSV: the older 29-column <c>sanctionsconlist.csv</c>
/// (HM Treasury 2014, OFSI 2018; Windows-1252) and the 36-column 2022-format <c>ConList.csv</c>. Line 1 is
/// <c>Last Updated,DD/MM/YYYY</c> (padded with commas in 2018, two fields in 2014), line 2 the header, then one row per
/// name variant, folded into one target per <c>Group ID</c> (see <see cref="OfsiTargets"/>).
/// </summary>
public sealed class UkOfsiCsvReader : IListReader
{
    public const string DefaultDataset = UkOfsiXlsxReader.DefaultDataset;

    public ListFormat Format => ListFormat.UkOfsiCsv;

    public bool Sniff(ReadOnlySpan<byte> head)
    {
        var text = Sniffing.Text(head);
        var lineEnd = text.IndexOfAny(['\r', '\n']);
        var firstLine = lineEnd < 0 ? text : text[..lineEnd];
        var startsRight = firstLine.StartsWith("Last Updated,", StringComparison.OrdinalIgnoreCase)
            || firstLine.StartsWith("Name 6,", StringComparison.OrdinalIgnoreCase);
        return startsRight && text.Contains("Name 6,", StringComparison.OrdinalIgnoreCase)
            && text.Contains("Group ID", StringComparison.OrdinalIgnoreCase);
    }

    public async IAsyncEnumerable<Entity> ReadAsync(ListInput input, ReadContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var dataset = context.DatasetName(DefaultDataset);
        await using var stream = new TextGuardStream(input.Open(), input.Name, input.Limits);
        var records = new CsvRecordReader(stream, input.Name, input.Limits);
        var targets = new OfsiTargets(dataset, input.Name);
        OfsiLayout? layout = null;
        DateOnly? publishedOn = null;
        var first = true;
        while (await records.ReadAsync(cancellationToken) is { } record)
        {
            var (fields, line) = record;
            if (first)
            {
                first = false;
                publishedOn = OfsiLayout.PublishedOn(fields, input.Name);
                if (publishedOn is not null || fields[0].Trim().Equals("Last Updated", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
            }
            if (layout is null)
            {
                layout = OfsiLayout.Parse(fields, input.Name, line);
                continue;
            }
            // The header may carry trailing empty columns; data rows must have exactly the header's field count.
            if (fields.Count != layout.FieldCount && !(fields.Count > layout.FieldCount && fields.Skip(layout.FieldCount).All(f => f.Length == 0)))
            {
                throw new InputException(input.Name, line, $"expected {layout.FieldCount} fields, found {fields.Count}");
            }
            targets.Add(layout, fields, line);
        }
        if (layout is null)
        {
            throw new InputException(input.Name, null, first ? "empty file" : "no header row: not an OFSI consolidated list");
        }
        context.Dataset = new Dataset(dataset, "UK OFSI Consolidated List of Financial Sanctions Targets", "HM Treasury OFSI",
            publishedOn, DatasetKind.Sanctions);
        targets.ReportWarnings(context);
        foreach (var entity in targets.Entities)
        {
            yield return entity;
        }
    }
}

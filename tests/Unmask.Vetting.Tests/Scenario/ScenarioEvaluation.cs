using Unmask.Vetting.Input;
using Unmask.Vetting.Model;
using Unmask.Vetting.Reference;
using Unmask.Vetting.Scoring;

namespace Unmask.Vetting.Tests.Scenario;

/// <summary>Per-code recall, precision at level ≥ medium, and benign flag rate by name origin for one scenario run.</summary>
public sealed record ScenarioMetrics(
    IReadOnlyDictionary<string, (int Planted, int Found)> RecallByCode,
    int PlantedRecords,
    int PlantedFlagged,
    int BenignRecords,
    int BenignFlagged,
    IReadOnlyDictionary<string, (int Total, int Flagged)> BenignByOrigin,
    IReadOnlyList<string> BenignFlaggedExamples,
    IReadOnlyList<string> PlantedMissedExamples)
{
    public double PlantedFlaggedRate => PlantedRecords == 0 ? 0 : (double)PlantedFlagged / PlantedRecords;
    public double BenignFlagRate => BenignRecords == 0 ? 0 : (double)BenignFlagged / BenignRecords;
    public double PrecisionAtMedium => PlantedFlagged + BenignFlagged == 0 ? 0 : (double)PlantedFlagged / (PlantedFlagged + BenignFlagged);

    public string Report() =>
        $"planted flagged ≥ medium: {PlantedFlagged}/{PlantedRecords} ({PlantedFlaggedRate:P1}); precision at ≥ medium: {PrecisionAtMedium:P1}; "
        + $"benign flagged: {BenignFlagged}/{BenignRecords} ({BenignFlagRate:P2})\n"
        + "recall by code: " + string.Join(", ", RecallByCode.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value.Found}/{c.Value.Planted}")) + "\n"
        + "benign flag rate by origin: " + string.Join(", ", BenignByOrigin.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value.Flagged}/{o.Value.Total}"))
        + (BenignFlaggedExamples.Count > 0 ? "\nbenign flagged examples: " + string.Join(" | ", BenignFlaggedExamples.Take(8)) : "")
        + (PlantedMissedExamples.Count > 0 ? "\nplanted below medium: " + string.Join(" | ", PlantedMissedExamples.Take(12)) : "");
}

/// <summary>Runs a generated scenario end to end: writes the CSV files, reads them back with the readers, vets, and measures.</summary>
public static class ScenarioEvaluation
{
    public static (VetRun Run, ScenarioMetrics Metrics) Evaluate(Scenario scenario, string folder, TimeProvider time)
    {
        var (recordsPath, signInsPath) = scenario.WriteTo(folder);
        var batch = VetRecordReader.Read(recordsPath);
        var log = SignInLogReader.Open(signInsPath);
        var context = new VettingContext(
            VettingReferenceData.FromEntities(scenario.ListEntities), scenario.Options, time,
            new ScenarioSanctionsScreen(scenario.SanctionsByName), new ScenarioSiteCheck(scenario.SitesBySnapshot), scenario.ReferenceDomains);
        var run = Vetter.Run(batch.Records, log.ReadAll(), context, batch.Columns, log.HasCountryColumn);
        return (run, Measure(scenario, run.Results));
    }

    public static ScenarioMetrics Measure(Scenario scenario, IReadOnlyList<VetResult> results)
    {
        var byId = results.ToDictionary(r => r.Id);
        var recall = new Dictionary<string, (int, int)>();
        int planted = 0, plantedFlagged = 0, benign = 0, benignFlagged = 0;
        var byOrigin = new Dictionary<string, (int, int)>();
        var examples = new List<string>();
        var missed = new List<string>();
        foreach (var record in scenario.Records)
        {
            var result = byId[record.Id];
            var flagged = result.Level >= RiskLevel.Medium;
            if (record.IsPlanted)
            {
                planted++;
                plantedFlagged += flagged ? 1 : 0;
                if (!flagged)
                {
                    missed.Add($"{record.Id} planted {string.Join("+", record.Planted)}: {result.Level} {result.Risk} {string.Join("+", result.Findings.Select(x => x.Code))}");
                }
                foreach (var code in record.Planted)
                {
                    var (p, f) = recall.GetValueOrDefault(code);
                    recall[code] = (p + 1, f + (result.Findings.Any(x => x.Code == code) ? 1 : 0));
                }
            }
            else
            {
                benign++;
                benignFlagged += flagged ? 1 : 0;
                var (t, fl) = byOrigin.GetValueOrDefault(record.Origin);
                byOrigin[record.Origin] = (t + 1, fl + (flagged ? 1 : 0));
                if (flagged)
                {
                    examples.Add($"{record.Id} {result.Level} {string.Join("+", result.Findings.Select(x => x.Code))}");
                }
            }
        }
        return new ScenarioMetrics(recall, planted, plantedFlagged, benign, benignFlagged, byOrigin, examples, missed);
    }
}

using System.Globalization;

namespace Unmask.LinkGraph.Export;

/// <summary>
/// A case as FtM Notes (Note.yaml: "an annotation that applies to a document or entity", <c>entity</c> ranging over
/// every Thing). FtM has no case, decision or audit schema, so each is a Note whose <c>entity</c> names what it is
/// about: the case Note names its members; each decision, finding and audit entry names the case Note (and a finding
/// its member too). Who and when go where FtM has a place: <c>publisher</c> (analyst, actor, indicator source),
/// <c>createdAt</c> (time), <c>keywords</c> (status, decision, finding code, audit action); the rest is text in
/// <c>summary</c> and <c>description</c> (reason, evidence, details, the audit entry's sequence and hash).
/// </summary>
internal static class FtmCases
{
    public static void Add(FtmDocument document, CaseExport @case, Func<string, string> ftmIdOfNode)
    {
        var caseNote = Note(Domain.FtmIds.Of("case", @case.Id), $"Case {@case.Id}: {@case.Subject}", @case.OpenedAt, @case.OpenedBy);
        caseNote.Add("summary", $"Status {@case.Status}; opened by {@case.OpenedBy} on {FtmValues.Time(@case.OpenedAt)}; {@case.Members.Count} members")
            .Add("description", @case.Subject).Add("keywords", "case").Add("keywords", @case.Status);
        foreach (var member in @case.Members.Order(StringComparer.Ordinal))
        {
            caseNote.Add("entity", ftmIdOfNode(member));
        }
        document.Add(caseNote);
        for (var i = 0; i < @case.Decisions.Count; i++)
        {
            var decision = @case.Decisions[i];
            var note = Note(Domain.FtmIds.Of("decision", FtmExport.Hash($"{@case.Id}|{i}|{decision.Decision}|{decision.At:O}")),
                $"Case {@case.Id} decision: {decision.Decision}", decision.At, decision.By);
            note.Add("summary", decision.Reason).Add("description", $"{decision.Decision} by {decision.By} on {FtmValues.Time(decision.At)}: {decision.Reason}")
                .Add("keywords", "decision").Add("keywords", decision.Decision).Add("entity", caseNote.Id);
            document.Add(note);
        }
        foreach (var finding in @case.Findings)
        {
            var data = string.Join("; ", finding.Data.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}={d.Value}"));
            var note = Note(Domain.FtmIds.Of("finding", FtmExport.Hash($"{@case.Id}|{finding.Subject}|{finding.Code}|{finding.Evidence}")),
                $"{finding.Code} ({finding.Severity})", null, finding.Source);
            note.Add("summary", finding.Evidence).Add("description", data.Length == 0 ? finding.Evidence : $"{finding.Evidence} [{data}]")
                .Add("keywords", "finding").Add("keywords", finding.Code).Add("keywords", finding.Severity)
                .Add("entity", ftmIdOfNode(finding.Subject)).Add("entity", caseNote.Id);
            document.Add(note);
        }
        foreach (var entry in @case.Audit)
        {
            var sequence = entry.Sequence.ToString(CultureInfo.InvariantCulture);
            var note = Note(Domain.FtmIds.Of("audit", FtmExport.Hash($"{@case.Id}|{sequence}")), $"Audit {sequence}: {entry.Action}", entry.At, entry.Actor);
            note.Add("summary", $"{entry.Action} by {entry.Actor}")
                .Add("description", $"{entry.Details} (audit sequence {sequence}, hash {entry.Hash})")
                .Add("keywords", "audit").Add("keywords", entry.Action).Add("entity", caseNote.Id);
            document.Add(note);
        }
    }

    private static FtmEntity Note(string id, string name, DateTimeOffset? at, string? publisher)
    {
        var note = new FtmEntity(id, "Note") { Caption = name };
        note.Add("name", name).Add("publisher", publisher);
        if (at is { } time)
        {
            note.Add("createdAt", FtmValues.Time(time));
        }
        return note;
    }
}

using System.Text.Json;

namespace Unmask.WebsiteAnalysis.Reports;

/// <summary>Writes a <see cref="SiteReport"/> as the <c>site analyze --format json</c> object of CONTRACT.md (v1), with extra
/// fields (<c>suspect_share</c>, <c>copied_words</c>, <c>template_similarity</c>, <c>same_site_evidence</c>, substitution
/// <c>type</c>, passage <c>reference_text</c>, <c>fingerprints.messengers</c>, <c>warnings</c>) that the contract allows.</summary>
public static class SiteReportJson
{
    /// <summary>Where the analysed site came from and what its pages claim: <c>source</c>, <c>role</c>, <c>declared</c>.</summary>
    private static void WriteIdentity(Utf8JsonWriter w, SiteReport report)
    {
        if (report.Source is not null)
        {
            w.WriteString("source", report.Source);
        }
        if (report.Role is not null)
        {
            w.WriteString("role", report.Role);
        }
        if (report.Declared is not null)
        {
            WriteStrings(w, "declared", report.Declared);
        }
    }

    public static void Write(Utf8JsonWriter w, SiteReport report)
    {
        w.WriteStartObject();
        w.WriteString("target", report.Target);
        w.WriteNumber("pages", report.Pages);
        WriteIdentity(w, report);
        w.WriteStartArray("clones");
        foreach (var clone in report.Clones)
        {
            w.WriteStartObject();
            w.WriteString("reference", clone.Reference);
            w.WriteString("relation", clone.Relation);
            w.WriteNumber("similarity", clone.Similarity);
            w.WriteNumber("copied_fraction", clone.CopiedFraction);
            w.WriteNumber("suspect_share", clone.SuspectShare);
            w.WriteNumber("copied_words", clone.CopiedWords);
            w.WriteNumber("template_similarity", clone.TemplateSimilarity);
            w.WriteStartArray("brand_substitutions");
            foreach (var s in clone.BrandSubstitutions)
            {
                w.WriteStartObject();
                w.WriteString("original", s.Original);
                w.WriteString("replacement", s.Replacement);
                w.WriteNumber("count", s.Count);
                w.WriteString("type", s.Type);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("passages");
            foreach (var p in clone.Passages)
            {
                w.WriteStartObject();
                w.WriteString("target_page", p.TargetPage);
                w.WriteString("reference_page", p.ReferencePage);
                w.WriteString("text", p.Text);
                w.WriteString("reference_text", p.ReferenceText);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            WriteStrings(w, "same_site_evidence", clone.SameSiteEvidence);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("fingerprints");
        WriteStrings(w, "trackers", report.Fingerprints.Trackers);
        w.WriteStartArray("favicon_mmh3");
        foreach (var hash in report.Fingerprints.FaviconMmh3)
        {
            w.WriteNumberValue(hash);
        }
        w.WriteEndArray();
        WriteStrings(w, "emails", report.Fingerprints.Emails);
        WriteStrings(w, "phones", report.Fingerprints.Phones);
        WriteStrings(w, "addresses", report.Fingerprints.Addresses);
        WriteStrings(w, "messengers", report.Fingerprints.Messengers);
        w.WriteString("template", report.Fingerprints.Template);
        w.WriteEndObject();
        w.WriteStartArray("pivots");
        foreach (var pivot in report.Pivots)
        {
            w.WriteStartObject();
            w.WriteString("site", pivot.Site);
            WriteStrings(w, "shared", pivot.Shared);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("findings");
        foreach (var finding in report.Findings)
        {
            w.WriteStartObject();
            w.WriteString("code", finding.Code);
            w.WriteString("severity", finding.Severity);
            w.WriteString("evidence", finding.Evidence);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        WriteStrings(w, "warnings", report.Warnings);
        w.WriteEndObject();
    }

    public static string ToJson(SiteReport report, bool indented = false)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer, report);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }
        w.WriteEndArray();
    }
}

using System.Text.Json;

namespace Unmask.WebsiteAnalysis.Reports;

/// <summary>Writes a <see cref="SiteReport"/> as the <c>site analyze --format json</c> object of CONTRACT.md (v1), with extra
/// fields (<c>suspect_share</c>, <c>copied_words</c>, <c>template_similarity</c>, <c>same_site_evidence</c>, substitution
/// <c>type</c>, passage <c>reference_text</c>, clone <c>copied_artefacts</c> and <c>page_map</c>, pivot <c>operator</c> and
/// <c>values</c>, <c>fingerprints.messengers</c>, <c>warnings</c>) that the contract allows.</summary>
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
            WriteSubstitutions(w, clone.BrandSubstitutions);
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
            WriteCopiedArtefacts(w, clone.CopiedArtefacts);
            WritePageMap(w, clone.PageMap);
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
            WritePivotWeights(w, pivot);
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

    /// <summary><c>brand_substitutions</c>: CONTRACT.md's original, replacement, count and type, then where the swap was seen
    /// (<c>target_page</c>, <c>reference_page</c>, <c>where</c>, <c>context</c>, <c>reference_context</c>; null when unknown).</summary>
    private static void WriteSubstitutions(Utf8JsonWriter w, IReadOnlyList<BrandSubstitution> substitutions)
    {
        w.WriteStartArray("brand_substitutions");
        foreach (var s in substitutions)
        {
            w.WriteStartObject();
            w.WriteString("original", s.Original);
            w.WriteString("replacement", s.Replacement);
            w.WriteNumber("count", s.Count);
            w.WriteString("type", s.Type);
            w.WriteString("target_page", s.TargetPage);
            w.WriteString("reference_page", s.ReferencePage);
            w.WriteString("where", s.Where);
            w.WriteString("context", s.Context);
            w.WriteString("reference_context", s.ReferenceContext);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary><c>copied_artefacts</c>: resource files of the reference byte-identical in the target.</summary>
    private static void WriteCopiedArtefacts(Utf8JsonWriter w, IReadOnlyList<CopiedArtefact> artefacts)
    {
        w.WriteStartArray("copied_artefacts");
        foreach (var a in artefacts)
        {
            w.WriteStartObject();
            w.WriteString("kind", a.Kind);
            w.WriteString("target_path", a.TargetPath);
            w.WriteString("reference_path", a.ReferencePath);
            w.WriteString("sha256", a.Sha256);
            w.WriteNumber("shared_by_sites", a.SharedBySites);
            w.WriteBoolean("common", a.Common);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary><c>page_map</c>: each target page that copied text and the reference page it came from.</summary>
    private static void WritePageMap(Utf8JsonWriter w, IReadOnlyList<PageSource> map)
    {
        w.WriteStartArray("page_map");
        foreach (var m in map)
        {
            w.WriteStartObject();
            w.WriteString("target_page", m.TargetPage);
            w.WriteString("reference_page", m.ReferencePage);
            w.WriteNumber("copied_words", m.CopiedWords);
            w.WriteNumber("share", m.Share);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>A pivot's <c>operator</c> verdict and its <c>values</c> with how many indexed sites carry each and its weight.</summary>
    private static void WritePivotWeights(Utf8JsonWriter w, Pivot pivot)
    {
        w.WriteBoolean("operator", pivot.Operator);
        w.WriteStartArray("values");
        foreach (var v in pivot.Values)
        {
            w.WriteStartObject();
            w.WriteString("value", v.Value);
            w.WriteNumber("sites", v.Sites);
            w.WriteNumber("weight", v.Weight);
            w.WriteEndObject();
        }
        w.WriteEndArray();
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

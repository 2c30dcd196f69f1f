using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using PageSize = UglyToad.PdfPig.Content.PageSize;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;
using Unmask.TestKit;
using Unmask.Vetting.Input;

namespace Unmask.Vetting.Tests.Input;

/// <summary>Résumé files in PDF and .docx, written at test time with fictional text.</summary>
public sealed class ResumeFilesTests
{
    /// <summary>A fictional 48-word template blurb (the kind of text RESUME_TEXT_REUSED looks for).</summary>
    private const string Template =
        "Experienced remote software developer with deep knowledge of distributed ledgers web platforms and mobile applications "
        + "delivering secure scalable products for startups and enterprises across many industries while keeping clear communication "
        + "flexible hours strong ownership and a friendly attitude toward every long term client relationship";

    private static void WritePdf(string path, params string[] lines)
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(PageSize.A4);
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var y = 780.0;
        foreach (var line in lines)
        {
            page.AddText(line, 10, new PdfPoint(40, y), font);
            y -= 14;
        }
        File.WriteAllBytes(path, builder.Build());
    }

    private static void WriteDocx(string path, params string[] paragraphs)
    {
        using var document = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document);
        var main = document.AddMainDocumentPart();
        main.Document = new Document(new Body(paragraphs.Select(p => (OpenXmlElement)new Paragraph(new Run(new Text(p))))));
        main.Document.Save();
    }

    /// <summary>Splits the template into PDF lines of eight words (a real résumé wraps lines).</summary>
    private static string[] Lines(string text) =>
        text.Split(' ').Chunk(8).Select(words => string.Join(' ', words)).ToArray();

    [Fact]
    public void Pdf_and_docx_text_is_extracted_in_reading_order()
    {
        using var folder = new TempFolder();
        var pdf = Path.Combine(folder.Path, "cv.pdf");
        var docx = Path.Combine(folder.Path, "cv.docx");
        WritePdf(pdf, ["Alex Example", .. Lines(Template)]);
        WriteDocx(docx, "Robin Sample", Template);
        var limits = new VetInputLimits();

        var pdfText = ResumeFiles.ReadText(pdf, limits, out var pdfProblem);
        pdfProblem.ShouldBeNull();
        Normalisation.TextFold.Fold(pdfText).ShouldBe(Normalisation.TextFold.Fold("Alex Example " + Template));

        var docxText = ResumeFiles.ReadText(docx, limits, out var docxProblem);
        docxProblem.ShouldBeNull();
        Normalisation.TextFold.Fold(docxText).ShouldBe(Normalisation.TextFold.Fold("Robin Sample " + Template));
    }

    [Fact]
    public void A_template_passage_in_a_pdf_and_a_docx_resume_of_different_people_is_reused_text()
    {
        using var folder = new TempFolder();
        WritePdf(Path.Combine(folder.Path, "a.pdf"), ["Alex Example", .. Lines(Template)]);
        WriteDocx(Path.Combine(folder.Path, "b.docx"), "Robin Sample", "Summary", Template, "References on request");
        WriteDocx(Path.Combine(folder.Path, "c.docx"), "Kim Other", "Backend engineer who maintains billing systems and writes careful tests for payment flows at a mid sized retailer");
        var input = folder.Write("in.csv", "id,kind,name,resume_text_path\nA-1,applicant,Alex Example,a.pdf\nA-2,applicant,Robin Sample,b.docx\nA-3,applicant,Kim Other,c.docx\n");

        var batch = VetRecordReader.Read(input);
        batch.Records.ShouldAllBe(r => r.Issues.Count == 0);
        var results = Vetter.Vet(batch.Records, null, Some.Context().Build());

        results[0].Findings.ShouldContain(f => f.Code == FindingCodes.ResumeTextReused && f.Evidence.Contains("A-2"));
        results[1].Findings.ShouldContain(f => f.Code == FindingCodes.ResumeTextReused && f.Evidence.Contains("A-1"));
        results[2].Findings.ShouldNotContain(f => f.Code == FindingCodes.ResumeTextReused);
    }

    [Fact]
    public void Text_is_capped_and_pdf_pages_beyond_the_limit_are_not_read()
    {
        using var folder = new TempFolder();
        var pdf = Path.Combine(folder.Path, "long.pdf");
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        for (var i = 1; i <= 3; i++)
        {
            builder.AddPage(PageSize.A4).AddText($"page{i} words here", 10, new PdfPoint(40, 780), font);
        }
        File.WriteAllBytes(pdf, builder.Build());

        var text = ResumeFiles.ReadText(pdf, new VetInputLimits(MaxPdfPages: 2), out _) ?? "";
        text.ShouldContain("page2");
        text.ShouldNotContain("page3");
        ResumeFiles.ReadText(pdf, new VetInputLimits(MaxResumeChars: 5), out _)!.Length.ShouldBe(5);
    }

    [Fact]
    public void Zip_bombs_corrupt_files_and_unsupported_formats_are_issues_not_crashes()
    {
        using var folder = new TempFolder();
        var bomb = Path.Combine(folder.Path, "bomb.docx");
        WriteDocx(bomb, "Robin Sample", new string('a', 300_000));
        ResumeFiles.ReadText(bomb, new VetInputLimits(MaxDocxBytes: 100_000), out var bombProblem).ShouldBeNull();
        bombProblem!.ShouldContain("refused");

        folder.Write("broken.pdf", "%PDF-1.7 this is not really a pdf");
        folder.Write("broken.docx", "not a zip archive");
        folder.Write("old.doc", "binary word file");
        var input = folder.Write("in.csv", "id,kind,name,resume_text_path\nA-1,applicant,Alex Example,broken.pdf\nA-2,applicant,Robin Sample,broken.docx\nA-3,applicant,Kim Other,old.doc\n");
        var batch = VetRecordReader.Read(input);
        batch.Records.ShouldAllBe(r => r.ResumeText == null && r.Issues.Any(i => i.Field == "resume_text_path"));
        batch.Records[2].Issues.Single().Reason.ShouldContain("not read");
    }

    [Fact]
    public void A_docx_with_an_entry_named_outside_or_too_many_entries_is_refused()
    {
        using var folder = new TempFolder();
        var outside = Path.Combine(folder.Path, "outside.docx");
        WriteDocx(outside, "Robin Sample");
        using (var zip = ZipFile.Open(outside, ZipArchiveMode.Update))
        {
            using var writer = new StreamWriter(zip.CreateEntry("../../evil.xml").Open());
            writer.Write("<x/>");
        }
        ResumeFiles.ReadText(outside, new VetInputLimits(), out var outsideProblem).ShouldBeNull();
        outsideProblem!.ShouldContain("'../../evil.xml' names a path outside");

        var many = Path.Combine(folder.Path, "many.docx");
        WriteDocx(many, "Robin Sample");
        using (var zip = ZipFile.Open(many, ZipArchiveMode.Update))
        {
            for (var i = 0; i < 50; i++)
            {
                zip.CreateEntry($"customXml/item{i}.xml");
            }
        }
        ResumeFiles.ReadText(many, new VetInputLimits(MaxDocxEntries: 40), out var manyProblem).ShouldBeNull();
        manyProblem!.ShouldContain("entries");
        ResumeFiles.ReadText(many, new VetInputLimits(), out _)!.ShouldContain("Robin Sample");
    }

    [Fact]
    public void A_pdf_whose_streams_inflate_past_the_limit_is_refused_before_it_is_parsed()
    {
        using var folder = new TempFolder();
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 64; i++)
            {
                zlib.Write(zeros);
            }
        }
        var pdf = Path.Combine(folder.Path, "bomb.pdf");
        using (var file = File.Create(pdf))
        {
            file.Write(System.Text.Encoding.ASCII.GetBytes($"%PDF-1.7\n4 0 obj\n<< /Length {compressed.Length} /Filter /FlateDecode >>\nstream\n"));
            file.Write(compressed.ToArray());
            file.Write("\nendstream\nendobj\n%%EOF\n"u8);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        ResumeFiles.ReadText(pdf, new VetInputLimits(MaxPdfInflatedBytes: 8 * 1024 * 1024), out var problem).ShouldBeNull();

        problem!.ShouldContain("inflate to more than 8 MB");
        (GC.GetAllocatedBytesForCurrentThread() - allocated).ShouldBeLessThan(16L * 1024 * 1024);
        ResumeFiles.PdfInflatedBytes(File.ReadAllBytes(pdf), long.MaxValue).ShouldBe(64L * 1024 * 1024);
    }
}

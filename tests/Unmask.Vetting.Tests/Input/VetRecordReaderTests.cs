using Unmask.Domain;
using Unmask.TestKit;
using Unmask.Vetting.Input;

namespace Unmask.Vetting.Tests.Input;

public sealed class VetRecordReaderTests
{
    [Fact]
    public void Excel_csv_with_bom_semicolons_and_quotes_is_read_and_unknown_columns_ignored()
    {
        var batch = VetRecordReader.Read(RepoPaths.Fixture("vetting", "excel-semicolon.csv"));
        batch.Records.Count.ShouldBe(2);
        var jane = batch.Records[0];
        jane.Id.ShouldBe("A-1");
        jane.Name.ShouldBe("Doe; Jane");
        jane.Phone!.E164.ShouldBe("+13125550123");
        jane.Employers.Select(e => e.Name).ShouldBe(["Contoso \"Intl\" Ltd", "Fabrikam"]);
        jane.Issues.ShouldBeEmpty();
        batch.Columns.ShouldContain("employers");
        batch.Columns.ShouldNotContain("unknown_col");
    }

    [Fact]
    public void Malformed_values_become_input_invalid_findings_not_crashes()
    {
        var batch = VetRecordReader.Read(RepoPaths.Fixture("vetting", "excel-semicolon.csv"));
        var li = batch.Records[1];
        li.Issues.Select(i => i.Field).ShouldBe(["email", "phone", "applied_on"], ignoreOrder: true);
        var result = Vetter.Vet(batch.Records, null, Some.Context().Build())[1];
        result.Findings.Select(f => f.Code).ShouldBe(["INPUT_INVALID_APPLIED_ON", "INPUT_INVALID_EMAIL", "INPUT_INVALID_PHONE"], ignoreOrder: true);
        result.Findings.ShouldAllBe(f => f.Severity == Severity.Info);
        result.Risk.ShouldBe(0);
    }

    [Fact]
    public void A_row_with_the_wrong_field_count_names_the_line_unless_skipping()
    {
        var path = RepoPaths.Fixture("vetting", "malformed-row.csv");
        var error = Should.Throw<InputException>(() => VetRecordReader.Read(path));
        error.Line.ShouldBe(3);
        error.Message.ShouldContain("4 fields, header has 3");
        var batch = VetRecordReader.Read(path, new VetReaderOptions(SkipMalformedRows: true));
        batch.Records.Count.ShouldBe(1);
        batch.Skipped.Count.ShouldBe(1);
    }

    [Fact]
    public void Json_lines_arrays_and_objects_map_to_the_columns()
    {
        var batch = VetRecordReader.Read(RepoPaths.Fixture("vetting", "records.jsonl"));
        var vendor = batch.Records[0];
        vendor.Kind.ShouldBe(RecordKind.Vendor);
        vendor.CompanyDomain!.Value.ShouldBe("example-analytics.example");
        vendor.Employers.Single().From!.Value.Year.ShouldBe(2012);
        vendor.References.Single().Email!.Value.ShouldBe("kate.adler@example.com");
        vendor.CryptoWallets.Single().Chain.ShouldBe("evm");
    }

    [Fact]
    public void Paths_outside_the_input_folder_are_refused_and_pdf_resumes_reported()
    {
        var sam = VetRecordReader.Read(RepoPaths.Fixture("vetting", "records.jsonl")).Records[1];
        sam.Photo.ShouldBeNull();
        sam.Issues.ShouldContain(i => i.Field == "photo_path" && i.Reason.Contains("outside"));
        sam.Issues.ShouldContain(i => i.Field == "resume_text_path");
    }

    [Fact]
    public void Resume_files_next_to_the_input_are_read_and_oversized_ones_refused()
    {
        using var folder = new TempFolder();
        folder.Write("cv.txt", "plain résumé text");
        folder.Write("big.txt", new string('x', 2000));
        var path = folder.Write("in.csv", "id,kind,name,resume_text_path\nA-1,applicant,Jane Doe,cv.txt\nA-2,applicant,Li Wei,big.txt\n");
        var batch = VetRecordReader.Read(path, new VetReaderOptions(MaxResumeBytes: 1000));
        batch.Records[0].ResumeText.ShouldBe("plain résumé text");
        batch.Records[1].Issues.ShouldContain(i => i.Reason.Contains("refused"));
    }

    [Fact]
    public void Missing_required_columns_and_duplicate_ids_are_input_errors()
    {
        using var folder = new TempFolder();
        Should.Throw<InputException>(() => VetRecordReader.Read(folder.Write("a.csv", "id,name\nA-1,Jane\n"))).Message.ShouldContain("'kind'");
        Should.Throw<InputException>(() => VetRecordReader.Read(folder.Write("b.csv", "id,kind,name\nA-1,applicant,Jane\nA-1,applicant,Joe\n"))).Line.ShouldBe(3);
    }

    [Fact]
    public void Sign_in_log_streams_and_knows_whether_it_has_countries()
    {
        using var folder = new TempFolder();
        var path = folder.Write("log.csv", "timestamp,user_id,ip,user_agent,remote_tool\n2026-10-02T09:00:00Z,A-1,175.45.177.3,Mozilla,\n2026-10-02T10:00:00+02:00,A-1,73.1.1.1,\"Mozilla, AnyDesk/8\",\n");
        var log = SignInLogReader.Open(path);
        log.HasCountryColumn.ShouldBeFalse();
        var lines = log.ReadAll().ToList();
        lines.Count.ShouldBe(2);
        lines[1].Timestamp.ShouldBe(new DateTimeOffset(2026, 10, 2, 8, 0, 0, TimeSpan.Zero));
        var run = Vetter.Run([Some.Applicant("A-1", "Jane Doe")], lines, Some.Context().Build(), signInsHaveCountry: false);
        run.Results[0].Findings.Select(f => f.Code).ShouldBe([FindingCodes.SigninDprkIp, FindingCodes.RemoteAccessTool]);
        run.Results[0].Level.ShouldBe(RiskLevel.High);
        run.NotRun.ShouldContain(n => n.Code == FindingCodes.SigninCnRuIp && n.Reason.Contains("country"));
    }
}

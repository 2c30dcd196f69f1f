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
        var batch = VetRecordReader.Read(path, new VetReaderOptions { Limits = new VetInputLimits(MaxResumeBytes: 1000) });
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

    [Fact]
    public void A_duplicate_header_column_is_an_input_error_naming_the_column()
    {
        using var folder = new TempFolder();
        var error = Should.Throw<InputException>(() => VetRecordReader.Read(folder.Write("dup.csv", "id,kind,name,Name\nA-1,applicant,Jane,Jane\n")));
        error.Line.ShouldBe(1);
        error.Reason.ShouldBe("column 'name' appears twice in the header (columns 3 and 4)");
    }

    [Fact]
    public void An_unclosed_quote_is_reported_on_the_line_it_opens()
    {
        using var folder = new TempFolder();
        var path = folder.Write("quote.csv", "id,kind,name\nA-1,applicant,Jane\nA-2,applicant,\"Li Wei\nA-3,applicant,Kim\n");
        var error = Should.Throw<InputException>(() => VetRecordReader.Read(path));
        error.Line.ShouldBe(3);
        error.Reason.ShouldContain("never closed");
    }

    [Fact]
    public void Long_fields_long_rows_and_nul_characters_are_refused_with_line_and_column()
    {
        using var folder = new TempFolder();
        var limits = new VetReaderOptions { Limits = new VetInputLimits(MaxRowChars: 10_000, MaxFieldChars: 1_000) };

        var field = Should.Throw<InputException>(() => VetRecordReader.Read(folder.Write("field.csv", $"id,kind,name\nA-1,applicant,{new string('x', 2_000)}\n"), limits));
        field.Line.ShouldBe(2);
        field.Reason.ShouldBe("column 'name' is 2,000 characters, more than the limit of 1,000");

        var nul = Should.Throw<InputException>(() => VetRecordReader.Read(folder.Write("nul.csv", "id,kind,name\nA-1,applicant,Jane\nA-2,applicant,Kim\0Jong\n"), limits));
        nul.Line.ShouldBe(3);
        nul.Reason.ShouldContain("'name' contains a NUL");

        // One quoted field spanning many lines: refused while it is read, naming the line where the row starts.
        var lines = string.Concat(Enumerable.Repeat("line of a very long quoted field\n", 5_000));
        var row = Should.Throw<InputException>(() => VetRecordReader.Read(folder.Write("row.csv", $"id,kind,name\nA-1,applicant,\"{lines}\"\n"), limits));
        row.Line.ShouldBe(2);
        row.Reason.ShouldContain("longer than 10,000 characters");

        var json = Should.Throw<InputException>(() => VetRecordReader.Read(folder.Write("long.jsonl", $"{{\"id\":\"A-1\",\"kind\":\"applicant\",\"name\":\"{new string('x', 20_000)}\"}}\n"), limits));
        json.Line.ShouldBe(1);
        json.Reason.ShouldContain("longer than 10,000 characters");
    }

    [Fact]
    public void Json_lines_with_a_lone_surrogate_or_an_escaped_nul_are_input_errors()
    {
        using var folder = new TempFolder();
        var surrogate = Should.Throw<InputException>(() => VetRecordReader.Read(folder.Write("s.jsonl", "{\"id\":\"A-1\",\"kind\":\"applicant\",\"name\":\"Kim \\ud800\"}\n")));
        surrogate.Line.ShouldBe(1);
        var nul = Should.Throw<InputException>(() => VetRecordReader.Read(folder.Write("n.jsonl", "{\"id\":\"A-1\",\"kind\":\"applicant\",\"name\":\"Kim\\u0000Jong\"}\n")));
        nul.Reason.ShouldContain("NUL");
    }

    [Fact]
    public void Sign_in_logs_refuse_duplicate_columns_unclosed_quotes_and_long_fields()
    {
        using var folder = new TempFolder();
        Should.Throw<InputException>(() => SignInLogReader.Open(folder.Write("d.csv", "timestamp,user_id,ip,IP\n"))).Reason.ShouldContain("'ip' appears twice");
        var quote = folder.Write("q.csv", "timestamp,user_id,ip,user_agent\n2026-10-02T09:00:00Z,A-1,1.2.3.4,\"Mozilla\n2026-10-02T09:00:00Z,A-1,1.2.3.4,x\n");
        Should.Throw<InputException>(() => SignInLogReader.Open(quote).ReadAll().ToList()).Line.ShouldBe(2);
        var agent = folder.Write("a.csv", $"timestamp,user_id,ip,user_agent\n2026-10-02T09:00:00Z,A-1,1.2.3.4,{new string('M', 300_000)}\n");
        Should.Throw<InputException>(() => SignInLogReader.Open(agent).ReadAll().ToList()).Reason.ShouldContain("'user_agent' is 300,000 characters");
    }

    [Fact]
    public void Mutated_record_files_and_sign_in_logs_are_read_or_refused_never_crash()
    {
        using var folder = new TempFolder();
        var csv = "id,kind,name,email,phone,birth_date,employers\nA-1,applicant,\"Doe, Jane\",jane@example.com,+13125550123,1990-01-02,\"Contoso|2019|2021\"\nA-2,vendor,Li Wei,,,,\n";
        var jsonl = "{\"id\":\"A-1\",\"kind\":\"applicant\",\"name\":\"Jane\",\"employers\":[{\"name\":\"Contoso\",\"from\":\"2019\"}]}\n{\"id\":\"A-2\",\"kind\":\"vendor\",\"name\":\"Li\"}\n";
        var log = "timestamp,user_id,ip,user_agent,remote_tool,country\n2026-10-02T09:00:00Z,A-1,175.45.177.3,\"Mozilla, x\",,KP\n";
        var random = new Random(13);
        // Bytes, not characters: invalid UTF-8 (0xFF, an encoded lone surrogate ED A0 80) reaches the readers too.
        byte[] alphabet = [.. ",;\t\"\n\r{}[]:\\\0aZ9-"u8, 0xC3, 0xA9, 0xFF, 0xED, 0xA0, 0x80];
        for (var trial = 0; trial < 600; trial++)
        {
            var (seed, extension) = (trial % 3) switch { 0 => (csv, ".csv"), 1 => (jsonl, ".jsonl"), _ => (log, ".log.csv") };
            var bytes = System.Text.Encoding.UTF8.GetBytes(seed);
            for (var edits = random.Next(1, 6); edits > 0; edits--)
            {
                bytes[random.Next(bytes.Length)] = alphabet[random.Next(alphabet.Length)];
            }
            var path = folder.File($"m{trial}{extension}");
            File.WriteAllBytes(path, bytes);
            try
            {
                if (extension == ".log.csv")
                {
                    SignInLogReader.Open(path).ReadAll(skipMalformed: trial % 2 == 0).ToList();
                }
                else
                {
                    VetRecordReader.Read(path, new VetReaderOptions(SkipMalformedRows: trial % 2 == 0));
                }
            }
            catch (InputException)
            {
            }
        }
    }
}

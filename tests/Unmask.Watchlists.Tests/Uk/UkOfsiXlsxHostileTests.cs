using Unmask.Watchlists.Uk;

namespace Unmask.Watchlists.Tests.Uk;

/// <summary>Hostile xlsx workbooks, generated here (nothing big is committed): each is refused as bad input before it can
/// take much memory or CPU.</summary>
public sealed class UkOfsiXlsxHostileTests
{
    private readonly UkOfsiXlsxReader _reader = new();

    [Fact]
    public async Task A_hand_written_workbook_is_opened_and_read_to_the_end()
    {
        var error = await Refused(HostileXlsx.WithRows("<row r=\"1\">" + HostileXlsx.Cell("A1", "Last Updated") + "</row>"));

        error.Reason.ShouldBe("xlsx sheet has no header row: not an OFSI consolidated list");
    }

    [Fact]
    public async Task A_cell_reference_far_to_the_right_is_refused_before_any_cell_is_padded()
    {
        // Issue 13, defect 5: ZZZZZZ57 padded 321 million empty cells (7.3 GB).
        var error = await Refused(HostileXlsx.WithRows("<row r=\"57\">" + HostileXlsx.Cell("ZZZZZZ57", "x") + "</row>"));

        error.Line.ShouldBe(57);
        error.Reason.ShouldContain("beyond column 16,384");
    }

    [Fact]
    public async Task A_cell_type_that_is_not_one_of_excels_is_bad_input_not_a_crash()
    {
        // Issue 13, defect 4: this was a FormatException.
        var error = await Refused(HostileXlsx.WithRows("<row r=\"1\"><c r=\"A1\" t=\"zz\"><v>1</v></c></row>"));

        error.Line.ShouldBe(1);
        error.Reason.ShouldBe("cell A1 has type 'zz', which is not one of Excel's (s, inlineStr, str, n, b, e, d)");
    }

    [Fact]
    public async Task A_row_number_past_excels_last_row_is_refused()
    {
        var error = await Refused(HostileXlsx.WithRows("<row r=\"2000000\">" + HostileXlsx.Cell("A2000000", "x") + "</row>"));

        error.Reason.ShouldBe("row number '2000000' is not between 1 and 1,048,576");
    }

    [Fact]
    public async Task Rows_over_the_row_limit_are_refused_as_they_are_read()
    {
        // The same row number over and over: only counting the rows stops it.
        var error = await Refused(HostileXlsx.WithManyRows(2_000, _ => "<row r=\"5\"/>"), new ReadLimits(MaxSheetRows: 1_000));

        error.Reason.ShouldBe("sheet has more than 1,000 rows: refused");
    }

    [Fact]
    public async Task Cells_left_out_before_a_reference_count_toward_the_cell_limit()
    {
        // One cell per row in column WAA (15,627): two rows pass 20,000 cells.
        var error = await Refused(HostileXlsx.WithManyRows(300, i => $"<row r=\"{i}\">" + HostileXlsx.Cell($"WAA{i}", "x") + "</row>"),
            new ReadLimits(MaxSheetCells: 20_000));

        error.Line.ShouldBe(2);
        error.Reason.ShouldBe("sheet has more than 20,000 cells: refused");
    }

    [Fact]
    public async Task A_sheet_bomb_is_refused_before_it_is_inflated()
    {
        // 3 million empty rows (18 MB of XML) deflate about a thousand times: the CPU case of issue 13.
        var error = await Refused(HostileXlsx.WithManyRows(3_000_000, _ => "<row/>"));

        error.Reason.ShouldContain("'xl/worksheets/sheet1.xml' inflates");
        error.Reason.ShouldContain("times its compressed size, over the limit of 100");
    }

    [Fact]
    public async Task A_shared_string_bomb_is_refused_before_it_is_inflated_and_a_long_table_as_it_is_read()
    {
        (await Refused(HostileXlsx.WithManySharedStrings(4_000_000))).Reason.ShouldContain("'xl/sharedStrings.xml' inflates");

        var error = await Refused(HostileXlsx.WithManySharedStrings(2_000), new ReadLimits(MaxSharedStrings: 1_000));
        error.Reason.ShouldBe("xlsx shared-string table has more than 1,000 entries: refused");
    }

    [Fact]
    public async Task Entries_over_the_inflated_size_limits_are_refused_whatever_their_ratio()
    {
        var workbook = HostileXlsx.WithManyRows(20_000, i => $"<row r=\"{i}\"/>");

        (await Refused(workbook, new ReadLimits(MaxZipEntryBytes: 100_000, MaxCompressionRatio: 1_000_000)))
            .Reason.ShouldContain("'xl/worksheets/sheet1.xml' inflates to");
        (await Refused(workbook, new ReadLimits(MaxZipTotalBytes: 100_000, MaxCompressionRatio: 1_000_000)))
            .Reason.ShouldBe("xlsx refused: its entries inflate to more than 100,000 bytes together");
    }

    [Theory]
    [InlineData("../../evil.xml")]
    [InlineData("xl/../../evil.xml")]
    [InlineData("/etc/evil.xml")]
    [InlineData("C:/evil.xml")]
    public async Task Entry_names_outside_the_archive_are_refused(string name)
    {
        var workbook = HostileXlsx.Workbook(s => s.Write("<worksheet/>"u8), s => s.Write("<sst/>"u8), (name, "<x/>"u8.ToArray()));

        (await Refused(workbook)).Reason.ShouldContain("names a path outside the archive");
    }

    [Fact]
    public async Task Too_many_entries_are_refused_before_they_are_listed()
    {
        var extra = Enumerable.Range(0, 1_000).Select(i => ($"xl/media/{i}.bin", new byte[] { 1 })).ToArray();

        var error = await Refused(HostileXlsx.Workbook(s => s.Write("<worksheet/>"u8), s => s.Write("<sst/>"u8), extra));

        error.Reason.ShouldBe("xlsx refused: it has 1,006 entries, over the limit of 1,000");
    }

    [Fact]
    public async Task Parts_the_sdk_loads_whole_are_held_to_the_small_part_limit()
    {
        var bigStyles = System.Text.Encoding.UTF8.GetBytes("<styleSheet>" + string.Concat(Enumerable.Repeat("<numFmt/>", 200_000)) + "</styleSheet>");

        var error = await Refused(HostileXlsx.Workbook(s => s.Write("<worksheet/>"u8), s => s.Write("<sst/>"u8), ("xl/styles.xml", bigStyles)));

        error.Reason.ShouldContain("'xl/styles.xml' inflates to 1,800,025 bytes, over the limit of 1,048,576");
    }

    private Task<Unmask.Domain.InputException> Refused(byte[] workbook, ReadLimits? limits = null) =>
        HostileInput.RefusedAsync(_reader, "ConList.xlsx", workbook, limits);
}

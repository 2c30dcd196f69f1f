using Unmask.Domain;

namespace Unmask.Domain.Tests;

public class PartialDateTests
{
    [Theory]
    [InlineData("1984", "1984")]
    [InlineData("1984-01", "1984-01")]
    [InlineData("1984-01-08", "1984-01-08")]
    [InlineData("1984-01-08T00:00:00", "1984-01-08")]
    public void Iso_forms_keep_their_precision(string text, string expected)
    {
        PartialDate.TryParseIso(text, out var date).ShouldBeTrue();
        date.ToString().ShouldBe(expected);
    }

    [Theory]
    [InlineData("25 Apr 1965", "1965-04-25")]
    [InlineData("Apr 1965", "1965-04")]
    [InlineData("1965", "1965")]
    [InlineData("08 January 1984", "1984-01-08")]
    public void Prose_dates_from_lists_are_read(string text, string expected)
    {
        PartialDate.TryParseText(text, out var date).ShouldBeTrue();
        date.ToString().ShouldBe(expected);
    }

    [Theory]
    [InlineData("25/04/1965", "1965-04-25")]
    [InlineData("00/04/1965", "1965-04")]
    [InlineData("00/00/1980", "1980")]
    public void Day_first_dates_treat_zero_as_unknown(string text, string expected)
    {
        PartialDate.TryParseDayFirst(text, out var date).ShouldBeTrue();
        date.ToString().ShouldBe(expected);
    }

    [Theory]
    [InlineData("31 Feb 1980")]
    [InlineData("1980-13-01")]
    [InlineData("1980-02-30")]
    [InlineData("not a date")]
    [InlineData("")]
    public void Impossible_dates_are_refused(string text)
    {
        PartialDate.TryParseText(text, out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("1984-00000000000000000001")]
    [InlineData("1984-01-99999999999999999999")]
    [InlineData("1984-001-08")]
    public void Long_digit_runs_are_no_date_rather_than_an_overflow(string text)
    {
        PartialDate.TryParseIso(text, out _).ShouldBeFalse();
        PartialDate.TryParseDayFirst("99999999999999999999/01/1984", out _).ShouldBeFalse();
    }

    [Fact]
    public void Year_only_is_compatible_with_a_full_date_of_that_year()
    {
        PartialDate.TryParseIso("1984", out var year);
        PartialDate.TryParseIso("1984-01-08", out var day);
        PartialDate.TryParseIso("1985-01-08", out var other);
        year.IsCompatibleWith(day).ShouldBeTrue();
        day.IsCompatibleWith(other).ShouldBeFalse();
    }
}

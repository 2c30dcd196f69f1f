namespace Unmask.Domain.Tests;

public class PlainFileNameTests
{
    [Theory]
    [InlineData("consolidated.xml")]
    [InlineData("us_ofac_sdn")]
    [InlineData("UK-Sanctions-List.xml")]
    [InlineData("sdn_comments.csv")]
    [InlineData(".hidden")]
    [InlineData("console.xml")]
    [InlineData("COM10")]
    public void Plain_names_are_accepted(string name) => PlainFileName.Refusal(name).ShouldBeNull();

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("", "empty")]
    [InlineData("  ", "empty")]
    [InlineData("../../x", "separator")]
    [InlineData("/abs/dir", "separator")]
    [InlineData("a\\b", "separator")]
    [InlineData("..", "'..'")]
    [InlineData(".", "'..'")]
    [InlineData("x..y", "'..'")]
    [InlineData("C:", "U+003A")]
    [InlineData("list.xml:stream", "U+003A")]
    [InlineData("a\0b", "U+0000")]
    [InlineData("a\nb", "U+000A")]
    [InlineData("a*b", "U+002A")]
    [InlineData("name.", "ends with a dot")]
    [InlineData("name ", "space")]
    [InlineData("CON", "device")]
    [InlineData("nul.xml", "device")]
    [InlineData("Lpt1.csv", "device")]
    [InlineData("COM³", "device")]
    public void Paths_and_names_that_are_not_files_everywhere_are_refused(string? name, string reason) =>
        PlainFileName.Refusal(name).ShouldNotBeNull().ShouldContain(reason);

    [Fact]
    public void Over_long_names_are_refused() => PlainFileName.Refusal(new string('a', 101)).ShouldNotBeNull().ShouldContain("longer");
}

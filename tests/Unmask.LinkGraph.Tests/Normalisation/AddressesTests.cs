using Unmask.LinkGraph.Normalisation;

namespace Unmask.LinkGraph.Tests.Normalisation;

public class AddressesTests
{
    [Theory]
    [InlineData("12 Main Street, Apt 4, Springfield IL")]
    [InlineData("12 main st #4 springfield, il")]
    [InlineData("Apt. 4, 12 Main St., Springfield, IL")]
    [InlineData("12 MAIN ST UNIT 4 SPRINGFIELD IL")]
    [InlineData("12 Main St Suite 4 Springfield IL")]
    public void Spellings_of_one_flat_are_equal(string text) =>
        Addresses.Normalise(text).ShouldBe("12 main st springfield il unit 4");

    [Fact]
    public void The_unit_is_kept_and_the_building_drops_it()
    {
        Addresses.Normalise("12 Main St Apt 9, Springfield IL").ShouldNotBe(Addresses.Normalise("12 Main St Apt 4, Springfield IL"));
        Addresses.Building("12 Main St Apt 9, Springfield IL").ShouldBe(Addresses.Building("12 Main Street #4 Springfield IL"));
        Addresses.Building("12 Main St Apt 9, Springfield IL").ShouldBe("12 main st springfield il");
    }

    [Fact]
    public void Accents_and_directions_fold() =>
        Addresses.Normalise("5 North Avenue, Zürich").ShouldBe("5 n ave zurich");

    [Fact]
    public void Blank_is_null() => Addresses.Normalise(" ,. ").ShouldBeNull();
}

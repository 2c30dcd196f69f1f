using Unmask.Domain;

namespace Unmask.Domain.Tests;

public class EntityTests
{
    [Fact]
    public void Values_are_trimmed_deduplicated_and_blank_ones_dropped()
    {
        var entity = new Entity("x-1", Schemas.Person, "x")
            .Add("name", "  KIM  Jong\tUn ")
            .Add("name", "KIM Jong Un")
            .Add("alias", "")
            .Add("alias", null);
        entity.Get("name").ShouldBe(["KIM Jong Un"]);
        entity.Has("alias").ShouldBeFalse();
        entity.Caption.ShouldBe("KIM Jong Un");
    }

    [Fact]
    public void Properties_must_exist_on_the_schema_or_its_parents()
    {
        var person = new Entity("x-1", Schemas.Person, "x");
        person.Add("birthDate", "1984").Add("email", "a@b.example").Add("program", "DPRK3");
        Should.Throw<ArgumentException>(() => person.Add("imoNumberOfShip", "1"));
        Should.Throw<ArgumentException>(() => new Entity("x-2", Schemas.Company, "x").Add("birthDate", "1984"));
    }

    [Fact]
    public void An_entity_can_become_more_specific_but_not_change_kind()
    {
        var entity = new Entity("x-1", Schemas.LegalEntity, "x");
        entity.Specialise(Schemas.Person);
        entity.Schema.ShouldBe(Schemas.Person);
        Should.Throw<ArgumentException>(() => entity.Specialise(Schemas.Company));
    }

    [Fact]
    public void Schema_inheritance_follows_followthemoney()
    {
        Schemas.Company.IsA("LegalEntity").ShouldBeTrue();
        Schemas.Person.IsA("Organization").ShouldBeFalse();
        Schemas.Common(Schemas.Person, Schemas.LegalEntity).ShouldBe(Schemas.Person);
        Schemas.Common(Schemas.Person, Schemas.Company).ShouldBeNull();
    }
}

public class CountriesTests
{
    [Theory]
    [InlineData("Korea, North", "kp")]
    [InlineData("Democratic People's Republic of Korea", "kp")]
    [InlineData("Russian Federation", "ru")]
    [InlineData("Germany", "de")]
    [InlineData("KP", "kp")]
    [InlineData("  united kingdom ", "gb")]
    public void List_spellings_map_to_ftm_codes(string name, string code)
    {
        Countries.TryGetCode(name, out var found).ShouldBeTrue();
        found.ShouldBe(code);
    }

    [Fact]
    public void Unknown_names_are_not_guessed() => Countries.TryGetCode("Atlantis", out _).ShouldBeFalse();
}

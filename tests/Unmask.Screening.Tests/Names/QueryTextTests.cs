using Unmask.Domain;
using Unmask.Screening.Names;

namespace Unmask.Screening.Tests.Names;

public sealed class QueryTextTests
{
    [Fact]
    public void Parenthesised_names_and_aliases_are_read_as_names_of_their_own()
    {
        QueryText.Read("Ri Chol-ung (리철웅)").Names.ShouldBe(["Ri Chol-ung (리철웅)", "Ri Chol-ung", "리철웅"]);
        QueryText.Read("PAK Hyon-su a.k.a. Pak Hyon Su; Bak Hyeon-su").Names
            .ShouldBe(["PAK Hyon-su a.k.a. Pak Hyon Su; Bak Hyeon-su", "PAK Hyon-su", "Pak Hyon Su", "Bak Hyeon-su"]);
        QueryText.Read("Taedong Sinyong Co. (aka Taedong Credit Company)").Names.ShouldContain("Taedong Credit Company");
    }

    [Fact]
    public void Tags_are_dropped_and_a_birth_date_in_the_note_is_read()
    {
        var reading = QueryText.Read("Mr. Ho Song-chol [DPRK3], DOB 08 Jan 1979, POB Pyongyang");
        reading.Names.ShouldBe(["Mr. Ho Song-chol"]);
        reading.BirthDates.ShouldBe([new PartialDate(1979, 1, 8)]);
        QueryText.Read("Ho Song-chol, born 1979").BirthDates.ShouldBe([new PartialDate(1979, null, null)]);
    }

    [Fact]
    public void Words_that_only_look_like_note_keywords_stay_in_the_name()
    {
        QueryText.Read("Max Born").Names.ShouldBe(["Max Born"]);
        QueryText.Read("John B. Hallett").Names.ShouldBe(["John B. Hallett"]);
        QueryText.Read("Bowne A/S").Names.ShouldBe(["Bowne A/S"]);
        QueryText.Read("Gazprom Dobycha Noyabrsk").Names.ShouldBe(["Gazprom Dobycha Noyabrsk"]);
        QueryText.Read("Bornholm Passportservice Borneo").Names.ShouldBe(["Bornholm Passportservice Borneo"]);
    }

    [Fact]
    public void Parenthesised_countries_and_kinds_qualify_the_name()
    {
        QueryText.Read("Bowne Global Solutions (France), S.A.R.L.").Names.ShouldBe(["Bowne Global Solutions (France), S.A.R.L"]);
        QueryText.Read("Nordlys Shipping (U.K.) Limited").Names.ShouldBe(["Nordlys Shipping (U.K.) Limited"]);
    }

    [Fact]
    public void List_values_that_pack_several_names_are_split()
    {
        QueryText.SplitListName("Hosain Tavani; Husain Tavani; Hossein Tavani").ShouldBe(
            ["Hosain Tavani; Husain Tavani; Hossein Tavani", "Hosain Tavani", "Husain Tavani", "Hossein Tavani"]);
        QueryText.SplitListName("Reza Vahedi; Reza Vahidi b) M. Reza Vahedi").ShouldContain("M. Reza Vahedi");
        QueryText.SplitListName("NORTHERN LAKES AIR CARGO (NLAC)").ShouldBe(["NORTHERN LAKES AIR CARGO (NLAC)", "NORTHERN LAKES AIR CARGO", "NLAC"]);
        QueryText.SplitListName("KIM, Jong Un").ShouldBe(["KIM, Jong Un"]);
        // a list name is not cut at words that start notes in a query
        QueryText.SplitListName("Global Passport Services (GPS)").ShouldContain("Global Passport Services");
    }

    [Fact]
    public void Empty_input_reads_as_itself() => QueryText.Read("  ").Names.ShouldBe(["  "]);
}

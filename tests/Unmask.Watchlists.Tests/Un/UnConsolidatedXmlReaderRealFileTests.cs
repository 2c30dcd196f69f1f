using System.Text;
using System.Xml.Linq;
using Unmask.TestKit;
using Unmask.Watchlists.Un;

namespace Unmask.Watchlists.Tests.Un;

public sealed class UnConsolidatedXmlReaderRealFileTests
{
    private static readonly string File = SharedData.Path("sanctions/un/consolidated.xml");

    [Fact]
    public async Task Consolidated_RealFile_matches_an_independent_count_of_records_and_names()
    {
        var document = XDocument.Load(File);
        var records = document.Descendants("INDIVIDUAL").Concat(document.Descendants("ENTITY")).ToList();
        var expectedNames = records.Sum(record =>
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            var parts = new[] { "FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME" }
                .Select(n => Norm(record.Element(n)?.Value)).Where(p => p.Length > 0 && p != "na");
            names.Add(Norm(string.Join(" ", parts)));
            names.Add(Norm(record.Element("NAME_ORIGINAL_SCRIPT")?.Value));
            foreach (var alias in record.Elements().Where(e => e.Name.LocalName.EndsWith("_ALIAS", StringComparison.Ordinal)))
            {
                names.Add(Norm(alias.Element("ALIAS_NAME")?.Value));
            }
            names.Remove("");
            return names.Count;
        });

        var (entities, context) = await ListReading.ReadFileAsync(new UnConsolidatedXmlReader(), File);

        entities.Count.ShouldBe(records.Count);
        entities.Count(e => e.Schema.Name == "Person").ShouldBe(document.Descendants("INDIVIDUAL").Count());
        entities.Sum(e => e.NameCount).ShouldBe(expectedNames);
        entities.Select(e => e.Id).Distinct().Count().ShouldBe(entities.Count);
        context.Dataset!.Name.ShouldBe("un_sc_sanctions");
        context.Dataset.PublishedOn.ShouldBe(new DateOnly(2026, 2, 27));
        var dprk = document.Descendants().Where(e => e.Name.LocalName == "UN_LIST_TYPE" && e.Value == "DPRK").Count();
        entities.Count(e => e.Get("program").Contains("DPRK")).ShouldBe(dprk);
    }

    [Fact]
    public async Task Consolidated_RealFile_maps_a_DPRK_individual_with_aliases_and_birth_date()
    {
        var document = XDocument.Load(File);
        var raw = document.Descendants("INDIVIDUAL").Single(i => i.Element("REFERENCE_NUMBER")?.Value == "KPi.008");
        var good = raw.Elements("INDIVIDUAL_ALIAS").Where(a => a.Element("QUALITY")?.Value != "Low").Select(a => Norm(a.Element("ALIAS_NAME")?.Value)).Where(a => a.Length > 0);
        var low = raw.Elements("INDIVIDUAL_ALIAS").Where(a => a.Element("QUALITY")?.Value == "Low").Select(a => Norm(a.Element("ALIAS_NAME")?.Value)).Where(a => a.Length > 0);

        var (entities, _) = await ListReading.ReadFileAsync(new UnConsolidatedXmlReader(), File);
        var person = entities.ById("un_sc_sanctions-" + raw.Element("DATAID")!.Value);

        person.Schema.Name.ShouldBe("Person");
        person.First("name").ShouldBe("RA KY'ONG-SU");
        person.Get("alias").ShouldBe(good.ToList(), ignoreOrder: true);
        person.Get("weakAlias").ShouldBe(low.ToList(), ignoreOrder: true);
        person.Get("alias").ShouldContain("Chang Myong Ho");
        person.Get("birthDate").ShouldContain("1954-06-04");
        person.Get("program").ShouldBe(["DPRK"]);
        person.Get("programId").ShouldBe(["KPi.008"]);
        person.Get("nationality").ShouldBe(["kp"]);
        person.Get("topics").ShouldBe(["sanction"]);

        var ri = entities.Single(e => e.Get("programId").Contains("KPi.033"));
        ri.First("name").ShouldBe("RI WON HO");
        ri.Get("passportNumber").ShouldBe(["381310014"]);
        ri.Get("birthDate").ShouldBe(["1964-07-17"]);
        ri.Get("createdAt").ShouldBe(["2016-11-30"]);
    }

    [Fact]
    public async Task Consolidated_RealFile_maps_the_Second_Academy_of_Natural_Sciences()
    {
        var (entities, _) = await ListReading.ReadFileAsync(new UnConsolidatedXmlReader(), File);
        var academy = entities.Single(e => e.Get("programId").Contains("KPe.018"));

        academy.Schema.Name.ShouldBe("Organization");
        academy.First("name").ShouldBe("SECOND ACADEMY OF NATURAL SCIENCES");
        academy.Get("alias").ShouldContain("2ND ACADEMY OF NATURAL SCIENCES");
        academy.Get("alias").ShouldContain("SANSRI");
        academy.Get("address").ShouldBe(["Pyongyang, Democratic People's Republic of Korea"]);
        academy.Get("country").ShouldBe(["kp"]);
    }

    private static string Norm(string? text) =>
        string.Join(' ', (text ?? "").Normalize(NormalizationForm.FormC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

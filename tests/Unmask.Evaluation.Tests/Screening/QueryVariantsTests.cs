using Unmask.Domain;
using Unmask.Evaluation.Screening;

namespace Unmask.Evaluation.Tests.Screening;

// Every name here is made up for the tests.
public sealed class QueryVariantsTests
{
    private static string? Apply(Transformation transformation, string name, Schema schema, int seed = 1) =>
        QueryVariants.Apply(transformation, name, schema, new Random(seed));

    /// <summary>What a transformation gives over many seeds, to assert the whole set of outcomes.</summary>
    private static HashSet<string?> Outcomes(Transformation transformation, string name, Schema schema) =>
        Enumerable.Range(0, 60).Select(seed => Apply(transformation, name, schema, seed)).ToHashSet();

    [Fact]
    public void The_same_seed_gives_the_same_variants()
    {
        var first = QueryVariants.Generate("PAK, Chol-Min Sunhwa", Schemas.Person, new Random(7), 3);
        var second = QueryVariants.Generate("PAK, Chol-Min Sunhwa", Schemas.Person, new Random(7), 3);

        first.Count.ShouldBe(3);
        second.Select(v => (v.Name, v.Label)).ShouldBe(first.Select(v => (v.Name, v.Label)));
    }

    [Fact]
    public void Variants_are_distinct_differ_from_the_name_and_say_what_was_applied()
    {
        for (var seed = 0; seed < 30; seed++)
        {
            var variants = QueryVariants.Generate("Sobaeksu Glimmer Trading Co., Ltd.", Schemas.Company, new Random(seed), 3);

            variants.Count.ShouldBeInRange(1, 3);
            variants.Select(v => v.Name).ShouldBeUnique();
            variants.ShouldAllBe(v => v.Name != "Sobaeksu Glimmer Trading Co., Ltd." && v.Applied.Count >= 1 && v.Applied.Count <= 2);
            variants.SelectMany(v => v.Applied).ShouldNotContain(Transformation.Order); // a person-only transformation
        }
    }

    [Fact]
    public void A_single_transformation_variant_is_what_that_transformation_gives()
    {
        var variants = Enumerable.Range(0, 20).SelectMany(seed => QueryVariants.Generate("RI, Song Hyok", Schemas.Person, new Random(seed), 3))
            .Where(v => v.Applied is [Transformation.Order]);

        variants.ShouldNotBeEmpty();
        variants.ShouldAllBe(v => v.Name == "Song Hyok RI");
    }

    [Fact]
    public void Case_writes_lower_upper_or_title()
    {
        Outcomes(Transformation.Case, "VOSTRIKOVA, Maria", Schemas.Person)
            .ShouldBe(["vostrikova, maria", "VOSTRIKOVA, MARIA", "Vostrikova, Maria"], ignoreOrder: true);
    }

    [Fact]
    public void Order_turns_surname_comma_given_into_given_surname_and_back()
    {
        Apply(Transformation.Order, "PAK, Chol Min", Schemas.Person).ShouldBe("Chol Min PAK");
        Apply(Transformation.Order, "Chol Min Pak", Schemas.Person).ShouldBe("Pak, Chol Min");
        Apply(Transformation.Order, "PAK Chol Min", Schemas.Person).ShouldBe("Chol Min PAK"); // capitals mark the surname
        Apply(Transformation.Order, "Pak Chol Min", Schemas.Person).ShouldBe("Chol Min Pak"); // a Korean surname comes first
        Apply(Transformation.Order, "Tundravex", Schemas.Person).ShouldBeNull();
        Apply(Transformation.Order, "Sobaeksu Trading", Schemas.Company).ShouldBeNull();
    }

    [Fact]
    public void Syllables_are_hyphenated_joined_or_split()
    {
        Outcomes(Transformation.Syllables, "RI, Song-Hyok", Schemas.Person).ShouldBe(["RI, Song Hyok", "RI, Songhyok"], ignoreOrder: true);
        Outcomes(Transformation.Syllables, "RI, Song Hyok", Schemas.Person).ShouldBe(["RI, Song-Hyok", "RI, Songhyok"], ignoreOrder: true);
        Outcomes(Transformation.Syllables, "Song Hyok RI", Schemas.Person).ShouldBe(["Song-Hyok RI", "Songhyok RI"], ignoreOrder: true);
        Outcomes(Transformation.Syllables, "HAN Kwang My'ong", Schemas.Person).ShouldBe(["HAN Kwang-My'ong", "HAN Kwangmy'ong"], ignoreOrder: true);
        Apply(Transformation.Syllables, "VOSTRIKOVA, Maria Elena", Schemas.Person).ShouldBeNull(); // not syllables
    }

    [Fact]
    public void A_middle_name_is_dropped_never_the_first_given_name_nor_the_surname()
    {
        Outcomes(Transformation.GivenNameDropped, "Maria Elena Vostrikova", Schemas.Person).ShouldBe(["Maria Vostrikova"]);
        Outcomes(Transformation.GivenNameDropped, "VOSTRIKOVA, Maria Elena Petrovna", Schemas.Person)
            .ShouldBe(["VOSTRIKOVA, Maria Petrovna", "VOSTRIKOVA, Maria Elena"], ignoreOrder: true);
        Apply(Transformation.GivenNameDropped, "PAK, Chol Min", Schemas.Person).ShouldBeNull(); // one Korean given name in two syllables
        Apply(Transformation.GivenNameDropped, "HAN KWANG MY'ONG", Schemas.Person).ShouldBeNull();
        Apply(Transformation.GivenNameDropped, "Maria Vostrikova", Schemas.Person).ShouldBeNull();
    }

    [Fact]
    public void Legal_form_is_dropped_or_written_another_way()
    {
        Outcomes(Transformation.LegalForm, "Sobaeksu Trading Co., Ltd.", Schemas.Company).ShouldBe(
            ["Sobaeksu Trading", "Sobaeksu Trading Company Limited", "Sobaeksu Trading Co. Limited", "Sobaeksu Trading Company Ltd."], ignoreOrder: true);
        Outcomes(Transformation.LegalForm, "GLIMMERFIELD CORPORATION", Schemas.Company).ShouldBe(["GLIMMERFIELD", "GLIMMERFIELD CORP."], ignoreOrder: true);
        Outcomes(Transformation.LegalForm, "Glimmerfield LLC", Schemas.Company)
            .ShouldBe(["Glimmerfield", "Glimmerfield Limited Liability Company"], ignoreOrder: true);
        Outcomes(Transformation.LegalForm, "OOO Tundravex", Schemas.Organization).ShouldBe(["Tundravex"]);
        Apply(Transformation.LegalForm, "Sobaeksu Trading Network", Schemas.Company).ShouldBeNull();
        Apply(Transformation.LegalForm, "Company", Schemas.Company).ShouldBeNull(); // nothing would be left
        Apply(Transformation.LegalForm, "Maria Ltd", Schemas.Person).ShouldBeNull();
    }

    [Fact]
    public void Typo_is_one_slip_in_a_long_word_keeping_its_first_letter()
    {
        var outcomes = Outcomes(Transformation.Typo, "Ok Vostrikova", Schemas.Person);

        outcomes.Count.ShouldBeGreaterThan(5);
        foreach (var outcome in outcomes)
        {
            outcome.ShouldNotBeNull();
            outcome.ShouldStartWith("Ok V");
            IsOneSlip("Vostrikova", outcome["Ok ".Length..]).ShouldBeTrue(outcome);
        }
        Apply(Transformation.Typo, "Kim Ok Su", Schemas.Person).ShouldBeNull();
    }

    /// <summary>Dropped, doubled or two neighbours swapped: nothing else.</summary>
    private static bool IsOneSlip(string word, string typed)
    {
        var dropped = Enumerable.Range(0, word.Length).Any(i => word.Remove(i, 1) == typed);
        var doubled = Enumerable.Range(0, word.Length).Any(i => word.Insert(i, word[i].ToString()) == typed);
        var swapped = Enumerable.Range(0, word.Length - 1).Any(i =>
            word[..i] + word[i + 1] + word[i] + word[(i + 2)..] == typed && word[i] != word[i + 1]);
        return dropped || doubled || swapped;
    }

    [Fact]
    public void Diacritics_are_dropped()
    {
        Apply(Transformation.Diacritics, "Zoë Brønhaug-Çelik", Schemas.Person).ShouldBe("Zoe Bronhaug-Celik");
        Apply(Transformation.Diacritics, "Zoe Bronhaug", Schemas.Person).ShouldBeNull();
    }

    [Fact]
    public void Apostrophes_inside_words_are_removed()
    {
        Apply(Transformation.Apostrophe, "RI, U'ng Chol", Schemas.Person).ShouldBe("RI, Ung Chol");
        Apply(Transformation.Apostrophe, "Tundra\u2019vex Trading", Schemas.Company).ShouldBe("Tundravex Trading");
        Apply(Transformation.Apostrophe, "RI, Ung Chol", Schemas.Person).ShouldBeNull();
    }

    [Fact]
    public void Korean_surname_is_written_in_another_published_spelling()
    {
        Outcomes(Transformation.KoreanSurname, "Ri Song Hyok", Schemas.Person).ShouldBe(["Li Song Hyok", "Lee Song Hyok", "Rhee Song Hyok"], ignoreOrder: true);
        Outcomes(Transformation.KoreanSurname, "CHOE, Yong Ho", Schemas.Person).ShouldBe(["CHOI, Yong Ho"]);
        Outcomes(Transformation.KoreanSurname, "Song Hyok Pak", Schemas.Person).ShouldBe(["Song Hyok Park", "Song Hyok Bak"], ignoreOrder: true);
        Outcomes(Transformation.KoreanSurname, "O Chol Min", Schemas.Person).ShouldBe(["Oh Chol Min"]);
        Apply(Transformation.KoreanSurname, "Maria Vostrikova", Schemas.Person).ShouldBeNull();
        Apply(Transformation.KoreanSurname, "Song Kim Hyok", Schemas.Person).ShouldBeNull(); // only the first or last word
    }

    private static readonly Entity[] Catalogue =
    [
        Person("p1", "PAK, Chol Min", "PAK, Chol-Min"),
        Person("p2", "RI, Song Hyok"),
        Person("p3", "Maria Elena VOSTRIKOVA"),
        Person("p4", "KIM, Ok Sun"),
        Person("p5", "Tomas Brandvik"),
        Company("c1", "Korea Sobaeksu General Trading Corporation"),
        Company("c2", "Korea Glimmerfield General Trading Corporation"),
        Company("c3", "Tundravex Shipping Co., Ltd."),
        Company("c4", "Korea Harbourlight Shipping General Corporation"),
        Company("c5", "Orevantis Trading Co., Ltd."),
        Company("c6", "Korea Pinewell General Company"),
    ];

    private static Entity Person(string id, params string[] names) => With(new Entity(id, Schemas.Person, "test"), names);

    private static Entity Company(string id, params string[] names) => With(new Entity(id, Schemas.Company, "test"), names);

    private static Entity With(Entity entity, string[] names)
    {
        entity.Add("name", names[0]);
        foreach (var alias in names.Skip(1))
        {
            entity.Add("alias", alias);
        }
        return entity;
    }

    [Fact]
    public void Person_namesake_keeps_the_surname_and_takes_another_persons_given_names()
    {
        var negatives = new QueryNegatives(Catalogue);
        var made = Enumerable.Range(0, 40).Select(seed => negatives.Generate(Catalogue[0], "PAK, Chol Min", new Random(seed))).ToList();

        made.ShouldAllBe(n => n != null);
        made.Select(n => n!.Name).ToHashSet().ShouldBe(["PAK, Song Hyok", "PAK, Maria Elena", "PAK, Ok Sun", "PAK, Tomas"], ignoreOrder: true);
        made.ShouldAllBe(n => n!.Kind == NegativeKind.SameSurname && n.SourceEntityId == "p1" && n.Schema == "Person" && n.DonorEntityId != "p1");
        made.First(n => n!.Name == "PAK, Ok Sun")!.DonorEntityId.ShouldBe("p4");
    }

    [Fact]
    public void Company_namesake_keeps_the_generic_words_and_swaps_the_distinctive_one()
    {
        var negatives = new QueryNegatives(Catalogue, genericMinimum: 2);
        negatives.IsGeneric("Korea").ShouldBeTrue();
        negatives.IsGeneric("GENERAL").ShouldBeTrue();
        negatives.IsGeneric("Ltd.").ShouldBeTrue();
        negatives.IsGeneric("Sobaeksu").ShouldBeFalse();

        var made = Enumerable.Range(0, 40).Select(seed => negatives.Generate(Catalogue[5], "Korea Sobaeksu General Trading Corporation", new Random(seed))).ToList();

        made.ShouldAllBe(n => n != null && n.Kind == NegativeKind.SwappedDistinctiveWord);
        made.Select(n => n!.Name).ToHashSet().ShouldBe(
            ["Korea Harbourlight General Trading Corporation", "Korea Orevantis General Trading Corporation",
             "Korea Pinewell General Trading Corporation", "Korea Tundravex General Trading Corporation"], ignoreOrder: true);
    }

    [Fact]
    public void A_namesake_is_never_a_listed_name_in_any_spelling()
    {
        // "PAK, Ok Sun" folds to a listed name (KIM, Ok Sun has another surname, so it is not listed); adding "Park Ok-Sun"
        // as a listed person makes that namesake a listed name, and the generator must not make it.
        var catalogue = Catalogue.Append(Person("p6", "Park Ok-Sun")).ToArray();
        var negatives = new QueryNegatives(catalogue);
        negatives.IsListedName("PAK, Ok Sun").ShouldBeTrue();
        negatives.IsListedName("pak chol-min").ShouldBeTrue();
        negatives.IsListedName("Glimmerfield General Trading Corp. Korea").ShouldBeTrue();
        negatives.IsListedName("PAK, Song Hyok").ShouldBeFalse();

        foreach (var source in catalogue)
        {
            foreach (var name in source.AllNames())
            {
                for (var seed = 0; seed < 30; seed++)
                {
                    if (negatives.Generate(source, name, new Random(seed)) is { } negative)
                    {
                        negatives.IsListedName(negative.Name).ShouldBeFalse(negative.Name);
                        source.AllNames().ShouldNotContain(negative.Name);
                        negative.Name.ShouldNotBe("PAK, Ok Sun");
                    }
                }
            }
        }
    }

    [Fact]
    public void No_namesake_without_the_parts_it_is_made_of()
    {
        var negatives = new QueryNegatives(Catalogue, genericMinimum: 2);

        negatives.Generate(Catalogue[0], "Tundravex", new Random(1)).ShouldBeNull(); // no surname/given split
        negatives.Generate(Catalogue[5], "Sobaeksu Orevantis", new Random(1)).ShouldBeNull(); // no generic word
        negatives.Generate(Catalogue[5], "Korea General", new Random(1)).ShouldBeNull(); // no distinctive word
        negatives.Generate(Catalogue[5], "Sobaeksu of the Ltd.", new Random(1)).ShouldBeNull(); // no generic word that names a trade
        negatives.Generate(Catalogue[0], "박철민", new Random(1)).ShouldBeNull(); // not Latin script
    }
}

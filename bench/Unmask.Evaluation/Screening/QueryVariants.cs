using System.Globalization;
using System.Text;
using Unmask.Domain;
using Unmask.Screening;

namespace Unmask.Evaluation.Screening;

/// <summary>One way a recruiter, an HR system or an OSINT note writes a listed name differently from the list.</summary>
public enum Transformation
{
    /// <summary>All lower, all upper or title case.</summary>
    Case,
    /// <summary>"SURNAME, Given" written as "Given Surname", or the other way round.</summary>
    Order,
    /// <summary>Given-name syllables hyphenated, joined or split: Jong-Un / Jong Un / Jongun.</summary>
    Syllables,
    /// <summary>A middle name (or patronymic), or one of several given names after the first, left out.</summary>
    GivenNameDropped,
    /// <summary>A company's legal form left out or written another way (Co., Ltd. / Company Limited; LLC dropped).</summary>
    LegalForm,
    /// <summary>One typing slip in a word of six letters or more: a letter dropped, doubled, or two neighbours swapped.</summary>
    Typo,
    /// <summary>Accents and other diacritics dropped (é -> e).</summary>
    Diacritics,
    /// <summary>Apostrophes inside words removed, as OFAC-style romanisations are often retyped (U'ng -> Ung).</summary>
    Apostrophe,
    /// <summary>A Korean surname written in another published romanisation (Ri/Li/Lee/Rhee, Pak/Park/Bak, ...).</summary>
    KoreanSurname,
}

/// <summary>A rewritten name and the transformations that made it, in the order applied.</summary>
public sealed record QueryVariant(string Name, IReadOnlyList<Transformation> Applied)
{
    public string Label => string.Join('+', Applied);
}

/// <summary>
/// Writes a listed name the ways people write it outside the list, for measuring recall per kind of rewriting. Pure: the
/// only randomness is the <see cref="Random"/> the caller creates with a seed, so a seed gives the same variants every run.
/// Each transformation is also available on its own through <see cref="Apply"/>, which returns null where it does not apply
/// (a typo needs a word of six letters, a legal form needs a company, ...).
/// </summary>
public static class QueryVariants
{
    /// <summary>Up to <paramref name="count"/> distinct variants of <paramref name="name"/>, each different from the name itself;
    /// about six in ten apply one transformation, the rest two. Fewer when few transformations apply.</summary>
    public static IReadOnlyList<QueryVariant> Generate(string name, Schema schema, Random random, int count)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(random);
        var variants = new List<QueryVariant>(count);
        var seen = new HashSet<string>(StringComparer.Ordinal) { name };
        for (var attempt = 0; attempt < count * 4 && variants.Count < count; attempt++)
        {
            var wanted = random.NextDouble() < 0.6 ? 1 : 2;
            var order = All.ToArray();
            random.Shuffle(order);
            var current = name;
            var applied = new List<Transformation>(wanted);
            foreach (var transformation in order)
            {
                if (Apply(transformation, current, schema, random) is { } next && !seen.Contains(next))
                {
                    current = next;
                    applied.Add(transformation);
                    if (applied.Count == wanted)
                    {
                        break;
                    }
                }
            }
            if (applied.Count > 0 && seen.Add(current))
            {
                variants.Add(new QueryVariant(current, applied));
            }
        }
        return variants;
    }

    public static IReadOnlyList<Transformation> All { get; } = Enum.GetValues<Transformation>();

    /// <summary>Latin letters only (with their accented forms): names in other scripts are not rewritten by these generators.</summary>
    public static bool IsLatinScript(string name) =>
        name.Any(char.IsLetter) && name.Where(char.IsLetter).All(c => c <= '\u024F' || c is >= '\u1E00' and <= '\u1EFF');

    /// <summary>The name rewritten by one transformation, or null when it does not apply or would change nothing.</summary>
    public static string? Apply(Transformation transformation, string name, Schema schema, Random random)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(random);
        var person = schema.IsA("Person");
        var result = transformation switch
        {
            Transformation.Case => ChangeCase(name, random),
            Transformation.Order => person ? Reorder(name) : null,
            Transformation.Syllables => person ? Syllables(name, random) : null,
            Transformation.GivenNameDropped => person ? DropGivenName(name, random) : null,
            Transformation.LegalForm => person ? null : ChangeLegalForm(name, random),
            Transformation.Typo => Typo(name, random),
            Transformation.Diacritics => DropDiacritics(name),
            Transformation.Apostrophe => DropApostrophes(name),
            Transformation.KoreanSurname => person ? SwapKoreanSurname(name, random) : null,
            _ => throw new ArgumentOutOfRangeException(nameof(transformation), transformation, null),
        };
        return result is null || string.Equals(result, name, StringComparison.Ordinal) || !result.Any(char.IsLetter) ? null : result;
    }

    private static string? ChangeCase(string name, Random random)
    {
        string[] options = [name.ToLower(CultureInfo.InvariantCulture), name.ToUpper(CultureInfo.InvariantCulture), TitleCase(name)];
        var different = options.Where(o => !string.Equals(o, name, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        return different.Count == 0 ? null : different[random.Next(different.Count)];
    }

    private static string TitleCase(string text) => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(text.ToLower(CultureInfo.InvariantCulture));

    private static string? Reorder(string name)
    {
        var parts = PersonName.Parse(name);
        if (parts is null)
        {
            return null;
        }
        // "KIM, Jong Un" -> "Jong Un KIM"; "KIM Jong Un" -> "Jong Un KIM"; "Jong Un Kim" -> "Kim, Jong Un".
        var layout = parts.Layout == NameLayout.SurnameLast ? NameLayout.CommaSurnameFirst : NameLayout.SurnameLast;
        return (parts with { Layout = layout }).ToString();
    }

    private static string? Syllables(string name, Random random)
    {
        var parts = PersonName.Parse(name);
        if (parts is null)
        {
            return null;
        }
        var given = parts.Given.ToList();
        var korean = parts.IsKorean;
        var hyphenated = Enumerable.Range(0, given.Count).Where(i => given[i].Count(c => c == '-') == 1 && given[i].Split('-').All(g => IsSyllable(g, korean))).ToList();
        var pairs = Enumerable.Range(0, given.Count - 1).Where(i => IsSyllable(given[i], korean) && IsSyllable(given[i + 1], korean)).ToList();
        if (hyphenated.Count + pairs.Count == 0)
        {
            return null;
        }
        var pick = random.Next(hyphenated.Count + pairs.Count);
        if (pick < hyphenated.Count)
        {
            var i = hyphenated[pick];
            var halves = given[i].Split('-');
            given.RemoveAt(i);
            if (random.Next(2) == 0)
            {
                given.InsertRange(i, halves);
            }
            else
            {
                given.Insert(i, Join(halves[0], halves[1]));
            }
        }
        else
        {
            var i = pairs[pick - hyphenated.Count];
            var joined = random.Next(2) == 0 ? given[i] + "-" + given[i + 1] : Join(given[i], given[i + 1]);
            given.RemoveRange(i, 2);
            given.Insert(i, joined);
        }
        return (parts with { Given = given }).ToString();

        // "Jong" + "Un" -> "Jongun", "JONG" + "UN" -> "JONGUN": the second syllable follows the case of the first.
        static string Join(string first, string second) =>
            first + (first.Any(char.IsLower) ? second.ToLower(CultureInfo.InvariantCulture) : second);
    }

    /// <summary>A romanised syllable as Korean (or Chinese) given names are written: two to four letters ("Jong", "Un", "Chol"),
    /// or up to six in a Korean name ("Myong", "Kwang", "Hyong"); an apostrophe (McCune-Reischauer "My'ong") is not a letter.</summary>
    private static bool IsSyllable(string token, bool korean) =>
        token.Where(c => !Apostrophes.Contains(c)).ToArray() is var letters
        && letters.Length >= 2 && letters.Length <= (korean ? 6 : 4) && letters.All(char.IsLetter);

    private static string? DropGivenName(string name, Random random)
    {
        var parts = PersonName.Parse(name);
        // The first given name is the one people use, so it stays ("Arkady Viktorovich" -> "Arkady", never "Viktorovich");
        // two syllables are one Korean given name split in writing ("Jong Un"), not two names.
        if (parts is null || parts.Given.Count < 2 || (parts.Given.Count == 2 && parts.Given.All(g => IsSyllable(g, parts.IsKorean))))
        {
            return null;
        }
        var given = parts.Given.ToList();
        given.RemoveAt(1 + random.Next(given.Count - 1));
        return (parts with { Given = given }).ToString();
    }

    private static string? Typo(string name, Random random)
    {
        var words = name.Split(' ');
        var candidates = Enumerable.Range(0, words.Length).Where(i => words[i].Count(char.IsLetter) >= 6 && words[i].All(c => char.IsLetter(c) || c is ',' or '.')).ToList();
        if (candidates.Count == 0)
        {
            return null;
        }
        var index = candidates[random.Next(candidates.Count)];
        var word = words[index];
        var letters = word.TrimEnd(',', '.');
        var tail = word[letters.Length..];
        // The first letter is kept: slips inside a word are the common ones, and a changed initial reads as another name.
        var at = 1 + random.Next(letters.Length - 1);
        letters = random.Next(3) switch
        {
            0 => letters.Remove(at, 1),
            1 => letters.Insert(at, letters[at].ToString()),
            _ => SwapWithNext(letters, at),
        };
        words[index] = letters + tail;
        return string.Join(' ', words);

        static string SwapWithNext(string letters, int at)
        {
            var position = at;
            while (position + 1 < letters.Length && char.ToLowerInvariant(letters[position]) == char.ToLowerInvariant(letters[position + 1]))
            {
                position++;
            }
            if (position + 1 >= letters.Length)
            {
                return letters.Remove(at, 1);
            }
            var chars = letters.ToCharArray();
            (chars[position], chars[position + 1]) = (chars[position + 1], chars[position]);
            return new string(chars);
        }
    }

    /// <summary>Letters that do not decompose into a base letter and a mark but are written without it all the same.</summary>
    private static readonly Dictionary<char, string> Unaccented = new()
    {
        ['ø'] = "o", ['Ø'] = "O", ['ł'] = "l", ['Ł'] = "L", ['đ'] = "d", ['Đ'] = "D", ['ı'] = "i", ['ß'] = "ss", ['æ'] = "ae", ['Æ'] = "AE",
    };

    private static string? DropDiacritics(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (Unaccented.TryGetValue(c, out var plain))
            {
                builder.Append(plain);
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    private static readonly char[] Apostrophes = ['\'', '\u2019', '\u2018', '\u02BC', '`'];

    private static string? DropApostrophes(string name)
    {
        var builder = new StringBuilder(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            if (Apostrophes.Contains(name[i]) && i > 0 && char.IsLetter(name[i - 1]) && i + 1 < name.Length && char.IsLetter(name[i + 1]))
            {
                continue;
            }
            builder.Append(name[i]);
        }
        return builder.ToString();
    }

    /// <summary>Published romanisations of the same Korean surnames: McCune-Reischauer as North Korea writes it (Ri, Pak, Choe,
    /// Jon, O), South Korean customary spellings (Lee, Park, Choi, Jeon, Oh) and Revised Romanisation (Bak, Gim).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> KoreanSurnameSpellings { get; } =
    [
        ["Ri", "Li", "Lee", "Rhee"],
        ["Pak", "Park", "Bak"],
        ["Choe", "Choi"],
        ["Jon", "Jeon", "Chon"],
        ["O", "Oh"],
        ["Kim", "Gim"],
    ];

    /// <summary>Common Korean surnames beyond <see cref="KoreanSurnameSpellings"/>, used only to tell that a name is Korean.</summary>
    internal static IReadOnlySet<string> OtherKoreanSurnames { get; } = new HashSet<string>(
        ["Han", "Jang", "Chang", "Kang", "Ryu", "Yu", "So", "Song", "Hwang", "Yun", "Jo", "Cho", "Ko", "Mun", "Yang", "Paek", "Hyon",
         "Sin", "Shin", "Ju", "Jong", "Chong", "Kwon", "Ro", "No", "Om", "Hong", "Thae", "Cha", "Sim", "Tong", "Ryom", "Ryang"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>True when the word is a Korean surname in one of its spellings.</summary>
    internal static bool IsKoreanSurname(string word) => KoreanSurnameGroup(word) is not null || OtherKoreanSurnames.Contains(word);

    /// <summary>The spellings that write the same Korean surname as <paramref name="token"/> (itself included), or null.</summary>
    public static IReadOnlyList<string>? KoreanSurnameGroup(string token) =>
        KoreanSurnameSpellings.FirstOrDefault(g => g.Contains(token, StringComparer.OrdinalIgnoreCase));

    private static string? SwapKoreanSurname(string name, Random random)
    {
        var words = name.Split(' ');
        var positions = new[] { 0, words.Length - 1 }.Distinct()
            .Where(i => KoreanSurnameGroup(words[i].TrimEnd(',', '.')) is not null).ToList();
        if (words.Length < 2 || positions.Count == 0)
        {
            return null;
        }
        var index = positions[random.Next(positions.Count)];
        var word = words[index].TrimEnd(',', '.');
        var tail = words[index][word.Length..];
        var others = KoreanSurnameGroup(word)!.Where(s => !s.Equals(word, StringComparison.OrdinalIgnoreCase)).ToList();
        words[index] = LikeCase(others[random.Next(others.Count)], word) + tail;
        return string.Join(' ', words);
    }

    /// <summary>Writes <paramref name="text"/> in the case style of <paramref name="model"/>: upper, lower or title.</summary>
    internal static string LikeCase(string text, string model)
    {
        if (model.Any(char.IsLower) && !model.Any(char.IsUpper))
        {
            return text.ToLower(CultureInfo.InvariantCulture);
        }
        if (model.Length > 1 && model.Any(char.IsLetter) && !model.Any(char.IsLower))
        {
            return text.ToUpper(CultureInfo.InvariantCulture);
        }
        return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..].ToLower(CultureInfo.InvariantCulture);
    }

    private static string? ChangeLegalForm(string name, Random random)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (VariantLegalForms.Find(words) is not { } found)
        {
            return null;
        }
        var rest = found.Prefix ? string.Join(' ', words[found.Words..]) : string.Join(' ', words[..^found.Words]).TrimEnd(',');
        if (!rest.Any(char.IsLetter))
        {
            return null;
        }
        var alternatives = found.Group.Where(f => !VariantLegalForms.Key(f).Equals(found.Key, StringComparison.Ordinal)).ToList();
        // Dropping the form is the most common rewriting (HR systems keep "Acme", not "Acme Co., Ltd."), so it weighs as much as
        // all the other spellings together.
        if (alternatives.Count == 0 || random.Next(2) == 0)
        {
            return rest;
        }
        var other = alternatives[random.Next(alternatives.Count)];
        var styled = name.Any(char.IsLower) ? other : other.ToUpper(CultureInfo.InvariantCulture);
        return found.Prefix ? styled + " " + rest : rest + " " + styled;
    }
}

/// <summary>Legal forms written at the end (Co., Ltd.) or, in post-Soviet style, at the start (LLC, OOO) of a company name,
/// grouped by the spellings that mean the same form.</summary>
internal static class VariantLegalForms
{
    public static IReadOnlyList<IReadOnlyList<string>> Groups { get; } =
    [
        ["Co., Ltd.", "Company Limited", "Co. Limited", "Company Ltd."],
        ["Ltd.", "Limited"],
        ["Corporation", "Corp."],
        ["Inc.", "Incorporated"],
        ["Company", "Co."],
        ["LLC", "Limited Liability Company"],
        ["JSC", "Joint Stock Company"],
        ["PLC"], ["LLP"], ["GmbH"], ["S.A."], ["FZE"], ["FZCO"], ["Pte. Ltd."], ["Sdn. Bhd."], ["OJSC"], ["CJSC"], ["PJSC"], ["OOO"],
    ];

    private static readonly string[] PrefixForms = ["LLC", "OOO", "JSC", "OJSC", "CJSC", "PJSC"];

    /// <summary>Lower-case keys of every word of every form ("co", "ltd", "limited", ...), for telling form words from name words.</summary>
    public static IReadOnlySet<string> Words { get; } =
        Groups.SelectMany(g => g).SelectMany(f => f.Split(' ')).Select(Key).Where(k => k.Length > 0).ToHashSet(StringComparer.Ordinal);

    /// <param name="Words">How many words of the name the form takes.</param>
    public sealed record Found(IReadOnlyList<string> Group, string Key, int Words, bool Prefix);

    /// <summary>Letters and digits only, lower case: "Co., Ltd." -> "coltd".</summary>
    public static string Key(string text) => new(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    /// <summary>The longest legal form the name ends with (or, for the post-Soviet forms, starts with), whole words only,
    /// leaving at least one word of the name.</summary>
    public static Found? Find(string[] words)
    {
        for (var take = Math.Min(4, words.Length - 1); take >= 1; take--)
        {
            var suffix = Key(string.Concat(words[^take..]));
            var prefix = Key(string.Concat(words[..take]));
            foreach (var group in Groups)
            {
                foreach (var form in group)
                {
                    var key = Key(form);
                    if (suffix.Equals(key, StringComparison.Ordinal))
                    {
                        return new Found(group, key, take, Prefix: false);
                    }
                    if (PrefixForms.Contains(form) && prefix.Equals(key, StringComparison.Ordinal))
                    {
                        return new Found(group, key, take, Prefix: true);
                    }
                }
            }
        }
        return null;
    }
}

internal enum NameLayout
{
    /// <summary>"KIM, Jong Un", as OFAC writes people.</summary>
    CommaSurnameFirst,
    /// <summary>"KIM Jong Un".</summary>
    SurnameFirst,
    /// <summary>"Jong Un Kim".</summary>
    SurnameLast,
}

/// <summary>A person's name split into surname and given names, by the cues the lists give: a comma after the surname (OFAC),
/// a surname in capitals among mixed-case given names (UN, UK), a Korean surname first; otherwise the last word.</summary>
internal sealed record PersonName(IReadOnlyList<string> Surname, IReadOnlyList<string> Given, NameLayout Layout)
{
    public static PersonName? Parse(string name)
    {
        var comma = name.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0)
        {
            if (name.IndexOf(',', comma + 1) >= 0)
            {
                return null;
            }
            var surname = Words(name[..comma]);
            var given = Words(name[(comma + 1)..]);
            return surname.Length == 0 || given.Length == 0 ? null : new PersonName(surname, given, NameLayout.CommaSurnameFirst);
        }
        var words = Words(name);
        if (words.Length < 2)
        {
            return null;
        }
        var capitals = Enumerable.Range(0, words.Length).Where(i => IsCapitals(words[i])).ToList();
        if (capitals.Count == 1 && (capitals[0] == 0 || capitals[0] == words.Length - 1))
        {
            return Split(words, surnameFirst: capitals[0] == 0);
        }
        return Split(words, surnameFirst: QueryVariants.IsKoreanSurname(words[0]));
    }

    /// <summary>True when the surname is a Korean one, so the given names are romanised syllables.</summary>
    public bool IsKorean => Surname.Count == 1 && QueryVariants.IsKoreanSurname(Surname[0].TrimEnd(',', '.'));

    private static PersonName Split(string[] words, bool surnameFirst) => surnameFirst
        ? new PersonName([words[0]], words[1..], NameLayout.SurnameFirst)
        : new PersonName([words[^1]], words[..^1], NameLayout.SurnameLast);

    private static bool IsCapitals(string word) => word.Count(char.IsLetter) >= 2 && !word.Any(char.IsLower);

    private static string[] Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => Layout switch
    {
        NameLayout.CommaSurnameFirst => string.Join(' ', Surname) + ", " + string.Join(' ', Given),
        NameLayout.SurnameFirst => string.Join(' ', Surname.Concat(Given)),
        _ => string.Join(' ', Given.Concat(Surname)),
    };
}

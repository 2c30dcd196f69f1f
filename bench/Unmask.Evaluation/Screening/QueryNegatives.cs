using System.Globalization;
using System.Text;
using Unmask.Domain;
using Unmask.Screening;

namespace Unmask.Evaluation.Screening;

/// <summary>How a negative query was made from its source entity.</summary>
public enum NegativeKind
{
    /// <summary>The source person's surname with the given names of another listed person: "KIM, Chol Su" for "KIM, Jong Un".</summary>
    SameSurname,
    /// <summary>The source organisation's generic words with its distinctive word(s) replaced by another listed organisation's:
    /// "Korea Sobaeksu General Corporation" for "Korea Ryonbong General Corporation".</summary>
    SwappedDistinctiveWord,
}

/// <summary>A name that must not match <see cref="SourceEntityId"/>, made from one of its names (<see cref="SourceName"/>) and a
/// part (given names or a distinctive word) of a name of <see cref="DonorEntityId"/>.</summary>
public sealed record NegativeQuery(string Name, string Schema, string SourceEntityId, string SourceName, NegativeKind Kind, string DonorEntityId);

/// <summary>
/// Makes namesakes: names that look like a listed name but belong to someone else, for measuring false positives.
/// <para>"True negative" here means "not a name of that entity", judged by construction: the namesake takes a different
/// person's given names, or a different organisation's distinctive word, so it names somebody else. As a guard, a namesake is
/// dropped when it is, after folding case, diacritics, punctuation, word order, spacing, Korean surname spellings and legal
/// forms, the very name or alias of ANY entity in the catalogue. Nothing stops a namesake from being close to some other
/// listed name by chance (Korean names repeat a lot): such a match is still counted as a false positive, which is what a
/// screening analyst would have to clear by hand.</para>
/// Pure: the catalogue is read once in the constructor, randomness is the caller's seeded <see cref="Random"/>.
/// </summary>
public sealed class QueryNegatives
{
    private readonly HashSet<string> _listedKeys = new(StringComparer.Ordinal);
    private readonly List<(string EntityId, IReadOnlyList<string> Given)> _givenNames = [];
    private readonly List<(string EntityId, IReadOnlyList<string> Distinctive)> _distinctiveWords = [];
    private readonly HashSet<string> _genericWords;

    /// <param name="catalogue">Every listed entity (any schema): donors of given names and distinctive words, and the names a
    /// negative must not be.</param>
    /// <param name="genericShare">A word found in at least this share of organisation names (and in at least
    /// <paramref name="genericMinimum"/> of them) is generic ("Trading", "General", "Korea"); legal-form words always are.</param>
    public QueryNegatives(IEnumerable<Entity> catalogue, double genericShare = 0.005, int genericMinimum = 3)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var organisationNames = new List<(string EntityId, string[] Words)>();
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entity in catalogue)
        {
            foreach (var name in entity.AllNames())
            {
                _listedKeys.Add(ExactKey(name));
                if (!QueryVariants.IsLatinScript(name))
                {
                    continue;
                }
                if (entity.Schema.IsA("Person") && PersonName.Parse(name) is { } person)
                {
                    _givenNames.Add((entity.Id, person.Given));
                }
                else if (entity.Schema.IsA("Organization"))
                {
                    var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    organisationNames.Add((entity.Id, words));
                    foreach (var key in words.Select(VariantLegalForms.Key).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal))
                    {
                        frequency[key] = frequency.GetValueOrDefault(key) + 1;
                    }
                }
            }
        }
        var cut = Math.Max(genericMinimum, genericShare * organisationNames.Count);
        _genericWords = frequency.Where(f => f.Value >= cut).Select(f => f.Key).Concat(VariantLegalForms.Words).ToHashSet(StringComparer.Ordinal);
        foreach (var (id, words) in organisationNames)
        {
            // Words only (no handles, numbers or codes), so the namesake reads as a firm's name.
            var distinctive = words.Where(w => !IsGeneric(w) && VariantLegalForms.Key(w).Length >= 4 && w.TrimEnd(',', '.').All(c => char.IsLetter(c) || c == '-')).ToList();
            if (distinctive.Count > 0)
            {
                _distinctiveWords.Add((id, distinctive));
            }
        }
    }

    /// <summary>True when the word (any case or punctuation) is generic among organisation names, or has no letters.</summary>
    public bool IsGeneric(string word) => VariantLegalForms.Key(word) is var key && (!key.Any(char.IsLetter) || _genericWords.Contains(key));

    /// <summary>True when the name is, folded as described on the class, a name or alias of an entity of the catalogue.</summary>
    public bool IsListedName(string name) => _listedKeys.Contains(ExactKey(name));

    /// <summary>A namesake of <paramref name="name"/> (a name of <paramref name="source"/>), or null when none can be made:
    /// the name is not in Latin script, cannot be split into surname and given names, has no generic or no distinctive word,
    /// or every attempt came out as a listed name.</summary>
    public NegativeQuery? Generate(Entity source, string name, Random random)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(random);
        if (!QueryVariants.IsLatinScript(name))
        {
            return null;
        }
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var (made, kind) = source.Schema.IsA("Person")
                ? (SameSurname(source, name, random), NegativeKind.SameSurname)
                : (SwappedDistinctiveWord(source, name, random), NegativeKind.SwappedDistinctiveWord);
            if (made is null)
            {
                return null;
            }
            if (!IsListedName(made.Value.Name))
            {
                return new NegativeQuery(made.Value.Name, source.Schema.Name, source.Id, name, kind, made.Value.Donor);
            }
        }
        return null;
    }

    private (string Name, string Donor)? SameSurname(Entity source, string name, Random random)
    {
        if (PersonName.Parse(name) is not { } parts || _givenNames.Count == 0)
        {
            return null;
        }
        var sourceGiven = source.AllNames().Select(PersonName.Parse).OfType<PersonName>()
            .Select(p => ExactKey(string.Join(' ', p.Given))).ToHashSet(StringComparer.Ordinal);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var (donorId, given) = _givenNames[random.Next(_givenNames.Count)];
            if (donorId != source.Id && !sourceGiven.Contains(ExactKey(string.Join(' ', given))))
            {
                var style = parts.Given[0];
                return ((parts with { Given = given.Select(g => QueryVariants.LikeCase(g, style)).ToList() }).ToString(), donorId);
            }
        }
        return null;
    }

    private (string Name, string Donor)? SwappedDistinctiveWord(Entity source, string name, Random random)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var distinctive = Enumerable.Range(0, words.Length).Where(i => !IsGeneric(words[i])).ToList();
        // The generic part must say what the firm does ("General Trading", "Shipping"): "of the" or a legal form alone is not a name.
        var hasGenericName = words.Any(w => IsGeneric(w) && !VariantLegalForms.Words.Contains(VariantLegalForms.Key(w)) && w.Count(char.IsLetter) >= 4);
        if (distinctive.Count == 0 || !hasGenericName || _distinctiveWords.Count == 0)
        {
            return null;
        }
        var own = distinctive.Select(i => VariantLegalForms.Key(words[i])).ToHashSet(StringComparer.Ordinal);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var (donorId, donated) = _distinctiveWords[random.Next(_distinctiveWords.Count)];
            if (donorId == source.Id || donated.Any(w => own.Contains(VariantLegalForms.Key(w))))
            {
                continue;
            }
            var style = words[distinctive[0]].TrimEnd(',', '.');
            var replacement = donated.Take(2).Select(w => QueryVariants.LikeCase(w.TrimEnd(',', '.'), style)).ToList();
            replacement[^1] += Punctuation(words[distinctive[^1]]);
            var rebuilt = new List<string>(words.Length);
            for (var i = 0; i < words.Length; i++)
            {
                if (i == distinctive[0])
                {
                    rebuilt.AddRange(replacement);
                }
                else if (!distinctive.Contains(i))
                {
                    rebuilt.Add(words[i]);
                }
            }
            return (string.Join(' ', rebuilt), donorId);
        }
        return null;

        static string Punctuation(string word) => word[word.TrimEnd(',', '.').Length..];
    }

    /// <summary>The name folded so that spellings of the same name meet: lower case, no diacritics, no punctuation, Korean
    /// surnames to one spelling, legal-form words dropped (unless nothing else is left), and letters in sorted order (which
    /// forgets word order and spacing: "Jong-Un", "Jong Un" and "Jongun" meet).</summary>
    internal static string ExactKey(string name)
    {
        var folded = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
            }
        }
        var words = folded.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => QueryVariants.KoreanSurnameGroup(w) is { } group ? group[0].ToLowerInvariant() : w).ToList();
        var withoutForms = words.Where(w => !VariantLegalForms.Words.Contains(w)).ToList();
        var letters = string.Concat(withoutForms.Count > 0 ? withoutForms : words).ToCharArray();
        Array.Sort(letters);
        return new string(letters);
    }
}

using Unmask.Domain;
using Unmask.Screening.Index;
using Unmask.Screening.Names;

namespace Unmask.Screening;

/// <summary>
/// The in-memory index the screener searches: every matchable list entity with its names prepared (cleaned,
/// transliterated, tokenised, weighted), blocking keys (token, romanisation fold, phonetic key, surname group, consonant
/// skeleton, and joined adjacent tokens) pointing to entities, and identifier keys (wallets, e-mails, domains, document
/// numbers). Immutable once built, so concurrent screening needs no locks.
/// </summary>
public sealed partial class ScreeningIndex
{
    /// <summary>Weak aliases (OFAC "weak" a.k.a., often a bare surname) count a little less than real names.</summary>
    internal const double WeakAliasFactor = 0.9;

    private readonly Dictionary<string, int> _tokenFrequency;
    private readonly Dictionary<string, int[]> _identifiers;
    private readonly Dictionary<string, int> _byId;

    private ScreeningIndex(IndexedEntity[] entities, Dictionary<string, int> tokenFrequency, Dictionary<string, int[]> identifiers)
    {
        Entities = entities;
        _tokenFrequency = tokenFrequency;
        _identifiers = identifiers;
        _byId = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < entities.Length; i++)
        {
            _byId.TryAdd(entities[i].Id, i);
        }
        NameCount = entities.Sum(e => e.Names.Length);
    }

    public int EntityCount => Entities.Count;
    public int NameCount { get; }
    public IReadOnlyList<IndexedEntity> Entities { get; }
    public int BlockingKeyCount => Retrieval.KeyCount;

    /// <summary>Builds the index. Entities of schemas that are not screened (Sanction, Address, links) are left out.</summary>
    public static ScreeningIndex Build(IEnumerable<Entity> entities)
    {
        ArgumentNullException.ThrowIfNull(entities);
        var interned = new Dictionary<(string, bool), NameToken>();
        var prepared = new List<IndexedEntity>();
        foreach (var entity in entities)
        {
            if (!IsScreenable(entity))
            {
                continue;
            }
            var names = new List<PreparedName>();
            var weak = new List<bool>();
            foreach (var (property, isWeak) in NameProperties)
            {
                foreach (var raw in entity.Get(property).SelectMany(QueryText.SplitListName))
                {
                    var name = PreparedName.Parse(raw, null);
                    if (name.IsEmpty || names.Any(n => n.Original == name.Original))
                    {
                        continue;
                    }
                    var abjad = (name.Scripts & (Script.Arabic | Script.Hebrew)) != 0;
                    var variants = name.Variants
                        .Select(v => new NameVariant(v.Tokens.Select(t => Intern(interned, t.Text, abjad)).ToArray()))
                        .ToArray();
                    names.Add(new PreparedName(name.Original, variants, name.Scripts));
                    weak.Add(isWeak);
                }
            }
            var dates = new List<PartialDate>();
            foreach (var value in entity.Get("birthDate"))
            {
                if (PartialDate.TryParseIso(value, out var date) && !dates.Contains(date))
                {
                    dates.Add(date);
                }
            }
            var countries = entity.Get("nationality").Concat(entity.Get("citizenship")).Concat(entity.Get("country"))
                .Select(c => c.Trim().ToLowerInvariant()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
            var identifiers = IdentifierKeys.FromProperties(entity.Get).Distinct(StringComparer.Ordinal).ToArray();
            if (names.Count == 0 && identifiers.Length == 0)
            {
                continue;
            }
            prepared.Add(new IndexedEntity(entity, names.ToArray(), weak.ToArray(), dates.ToArray(), countries, identifiers));
        }

        var array = prepared.ToArray();
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var identifierLists = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<NameVariant>();
        var rowEntity = new List<int>();
        var rowFactor = new List<float>();
        for (var index = 0; index < array.Length; index++)
        {
            seen.Clear();
            var entity = array[index];
            for (var n = 0; n < entity.Names.Length; n++)
            {
                foreach (var variant in entity.Names[n].Variants)
                {
                    rows.Add(variant);
                    rowEntity.Add(index);
                    rowFactor.Add(entity.WeakNames[n] ? (float)WeakAliasFactor : 1f);
                    foreach (var token in variant.Tokens)
                    {
                        if (seen.Add(token.Text))
                        {
                            frequency[token.Text] = frequency.GetValueOrDefault(token.Text) + 1;
                        }
                        if (seen.Add("f:" + token.Fold))
                        {
                            frequency["f:" + token.Fold] = frequency.GetValueOrDefault("f:" + token.Fold) + 1;
                        }
                        if (seen.Add("s:" + token.Skeleton))
                        {
                            frequency["s:" + token.Skeleton] = frequency.GetValueOrDefault("s:" + token.Skeleton) + 1;
                        }
                    }
                }
            }
            foreach (var key in entity.IdentifierKeys)
            {
                if (!identifierLists.TryGetValue(key, out var list))
                {
                    identifierLists[key] = list = [];
                }
                list.Add(index);
            }
        }
        var result = new ScreeningIndex(array, frequency,
            identifierLists.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal));
        foreach (var token in interned.Values)
        {
            token.Weight = result.WeightOf(token);
        }
        result.InitialiseRetrieval(interned, rows, rowEntity, rowFactor);
        return result;
    }

    private static readonly (string Property, bool Weak)[] NameProperties =
        [("name", false), ("alias", false), ("previousName", false), ("weakAlias", true)];

    private static bool IsScreenable(Entity entity) =>
        entity.Target && (entity.Schema.Matchable || entity.Schema.IsA("LegalEntity") || entity.Schema.Name is "Vessel" or "Airplane" or "CryptoWallet" or "Domain" or "UserAccount");

    private static NameToken Intern(Dictionary<(string, bool), NameToken> interned, string text, bool abjad)
    {
        if (!interned.TryGetValue((text, abjad), out var token))
        {
            interned[(text, abjad)] = token = new NameToken(text, abjad);
        }
        return token;
    }

    /// <summary>
    /// Rarity weight of a token: 1 + ln((N + 1) / (df + 1)) where df counts entities with the token (or a spelling that folds
    /// to the same key, so "Gim" is as common as "Kim"; for Arabic script, or the same consonants), capped at 8; initials
    /// weigh at most <see cref="InitialWeight"/>, legal forms 0.4 and filler words 0.3.
    /// </summary>
    public const double InitialWeight = 3;

    public double WeightOf(NameToken token)
    {
        if (token.IsLegalForm)
        {
            return NameToken.LegalFormWeight;
        }
        if (token.IsFiller)
        {
            return NameToken.FillerWeight;
        }
        var df = Math.Max(_tokenFrequency.GetValueOrDefault(token.Text), _tokenFrequency.GetValueOrDefault("f:" + token.Fold));
        if (token.FromAbjad)
        {
            // few list names are written in Arabic script, so "علي" (ly) would look rare by its letters: its consonants
            // say how common it is across scripts (Ali, Aly)
            df = Math.Max(df, _tokenFrequency.GetValueOrDefault("s:" + token.Skeleton));
        }
        if (KoreanSurnames.IsKnownSpelling(token.Text) && token.Text.Length <= 4)
        {
            // all spellings of a surname share its commonness: "Lee" is as common as "Ri"
            df = Math.Max(df, Entities.Count / 50);
        }
        var weight = Math.Min(8, 1 + Math.Log((Entities.Count + 1.0) / (df + 1.0)));
        // an initial stands for any of many names, however rare the letter is as a token on its own
        return token.Text.Length == 1 ? Math.Min(weight, InitialWeight) : weight;
    }

    /// <summary>Prepares a query name with this index's token weights.</summary>
    public PreparedName PrepareQueryName(string? raw)
    {
        var name = PreparedName.Parse(raw);
        foreach (var variant in name.Variants)
        {
            foreach (var token in variant.Tokens)
            {
                token.Weight = WeightOf(token);
                token.Id = Retrieval.Find(token.Text, token.FromAbjad)?.Id ?? -1;
            }
        }
        return name;
    }

    internal bool TryGetEntityIndex(string id, out int index) => _byId.TryGetValue(id, out index);

    internal int[] EntitiesWithIdentifier(string key) => _identifiers.TryGetValue(key, out var list) ? list : [];

}

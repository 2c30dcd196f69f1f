using System.Collections.Concurrent;
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
public sealed class ScreeningIndex
{
    // Keys carried by more than this share of entities are skipped during blocking (they would pull in half the list);
    // such tokens ("co", "kim", "korea") still count when candidates are scored.
    private const double CommonKeyShare = 0.04;

    private readonly Dictionary<string, int[]> _postings;
    private readonly Dictionary<string, int> _tokenFrequency;
    private readonly Dictionary<string, int[]> _identifiers;
    private readonly Dictionary<string, int> _byId;
    private readonly ConcurrentBag<BlockingScratch> _scratch = [];

    private ScreeningIndex(IndexedEntity[] entities, Dictionary<string, int[]> postings, Dictionary<string, int> tokenFrequency,
        Dictionary<string, int[]> identifiers)
    {
        Entities = entities;
        _postings = postings;
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
    public int BlockingKeyCount => _postings.Count;

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
                foreach (var raw in entity.Get(property))
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
        var postingLists = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var identifierLists = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < array.Length; index++)
        {
            seen.Clear();
            keys.Clear();
            foreach (var name in array[index].Names)
            {
                foreach (var variant in name.Variants)
                {
                    var tokens = variant.Tokens;
                    for (var t = 0; t < tokens.Length; t++)
                    {
                        seen.Add(tokens[t].Text);
                        seen.Add("f:" + tokens[t].Fold);
                        AddBlockingKeys(keys, tokens[t]);
                        if (t + 1 < tokens.Length)
                        {
                            keys.Add("t:" + tokens[t].Text + tokens[t + 1].Text);
                            keys.Add("f:" + tokens[t].Fold + tokens[t + 1].Fold);
                        }
                    }
                }
            }
            foreach (var key in seen)
            {
                frequency[key] = frequency.GetValueOrDefault(key) + 1;
            }
            foreach (var key in keys)
            {
                if (!postingLists.TryGetValue(key, out var list))
                {
                    postingLists[key] = list = [];
                }
                list.Add(index);
            }
            foreach (var key in array[index].IdentifierKeys)
            {
                if (!identifierLists.TryGetValue(key, out var list))
                {
                    identifierLists[key] = list = [];
                }
                list.Add(index);
            }
        }
        var result = new ScreeningIndex(array,
            postingLists.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal),
            frequency,
            identifierLists.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal));
        foreach (var token in interned.Values)
        {
            token.Weight = result.WeightOf(token);
        }
        return result;
    }

    private static readonly (string Property, bool Weak)[] NameProperties =
        [("name", false), ("alias", false), ("previousName", false), ("weakAlias", true)];

    private static bool IsScreenable(Entity entity) =>
        entity.Schema.Matchable || entity.Schema.IsA("LegalEntity") || entity.Schema.Name is "Vessel" or "Airplane" or "CryptoWallet" or "Domain" or "UserAccount";

    private static NameToken Intern(Dictionary<(string, bool), NameToken> interned, string text, bool abjad)
    {
        if (!interned.TryGetValue((text, abjad), out var token))
        {
            interned[(text, abjad)] = token = new NameToken(text, abjad);
        }
        return token;
    }

    internal static void AddBlockingKeys(ICollection<string> keys, NameToken token)
    {
        keys.Add("t:" + token.Text);
        keys.Add("f:" + token.Fold);
        if (token.Phonetic.Length >= 2)
        {
            keys.Add("p:" + token.Phonetic);
        }
        if (token.Skeleton.Length >= 2 && !token.IsNumber)
        {
            keys.Add("k:" + token.Skeleton);
        }
        if (KoreanSurnames.GroupKeys(token.Text) is { } groups)
        {
            foreach (var group in groups)
            {
                keys.Add("s:" + group);
            }
        }
    }

    /// <summary>
    /// Rarity weight of a token: 1 + ln((N + 1) / (df + 1)) where df counts entities with the token (or a spelling that folds
    /// to the same key, so "Gim" is as common as "Kim"), capped at 8; legal forms weigh 0.4 and filler words 0.3.
    /// </summary>
    public double WeightOf(NameToken token)
    {
        if (token.IsLegalForm)
        {
            return 0.4;
        }
        if (token.IsFiller)
        {
            return 0.3;
        }
        var df = Math.Max(_tokenFrequency.GetValueOrDefault(token.Text), _tokenFrequency.GetValueOrDefault("f:" + token.Fold));
        if (KoreanSurnames.IsKnownSpelling(token.Text) && token.Text.Length <= 4)
        {
            // all spellings of a surname share its commonness: "Lee" is as common as "Ri"
            df = Math.Max(df, Entities.Count / 50);
        }
        return Math.Min(8, 1 + Math.Log((Entities.Count + 1.0) / (df + 1.0)));
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
            }
        }
        return name;
    }

    internal bool TryGetEntityIndex(string id, out int index) => _byId.TryGetValue(id, out index);

    internal int[] EntitiesWithIdentifier(string key) => _identifiers.TryGetValue(key, out var list) ? list : [];

    /// <summary>
    /// Candidate entities for the query names: each blocking key of each query token adds its rarity (ln(N/df)) to the
    /// entities it points to; the <paramref name="limit"/> entities with the highest totals are returned, best first.
    /// </summary>
    internal List<int> Candidates(IReadOnlyList<PreparedName> names, int limit)
    {
        if (!_scratch.TryTake(out var scratch) || scratch.Scores.Length != Entities.Count)
        {
            scratch = new BlockingScratch(Entities.Count);
        }
        try
        {
            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in names)
            {
                foreach (var variant in name.Variants)
                {
                    var tokens = variant.Tokens;
                    for (var t = 0; t < tokens.Length; t++)
                    {
                        AddBlockingKeys(keys, tokens[t]);
                        if (t + 1 < tokens.Length)
                        {
                            keys.Add("t:" + tokens[t].Text + tokens[t + 1].Text);
                            keys.Add("f:" + tokens[t].Fold + tokens[t + 1].Fold);
                        }
                    }
                }
            }
            var maxPosting = Math.Max(50, (int)(Entities.Count * CommonKeyShare));
            var usedAny = false;
            foreach (var pass in new[] { false, true })
            {
                // second pass only when every key was too common (a query of just "Kim Co Ltd")
                if (pass && usedAny)
                {
                    break;
                }
                foreach (var key in keys)
                {
                    if (!_postings.TryGetValue(key, out var posting) || (!pass && posting.Length > maxPosting))
                    {
                        continue;
                    }
                    usedAny = true;
                    var weight = (float)Math.Log((Entities.Count + 1.0) / posting.Length) + 0.1f;
                    foreach (var entity in posting)
                    {
                        if (scratch.Scores[entity] == 0)
                        {
                            scratch.Touched.Add(entity);
                        }
                        scratch.Scores[entity] += weight;
                    }
                }
            }
            var touched = scratch.Touched;
            var scores = scratch.Scores;
            List<int> result;
            if (touched.Count > limit)
            {
                // top-k with a min-heap: O(n log k) instead of sorting every touched entity
                var heap = scratch.Heap;
                heap.Clear();
                foreach (var entity in touched)
                {
                    if (heap.Count < limit)
                    {
                        heap.Enqueue(entity, scores[entity]);
                    }
                    else if (heap.TryPeek(out _, out var lowest) && scores[entity] > lowest)
                    {
                        heap.DequeueEnqueue(entity, scores[entity]);
                    }
                }
                result = new List<int>(heap.Count);
                while (heap.TryDequeue(out var entity, out _))
                {
                    result.Add(entity);
                }
                result.Reverse();
            }
            else
            {
                result = [.. touched];
            }
            foreach (var entity in touched)
            {
                scores[entity] = 0;
            }
            touched.Clear();
            return result;
        }
        finally
        {
            _scratch.Add(scratch);
        }
    }

    private sealed class BlockingScratch(int size)
    {
        public float[] Scores { get; } = new float[size];
        public List<int> Touched { get; } = new(1024);
        public PriorityQueue<int, float> Heap { get; } = new();
    }
}

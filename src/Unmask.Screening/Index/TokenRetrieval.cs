using Unmask.Screening.Names;
using Unmask.Screening.Scoring;

namespace Unmask.Screening.Index;

/// <summary>
/// Candidate retrieval at the token level. Every distinct list token has an id; a query token finds the list tokens it can
/// earn credit against through keys that cover every way <see cref="NameMatcher.CompareTokens"/> gives credit: the spelling
/// and its romanisation fold with up to one deleted letter (two for words of seven letters or more, the symmetric-deletion
/// idea of SymSpell: two words one edit apart share a key), Korean surname groups, groups of name forms (Ted / Theodore), and consonant skeletons for Arabic and
/// Hebrew. Each such token's similarity is computed once per query; name rows holding it then accumulate an upper bound of
/// their alignment score, so only the few best rows are aligned in full.
/// </summary>
internal sealed class TokenRetrieval
{
    private const int MaxKeyLength = 24;

    /// <summary>Most keys of one token: text and fold, each whole, with one and with two letters deleted.</summary>
    private const int MaxKeys = 2 * (1 + MaxKeyLength + (MaxKeyLength * (MaxKeyLength - 1) / 2));

    /// <summary>The sorted key hashes are split by their top bits so a lookup searches a few dozen keys, not all.</summary>
    private const int BucketBits = 16;

    private readonly int[] _bucketStart;

    private readonly NameToken[] _tokens;
    private readonly Dictionary<(string, bool), NameToken> _byText;
    private readonly ulong[] _keyHashes;
    private readonly int[] _keyTokens;
    private readonly int[][] _surnameGroups;
    private readonly Dictionary<int, int[]> _equivalenceGroups;
    private readonly Dictionary<string, int[]> _skeletonAll;
    private readonly Dictionary<string, int[]> _skeletonAbjad;
    private readonly int[][] _rowsByToken;
    private readonly Dictionary<string, (int Row, float Weight)[]> _joinedByText;
    private readonly Dictionary<string, (int Row, float Weight)[]> _joinedByFold;

    public TokenRetrieval(Dictionary<(string, bool), NameToken> interned, IReadOnlyList<NameVariant> rows)
    {
        _byText = interned;
        _tokens = new NameToken[interned.Count];
        var id = 0;
        foreach (var token in interned.Values)
        {
            token.Id = id;
            _tokens[id++] = token;
        }
        var keys = new List<(ulong Hash, int Token)>(_tokens.Length * 12);
        var keyBuffer = new ulong[MaxKeys];
        var surnames = new List<int>[128];
        var equivalents = new Dictionary<int, List<int>>();
        var skeletonAll = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var skeletonAbjad = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var token in _tokens)
        {
            var count = KeysOf(token, keyBuffer);
            for (var k = 0; k < count; k++)
            {
                keys.Add((keyBuffer[k], token.Id));
            }
            for (var bit = 0; bit < 128; bit++)
            {
                if ((token.SurnameGroups & (UInt128.One << bit)) != UInt128.Zero)
                {
                    (surnames[bit] ??= []).Add(token.Id);
                }
            }
            foreach (var group in token.EquivalenceGroups)
            {
                Add(equivalents, group, token.Id);
            }
            if (token.Skeleton.Length >= 1 && !token.IsNumber)
            {
                Add(skeletonAll, token.Skeleton, token.Id);
                if (token.FromAbjad)
                {
                    Add(skeletonAbjad, token.Skeleton, token.Id);
                }
            }
        }
        keys.Sort((a, b) => a.Hash != b.Hash ? a.Hash.CompareTo(b.Hash) : a.Token.CompareTo(b.Token));
        _keyHashes = new ulong[keys.Count];
        _keyTokens = new int[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            (_keyHashes[i], _keyTokens[i]) = keys[i];
        }
        _bucketStart = new int[(1 << BucketBits) + 1];
        for (int bucket = 0, i = 0; bucket <= 1 << BucketBits; bucket++)
        {
            while (i < _keyHashes.Length && (int)(_keyHashes[i] >> (64 - BucketBits)) < bucket)
            {
                i++;
            }
            _bucketStart[bucket] = i;
        }
        _surnameGroups = surnames.Select(g => g?.ToArray() ?? []).ToArray();
        _equivalenceGroups = equivalents.ToDictionary(p => p.Key, p => p.Value.ToArray());
        _skeletonAll = skeletonAll.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _skeletonAbjad = skeletonAbjad.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);

        var rowsByToken = new List<int>?[_tokens.Length];
        var joinedByText = new Dictionary<string, List<(int, float)>>(StringComparer.Ordinal);
        var joinedByFold = new Dictionary<string, List<(int, float)>>(StringComparer.Ordinal);
        for (var row = 0; row < rows.Count; row++)
        {
            var tokens = rows[row].Tokens;
            for (var t = 0; t < tokens.Length; t++)
            {
                var list = rowsByToken[tokens[t].Id] ??= [];
                if (list.Count == 0 || list[^1] != row)
                {
                    list.Add(row);
                }
                if (t + 1 < tokens.Length)
                {
                    var weight = (float)(tokens[t].Weight + tokens[t + 1].Weight);
                    Add(joinedByText, tokens[t].Text + tokens[t + 1].Text, (row, weight));
                    Add(joinedByFold, tokens[t].Fold + tokens[t + 1].Fold, (row, weight));
                }
            }
        }
        _rowsByToken = rowsByToken.Select(r => r?.ToArray() ?? []).ToArray();
        _joinedByText = joinedByText.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _joinedByFold = joinedByFold.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }

    public int TokenCount => _tokens.Length;

    public int KeyCount => _keyHashes.Length + _skeletonAll.Count + _joinedByText.Count + _joinedByFold.Count;

    public NameToken? Find(string text, bool abjad) => _byText.TryGetValue((text, abjad), out var token) ? token : null;

    public int[] RowsOf(int token) => _rowsByToken[token];

    public (int Row, float Weight)[] JoinedRows(NameToken token)
    {
        if (_joinedByText.TryGetValue(token.Text, out var byText))
        {
            return byText;
        }
        return _joinedByFold.TryGetValue(token.Fold, out var byFold) ? byFold : [];
    }

    /// <summary>List tokens the query token earns credit against, with their similarity, into <paramref name="found"/>
    /// (sorted by token id). <paramref name="stamp"/>/<paramref name="seen"/> dedupe without clearing an array per query.</summary>
    public void Similar(NameToken query, List<TokenSimilarity> found, int[] seen, int stamp)
    {
        if (query.Text.Length == 1)
        {
            return; // initials are compared when names are aligned; as keys they would pull in every name with that letter
        }
        // Batches repeat the same given names and surnames over and over: what a token meets is looked up once.
        if (_similarCache.TryGetValue((query.Text, query.FromAbjad), out var cached))
        {
            found.AddRange(cached);
            return;
        }
        var start = found.Count;
        Lookup(query, found, seen, stamp);
        var count = found.Count - start;
        if (Volatile.Read(ref _similarCached) + count <= SimilarCacheCapacity
            && _similarCache.TryAdd((query.Text, query.FromAbjad), found.GetRange(start, count).ToArray()))
        {
            Interlocked.Add(ref _similarCached, count);
        }
    }

    /// <summary>Most similar-token entries kept in the cache (12 bytes each, so about 24 MB): a batch's names repeat long
    /// before that; once full, further tokens are looked up every time.</summary>
    private const int SimilarCacheCapacity = 2_000_000;

    private int _similarCached;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, bool), TokenSimilarity[]> _similarCache = new();

    private void Lookup(NameToken query, List<TokenSimilarity> found, int[] seen, int stamp)
    {
        var start = found.Count;
        Span<ulong> keys = stackalloc ulong[MaxKeys];
        var keyCount = KeysOf(query, keys);
        for (var k = 0; k < keyCount; k++)
        {
            var hash = keys[k];
            var bucket = (int)(hash >> (64 - BucketBits));
            var from = _bucketStart[bucket];
            var span = _keyHashes.AsSpan(from, _bucketStart[bucket + 1] - from);
            var at = span.BinarySearch(hash);
            if (at < 0)
            {
                continue;
            }
            while (at > 0 && span[at - 1] == hash)
            {
                at--;
            }
            for (; at < span.Length && span[at] == hash; at++)
            {
                Verify(query, _keyTokens[from + at], found, seen, stamp);
            }
        }
        if (query.SurnameGroups != UInt128.Zero)
        {
            for (var bit = 0; bit < 128; bit++)
            {
                if ((query.SurnameGroups & (UInt128.One << bit)) != UInt128.Zero)
                {
                    foreach (var token in _surnameGroups[bit])
                    {
                        Verify(query, token, found, seen, stamp);
                    }
                }
            }
        }
        foreach (var group in query.EquivalenceGroups)
        {
            if (_equivalenceGroups.TryGetValue(group, out var members))
            {
                foreach (var token in members)
                {
                    Verify(query, token, found, seen, stamp);
                }
            }
        }
        if (query.Skeleton.Length >= 1 && !query.IsNumber
            && (query.FromAbjad ? _skeletonAll : _skeletonAbjad).TryGetValue(query.Skeleton, out var sameSkeleton))
        {
            foreach (var token in sameSkeleton)
            {
                Verify(query, token, found, seen, stamp);
            }
        }
        found.Sort(start, found.Count - start, TokenSimilarity.ById);
    }

    private void Verify(NameToken query, int token, List<TokenSimilarity> found, int[] seen, int stamp)
    {
        if (seen[token] == stamp)
        {
            return;
        }
        seen[token] = stamp;
        var (similarity, kind) = NameMatcher.CompareTokens(query, _tokens[token]);
        if (NameMatcher.Credit(similarity) > 0)
        {
            found.Add(new TokenSimilarity(token, (float)similarity, kind));
        }
    }

    /// <summary>Hashes of the token's text and fold with no, one, or (from seven letters) two letters deleted, into
    /// <paramref name="into"/> (at least <see cref="MaxKeys"/> long); returns how many.</summary>
    private static int KeysOf(NameToken token, Span<ulong> into)
    {
        var count = AddDeletions(token.Text, token.IsNumber, into);
        if (token.Fold != token.Text && token.Fold.Length > 0)
        {
            count += AddDeletions(token.Fold, token.IsNumber, into[count..]);
        }
        return count;
    }

    private static int AddDeletions(string text, bool exactOnly, Span<ulong> into)
    {
        var s = text.Length > MaxKeyLength ? text.AsSpan(0, MaxKeyLength) : text.AsSpan();
        var count = 0;
        into[count++] = Hash(s, -1, -1);
        if (exactOnly || s.Length < 4)
        {
            return count;
        }
        for (var i = 0; i < s.Length; i++)
        {
            into[count++] = Hash(s, i, -1);
            if (s.Length >= 7)
            {
                for (var j = i + 1; j < s.Length; j++)
                {
                    into[count++] = Hash(s, i, j);
                }
            }
        }
        return count;
    }

    /// <summary>FNV-1a of the characters, skipping positions <paramref name="skipA"/> and <paramref name="skipB"/>.</summary>
    private static ulong Hash(ReadOnlySpan<char> s, int skipA, int skipB)
    {
        var hash = 14695981039346656037UL;
        for (var i = 0; i < s.Length; i++)
        {
            if (i == skipA || i == skipB)
            {
                continue;
            }
            hash = (hash ^ s[i]) * 1099511628211UL;
        }
        return hash;
    }

    private static void Add<TKey, TValue>(Dictionary<TKey, List<TValue>> map, TKey key, TValue value)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }
        list.Add(value);
    }
}

/// <summary>A list token a query token earns credit against.</summary>
internal readonly record struct TokenSimilarity(int Token, float Similarity, TokenMatchKind Kind)
{
    public static readonly IComparer<TokenSimilarity> ById = Comparer<TokenSimilarity>.Create(static (a, b) => a.Token.CompareTo(b.Token));
}

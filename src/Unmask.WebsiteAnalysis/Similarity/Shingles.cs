using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Unmask.WebsiteAnalysis.Similarity;

/// <summary>Word k-shingles of a token sequence. Articles are skipped (see <see cref="Tokenizer.IsSkippedInShingles"/>);
/// each shingle remembers the index of its first and last token in the original token list so that matches map back to text.</summary>
public readonly record struct Shingle(ulong Hash, int FirstToken, int LastToken);

public static class Shingles
{
    public const int DefaultSize = 5;

    public static ulong HashToken(string norm) => HashToken(norm.AsSpan());

    public static ulong HashToken(ReadOnlySpan<char> norm) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(norm));

    /// <summary>The hashes of <see cref="Of"/>(<see cref="Tokenizer.Tokenize"/>(<paramref name="text"/>)), added to
    /// <paramref name="into"/> without building the token list (no string per word).</summary>
    public static void HashesOf(string text, ICollection<ulong> into, int size = DefaultSize)
    {
        var sink = new HashSink(new List<ulong>(text.Length / 5));
        Tokenizer.Scan(text, ref sink);
        var hashes = sink.Hashes;
        for (var i = 0; i + size <= hashes.Count; i++)
        {
            into.Add(Combine(hashes, i, size));
        }
    }

    private struct HashSink(List<ulong> hashes) : Tokenizer.ITokenSink
    {
        public List<ulong> Hashes { get; } = hashes;

        public readonly void Add(ReadOnlySpan<char> norm, int start, int end, TokenKind kind)
        {
            if (!Tokenizer.IsSkippedInShingles(norm))
            {
                Hashes.Add(HashToken(norm));
            }
        }
    }

    private static ulong Combine(List<ulong> hashes, int first, int size)
    {
        ulong h = 0x9E3779B97F4A7C15UL;
        for (var j = 0; j < size; j++)
        {
            h = Mix(h ^ hashes[first + j]);
        }
        return h;
    }

    public static List<Shingle> Of(IReadOnlyList<Token> tokens, int size = DefaultSize)
    {
        var kept = new List<int>(tokens.Count);
        var hashes = new List<ulong>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!Tokenizer.IsSkippedInShingles(tokens[i].Norm))
            {
                kept.Add(i);
                hashes.Add(HashToken(tokens[i].Norm));
            }
        }
        var result = new List<Shingle>(Math.Max(0, kept.Count - size + 1));
        for (var i = 0; i + size <= kept.Count; i++)
        {
            result.Add(new Shingle(Combine(hashes, i, size), kept[i], kept[i + size - 1]));
        }
        return result;
    }

    private static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdUL;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53UL;
        x ^= x >> 33;
        return x;
    }
}

/// <summary>Winnowing (Schleimer, Wilkerson, Aiken, SIGMOD 2003): in every window of <c>w</c> consecutive shingle hashes the
/// minimum (rightmost on ties) is kept. Guarantee: two texts sharing a run of at least <c>w + k - 1</c> shingled words share at
/// least one selected fingerprint; runs shorter than <c>k</c> words are never matched.</summary>
public static class Winnowing
{
    public const int DefaultWindow = 8;

    public static List<ulong> Fingerprints(IReadOnlyList<Shingle> shingles, int window = DefaultWindow)
    {
        var selected = new List<ulong>();
        if (shingles.Count == 0)
        {
            return selected;
        }
        if (shingles.Count <= window)
        {
            selected.Add(shingles.Min(s => s.Hash));
            return selected;
        }
        var lastPicked = -1;
        for (var start = 0; start + window <= shingles.Count; start++)
        {
            var min = start;
            for (var i = start + 1; i < start + window; i++)
            {
                if (shingles[i].Hash <= shingles[min].Hash)
                {
                    min = i;
                }
            }
            if (min != lastPicked)
            {
                selected.Add(shingles[min].Hash);
                lastPicked = min;
            }
        }
        return selected;
    }
}

/// <summary>MinHash signature (Broder 1997) of a set of 64-bit hashes with <c>permutations</c> seeded universal hash functions.
/// The share of equal positions of two signatures estimates the Jaccard similarity of the sets.</summary>
public static class MinHash
{
    public const int DefaultPermutations = 64;

    public static uint[] Signature(IEnumerable<ulong> set, int permutations = DefaultPermutations)
    {
        var signature = new uint[permutations];
        Array.Fill(signature, uint.MaxValue);
        var any = false;
        foreach (var h in set)
        {
            any = true;
            for (var p = 0; p < permutations; p++)
            {
                var mixed = (uint)((h * Multipliers[p] + Offsets[p]) >> 32);
                if (mixed < signature[p])
                {
                    signature[p] = mixed;
                }
            }
        }
        return any ? signature : [];
    }

    public static double Estimate(uint[] a, uint[] b)
    {
        if (a.Length == 0 || a.Length != b.Length)
        {
            return 0;
        }
        var equal = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] == b[i])
            {
                equal++;
            }
        }
        return (double)equal / a.Length;
    }

    // Fixed odd multipliers derived from a SplitMix64 sequence, so signatures are stable across runs and machines.
    private static readonly ulong[] Multipliers = Sequence(0x5DEECE66DUL, 256, odd: true);
    private static readonly ulong[] Offsets = Sequence(0xB5AD4ECEDA1CE2A9UL, 256, odd: false);

    private static ulong[] Sequence(ulong seed, int count, bool odd)
    {
        var values = new ulong[count];
        var state = seed;
        for (var i = 0; i < count; i++)
        {
            state += 0x9E3779B97F4A7C15UL;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            values[i] = odd ? z | 1 : z;
        }
        return values;
    }
}

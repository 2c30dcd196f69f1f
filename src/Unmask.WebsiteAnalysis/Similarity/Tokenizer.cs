using System.Text.RegularExpressions;

namespace Unmask.WebsiteAnalysis.Similarity;

public enum TokenKind { Word, Email, Domain, Phone }

/// <summary>One token of visible text: its surface form, the normalised form used for shingles, and its span in the text.</summary>
public readonly record struct Token(string Norm, int Start, int End, TokenKind Kind);

/// <summary>Splits visible text into words, keeping e-mail addresses, domain names and phone numbers as single tokens so that a
/// swapped contact detail lines up as one substitution.</summary>
public static partial class Tokenizer
{
    [GeneratedRegex(@"(?<email>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24})|(?<domain>(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\p{L}\p{N}]))|(?<phone>\+?\(?\d[\d().\s\-]{5,}\d)|(?<word>[\p{L}\p{M}\p{N}]+(?:['’][\p{L}]+)?)", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"[\p{L}\p{M}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();

    public static List<Token> Tokenize(string text)
    {
        var sink = new ListSink(new List<Token>(text.Length / 5));
        Scan(text, ref sink);
        return sink.Tokens;
    }

    /// <summary>Receives each token's normalised form (valid only during the call), its span in the text and its kind.</summary>
    public interface ITokenSink
    {
        void Add(ReadOnlySpan<char> norm, int start, int end, TokenKind kind);
    }

    private readonly struct ListSink(List<Token> tokens) : ITokenSink
    {
        public List<Token> Tokens { get; } = tokens;

        public void Add(ReadOnlySpan<char> norm, int start, int end, TokenKind kind) => Tokens.Add(new Token(norm.ToString(), start, end, kind));
    }

    /// <summary>Tokenises without allocating a string per token: the normalised form is written to a scratch buffer and handed to
    /// <paramref name="sink"/>. <see cref="Tokenize"/> and the hash-only shingling of <see cref="Shingles.HashesOf"/> share it,
    /// so both see exactly the same tokens.</summary>
    public static void Scan<TSink>(string text, ref TSink sink) where TSink : struct, ITokenSink
    {
        Span<char> scratch = stackalloc char[128];
        char[]? rented = null;
        try
        {
            // ValueMatch enumeration allocates nothing per match; the alternative that matched is read back from the span (only
            // the e-mail alternative contains '@', only the domain alternative ends in a letter after a dot, a phone match is 7+
            // characters of digits and separators, anything else is a word).
            foreach (var match in TokenPattern().EnumerateMatches(text))
            {
                var span = text.AsSpan(match.Index, match.Length);
                var end = match.Index + match.Length;
                if (span.Length > scratch.Length)
                {
                    if (rented is not null)
                    {
                        System.Buffers.ArrayPool<char>.Shared.Return(rented);
                    }
                    rented = System.Buffers.ArrayPool<char>.Shared.Rent(span.Length);
                    scratch = rented;
                }
                switch (KindOf(span))
                {
                    case TokenKind.Email:
                        sink.Add(Lower(span, scratch), match.Index, end, TokenKind.Email);
                        break;
                    case TokenKind.Domain:
                        var domain = span.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? span[4..] : span;
                        sink.Add(Lower(domain, scratch), match.Index, end, TokenKind.Domain);
                        break;
                    case TokenKind.Phone:
                        var count = 0;
                        foreach (var c in span)
                        {
                            if (char.IsAsciiDigit(c))
                            {
                                scratch[count++] = c;
                            }
                        }
                        if (count is >= 7 and <= 15 && !LooksLikeYearRange(span))
                        {
                            sink.Add(scratch[..count], match.Index, end, TokenKind.Phone);
                        }
                        else
                        {
                            // Not a phone after all: its words, kept as written.
                            foreach (var word in WordPattern().EnumerateMatches(span))
                            {
                                sink.Add(span.Slice(word.Index, word.Length), match.Index + word.Index, match.Index + word.Index + word.Length, TokenKind.Word);
                            }
                        }
                        break;
                    default:
                        var norm = Lower(span, scratch);
                        var apostrophe = norm.IndexOf('’');
                        if (apostrophe >= 0)
                        {
                            norm[apostrophe..].Replace('’', '\'');
                        }
                        sink.Add(norm, match.Index, end, TokenKind.Word);
                        break;
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static Span<char> Lower(ReadOnlySpan<char> span, Span<char> scratch)
    {
        var written = span.ToLowerInvariant(scratch);
        return scratch[..written];
    }

    private static TokenKind KindOf(ReadOnlySpan<char> match)
    {
        if (match.Contains('@'))
        {
            return TokenKind.Email;
        }
        if (match.Contains('.') && char.IsAsciiLetter(match[^1]))
        {
            return TokenKind.Domain;
        }
        if (match.Length >= 7 && (match[0] is '+' or '(' || char.IsDigit(match[0])))
        {
            foreach (var c in match)
            {
                if (!char.IsDigit(c) && !char.IsWhiteSpace(c) && c is not ('+' or '(' or ')' or '.' or '-'))
                {
                    return TokenKind.Word;
                }
            }
            return TokenKind.Phone;
        }
        return TokenKind.Word;
    }

    private static bool LooksLikeYearRange(ReadOnlySpan<char> value)
    {
        var parts = 0;
        foreach (var range in value.SplitAny("-– .()"))
        {
            var part = value[range];
            if (part.Length == 0)
            {
                continue;
            }
            if (part.Length != 4 || part[0] is not ('1' or '2'))
            {
                return false;
            }
            parts++;
        }
        return parts >= 2;
    }

    /// <summary>Articles carry no evidence and machine-translation round trips drop them, so shingles skip them.</summary>
    public static bool IsSkippedInShingles(ReadOnlySpan<char> norm) => norm is "a" or "an" or "the";
}

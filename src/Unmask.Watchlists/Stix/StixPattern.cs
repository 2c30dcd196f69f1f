using System.Text;
using Unmask.Watchlists.Ioc;

namespace Unmask.Watchlists.Stix;

/// <summary>One value an indicator pattern matches: an object path such as <c>domain-name:value</c> and its literal.</summary>
public sealed record StixPatternValue(string ObjectType, string Property, string Value);

/// <summary>What Unmask takes from a STIX pattern: the literal values of its supported equality comparisons.</summary>
/// <param name="Values">Values of <c>=</c> / <c>IN</c> comparisons on supported object paths, in pattern order.</param>
/// <param name="UnsupportedComparisons">Comparisons on other paths or with other operators (hashes, MATCHES...), skipped.</param>
/// <param name="Refusal">Set when the whole pattern is refused: a conjunction (AND, FOLLOWEDBY), a negation, or a syntax error.</param>
public sealed record StixPatternResult(IReadOnlyList<StixPatternValue> Values, int UnsupportedComparisons, string? Refusal)
{
    /// <summary>True when the pattern is not valid STIX patterning at all (a syntax error), as opposed to a valid pattern
    /// Unmask does not take (AND, NOT, FOLLOWEDBY): the first is bad input, the second a warning.</summary>
    public bool Malformed { get; init; }

    internal static StixPatternResult Bad(string reason) => new([], 0, reason) { Malformed = true };
}

/// <summary>
/// A reader for the simple part of the STIX 2.1 patterning language (STIX 2.1 §9): observation expressions in
/// brackets, comparisons joined by OR, qualifiers (WITHIN, START/STOP, REPEATS) ignored. Only disjunctions are taken:
/// each value of <c>[domain-name:value = 'a' OR ipv4-addr:value = '1.2.3.4']</c> indicates on its own, whereas
/// in <c>[x509-certificate:issuer = … AND …:serial_number = …]</c> no single value does, so AND patterns are refused.
/// </summary>
public static class StixPattern
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "AND", "OR", "NOT", "IN", "LIKE", "MATCHES", "ISSUBSET", "ISSUPERSET", "FOLLOWEDBY", "WITHIN", "SECONDS", "START", "STOP",
        "REPEATS", "TIMES",
    };

    /// <summary>The indicator kind a STIX object path denotes, or null when Unmask does not import it.</summary>
    public static IndicatorKind? KindOf(string objectType, string property)
    {
        switch (objectType)
        {
            case "domain-name" when property == "value":
                return IndicatorKind.Domain;
            case "ipv4-addr" or "ipv6-addr" when property == "value":
                return IndicatorKind.IpAddress;
            case "email-addr" when property == "value":
                return IndicatorKind.Email;
            case "email-message" when property is "from_ref.value" or "sender_ref.value":
                return IndicatorKind.Email;
            case "url" when property == "value":
                return IndicatorKind.Url;
            case "user-account" when property is "account_login" or "user_id":
                return IndicatorKind.Username;
        }
        // STIX 2.1 has no wallet object; producers use the cryptocurrency-wallet extension object or x-…-wallet custom objects.
        return IsWalletType(objectType) && property is "value" or "address" ? IndicatorKind.Wallet : null;
    }

    public static bool IsWalletType(string objectType) =>
        objectType.Contains("wallet", StringComparison.Ordinal) || objectType is "cryptocurrency-address" or "x-crypto-address";

    public static StixPatternResult Parse(string pattern)
    {
        List<Token> tokens;
        try
        {
            tokens = Tokenize(pattern);
        }
        catch (FormatException ex)
        {
            return StixPatternResult.Bad(ex.Message);
        }
        if (tokens.Count(t => t.Kind == TokenKind.Punct && t.Text == "[") != tokens.Count(t => t.Kind == TokenKind.Punct && t.Text == "]")
            || tokens.Count(t => t.Kind == TokenKind.Punct && t.Text == "(") != tokens.Count(t => t.Kind == TokenKind.Punct && t.Text == ")"))
        {
            return StixPatternResult.Bad("unbalanced brackets or parentheses in pattern");
        }
        var values = new List<StixPatternValue>();
        var unsupported = 0;
        var i = 0;
        while (i < tokens.Count)
        {
            var token = tokens[i];
            switch (token.Kind)
            {
                case TokenKind.Punct when token.Text is "[" or "]" or "(" or ")":
                    i++;
                    continue;
                case TokenKind.Word when token.Text == "OR":
                    i++;
                    continue;
                case TokenKind.Word when token.Text is "AND" or "FOLLOWEDBY":
                    return new StixPatternResult([], 0, $"pattern joins comparisons with {token.Text}");
                case TokenKind.Word when token.Text == "NOT":
                    return new StixPatternResult([], 0, "pattern negates a comparison (NOT)");
                case TokenKind.Word when token.Text is "WITHIN" or "REPEATS":
                    i += 3; // WITHIN n SECONDS, REPEATS n TIMES
                    continue;
                case TokenKind.Word when token.Text is "START" or "STOP":
                    i += 2; // START t'…' STOP t'…'
                    continue;
                case TokenKind.Path:
                    break;
                default:
                    return StixPatternResult.Bad($"unexpected '{token.Text}' in pattern");
            }
            if (i + 1 >= tokens.Count)
            {
                return StixPatternResult.Bad("pattern ends after an object path");
            }
            var path = token.Text;
            var colon = path.IndexOf(':', StringComparison.Ordinal);
            var objectType = path[..colon];
            var property = path[(colon + 1)..];
            var op = tokens[i + 1];
            i += 2;
            var literals = new List<Token>();
            if (op.Text == "IN")
            {
                if (i >= tokens.Count || tokens[i].Text != "(")
                {
                    return StixPatternResult.Bad("IN without a list");
                }
                i++;
                while (i < tokens.Count && tokens[i].Text != ")")
                {
                    if (tokens[i].Text != ",")
                    {
                        literals.Add(tokens[i]);
                    }
                    i++;
                }
                i++;
            }
            else
            {
                if (i >= tokens.Count)
                {
                    return StixPatternResult.Bad("comparison without a value");
                }
                if (tokens[i].Kind == TokenKind.Punct)
                {
                    return StixPatternResult.Bad("comparison without a value");
                }
                literals.Add(tokens[i]);
                i++;
            }
            var kind = KindOf(objectType, property);
            if (kind is null || op.Text is not ("=" or "IN") || literals.Any(l => l.Kind != TokenKind.String))
            {
                unsupported++;
                continue;
            }
            values.AddRange(literals.Select(l => new StixPatternValue(objectType, property, l.Text)));
        }
        return values.Count == 0 && unsupported == 0 ? StixPatternResult.Bad("pattern has no comparison") : new StixPatternResult(values, unsupported, null);
    }

    private enum TokenKind
    {
        Punct,
        Word,
        Path,
        String,
        Number,
        Operator,
    }

    private readonly record struct Token(TokenKind Kind, string Text);

    private static List<Token> Tokenize(string pattern)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '[' or ']' or '(' or ')' or ',')
            {
                tokens.Add(new Token(TokenKind.Punct, c.ToString()));
                i++;
            }
            else if (c == '\'' || (c is 't' or 'h' or 'b' && i + 1 < pattern.Length && pattern[i + 1] == '\''))
            {
                var kind = c == '\'' ? TokenKind.String : TokenKind.Number; // t'…', h'…', b'…' are not plain strings
                i += c == '\'' ? 1 : 2;
                var text = ReadQuoted(pattern, ref i);
                tokens.Add(new Token(kind, text));
            }
            else if (c is '=' or '!' or '<' or '>')
            {
                var op = i + 1 < pattern.Length && pattern[i + 1] == '=' ? pattern.Substring(i, 2) : c.ToString();
                if (op == "!")
                {
                    throw new FormatException("'!' without '='");
                }
                tokens.Add(new Token(TokenKind.Operator, op));
                i += op.Length;
            }
            else if (char.IsAsciiDigit(c) || c is '-' or '+' or '.')
            {
                var start = i;
                while (i < pattern.Length && (char.IsAsciiDigit(pattern[i]) || pattern[i] is '-' or '+' or '.' or 'e' or 'E'))
                {
                    i++;
                }
                tokens.Add(new Token(TokenKind.Number, pattern[start..i]));
            }
            else if (char.IsAsciiLetter(c))
            {
                var start = i;
                while (i < pattern.Length && (char.IsAsciiLetterOrDigit(pattern[i]) || pattern[i] is '-' or '_'))
                {
                    i++;
                }
                var word = pattern[start..i];
                if (i < pattern.Length && pattern[i] == ':')
                {
                    i++;
                    tokens.Add(new Token(TokenKind.Path, word + ":" + ReadPathTail(pattern, ref i)));
                }
                else
                {
                    tokens.Add(new Token(Keywords.Contains(word) ? TokenKind.Word : TokenKind.Number, word));
                }
            }
            else
            {
                throw new FormatException($"unexpected character '{c}' in pattern");
            }
        }
        return tokens;
    }

    /// <summary>A property path after <c>type:</c>: <c>value</c>, <c>hashes.'SHA-256'</c>, <c>body_multipart[*].body_raw_ref.name</c>.</summary>
    private static string ReadPathTail(string pattern, ref int i)
    {
        var builder = new StringBuilder();
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')
            {
                builder.Append(c);
                i++;
            }
            else if (c == '[')
            {
                var close = pattern.IndexOf(']', i);
                if (close < 0)
                {
                    throw new FormatException("unclosed '[' in object path");
                }
                builder.Append(pattern, i, close - i + 1);
                i = close + 1;
            }
            else if (c == '\'' && builder.Length > 0 && builder[^1] == '.')
            {
                i++;
                builder.Append(ReadQuoted(pattern, ref i));
            }
            else
            {
                break;
            }
        }
        return builder.ToString();
    }

    private static string ReadQuoted(string pattern, ref int i)
    {
        var builder = new StringBuilder();
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                builder.Append(pattern[i + 1]);
                i += 2;
                continue;
            }
            i++;
            if (c == '\'')
            {
                return builder.ToString();
            }
            builder.Append(c);
        }
        throw new FormatException("unterminated string literal in pattern");
    }
}

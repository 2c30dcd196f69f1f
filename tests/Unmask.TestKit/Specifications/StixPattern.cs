using System.Globalization;

namespace Unmask.TestKit.Specifications;

/// <summary>
/// A syntax check of STIX 2.1 patterns (specification section 9): observation expressions in brackets joined by AND,
/// OR and FOLLOWEDBY, with WITHIN / REPEATS / START-STOP qualifiers; inside the brackets, comparisons of an object path
/// (<c>type:property.sub[0]</c>) with a constant. OpenCTI refuses an indicator whose STIX pattern does not parse.
/// </summary>
internal sealed class StixPattern
{
    private static readonly HashSet<string> ComparisonOperators = new(StringComparer.Ordinal)
    {
        "=", "!=", "<", "<=", ">", ">=", "LIKE", "MATCHES", "ISSUBSET", "ISSUPERSET",
    };

    private readonly List<string> _tokens;
    private int _next;

    private StixPattern(List<string> tokens) => _tokens = tokens;

    private readonly SortedSet<string> _objectTypes = new(StringComparer.Ordinal);

    /// <summary>Null when <paramref name="pattern"/> parses, else what is wrong and where.</summary>
    public static string? Problem(string pattern) => Parse(pattern).Problem;

    /// <summary>Parses <paramref name="pattern"/>: what is wrong (null when it parses) and the SCO types its object
    /// paths name (<c>domain-name</c> in <c>[domain-name:value = '…']</c>).</summary>
    public static (string? Problem, IReadOnlySet<string> ObjectTypes) Parse(string pattern)
    {
        try
        {
            var parser = new StixPattern(Tokens(pattern));
            parser.ObservationExpressions();
            var problem = parser._next == parser._tokens.Count ? null : $"unexpected '{parser._tokens[parser._next]}'";
            return (problem, parser._objectTypes);
        }
        catch (FormatException e)
        {
            return (e.Message, new SortedSet<string>(StringComparer.Ordinal));
        }
    }

    private void ObservationExpressions()
    {
        ObservationOr();
        while (Accept("FOLLOWEDBY"))
        {
            ObservationOr();
        }
    }

    private void ObservationOr()
    {
        ObservationAnd();
        while (Accept("OR"))
        {
            ObservationAnd();
        }
    }

    private void ObservationAnd()
    {
        Qualified();
        while (Accept("AND"))
        {
            Qualified();
        }
    }

    private void Qualified()
    {
        if (Accept("["))
        {
            ComparisonOr();
            Expect("]");
        }
        else if (Accept("("))
        {
            ObservationExpressions();
            Expect(")");
        }
        else
        {
            throw new FormatException($"expected '[' or '(' but found {Describe(Peek())}");
        }
        while (true)
        {
            if (Accept("WITHIN"))
            {
                Number(integer: false);
                Expect("SECONDS");
            }
            else if (Accept("REPEATS"))
            {
                Number(integer: true);
                Expect("TIMES");
            }
            else if (Accept("START"))
            {
                Timestamp();
                Expect("STOP");
                Timestamp();
            }
            else
            {
                return;
            }
        }
    }

    private void ComparisonOr()
    {
        ComparisonAnd();
        while (Accept("OR"))
        {
            ComparisonAnd();
        }
    }

    private void ComparisonAnd()
    {
        Comparison();
        while (Accept("AND"))
        {
            Comparison();
        }
    }

    private void Comparison()
    {
        if (Accept("("))
        {
            ComparisonOr();
            Expect(")");
            return;
        }
        if (Accept("EXISTS"))
        {
            ObjectPath();
            return;
        }
        ObjectPath();
        Accept("NOT");
        var op = Take();
        if (op == "IN")
        {
            Expect("(");
            Constant();
            while (Accept(","))
            {
                Constant();
            }
            Expect(")");
        }
        else if (ComparisonOperators.Contains(op))
        {
            Constant();
        }
        else
        {
            throw new FormatException($"expected a comparison operator but found {Describe(op)}");
        }
    }

    private void ObjectPath()
    {
        var type = Take();
        if (!IsName(type))
        {
            throw new FormatException($"expected an object type but found {Describe(type)}");
        }
        _objectTypes.Add(type);
        Expect(":");
        PathStep();
        while (true)
        {
            if (Accept("."))
            {
                PathStep();
            }
            else if (Accept("["))
            {
                var index = Take();
                if (index != "*" && !int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    throw new FormatException($"expected a list index or '*' but found {Describe(index)}");
                }
                Expect("]");
            }
            else
            {
                return;
            }
        }
    }

    private void PathStep()
    {
        var step = Take();
        if (!IsName(step) && !step.StartsWith('\''))
        {
            throw new FormatException($"expected a property name but found {Describe(step)}");
        }
    }

    private void Constant()
    {
        var value = Take();
        var valid = value.StartsWith('\'')
                    || value is "true" or "false"
                    || value.StartsWith("t'", StringComparison.Ordinal) && StixRules.ParseTimestamp(value[2..^1]) is not null
                    || value.StartsWith("h'", StringComparison.Ordinal) && value[2..^1].All(Uri.IsHexDigit) && value.Length % 2 == 1
                    || value.StartsWith("b'", StringComparison.Ordinal) && IsBase64(value[2..^1])
                    || double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
        if (!valid)
        {
            throw new FormatException($"expected a constant ('string', number, true/false, t'…', h'…', b'…') but found {Describe(value)}");
        }
    }

    private void Number(bool integer)
    {
        var value = Take();
        var valid = integer
            ? int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0
            : double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds > 0;
        if (!valid)
        {
            throw new FormatException($"expected a positive {(integer ? "integer" : "number")} but found {Describe(value)}");
        }
    }

    private void Timestamp()
    {
        var value = Take();
        if (!value.StartsWith("t'", StringComparison.Ordinal) || StixRules.ParseTimestamp(value[2..^1]) is null)
        {
            throw new FormatException($"expected a t'…' timestamp but found {Describe(value)}");
        }
    }

    private string? Peek() => _next < _tokens.Count ? _tokens[_next] : null;

    private string Take() => _next < _tokens.Count ? _tokens[_next++] : throw new FormatException("unexpected end of pattern");

    private bool Accept(string token)
    {
        if (Peek() != token)
        {
            return false;
        }
        _next++;
        return true;
    }

    private void Expect(string token)
    {
        if (!Accept(token))
        {
            throw new FormatException($"expected '{token}' but found {Describe(Peek())}");
        }
    }

    private static string Describe(string? token) => token is null ? "the end of the pattern" : $"'{token}'";

    private static bool IsName(string token) =>
        token.Length > 0 && (char.IsAsciiLetter(token[0]) || token[0] == '_') && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    private static bool IsBase64(string text) => text.Length % 4 == 0 && Convert.TryFromBase64String(text, new byte[text.Length], out _);

    private static List<string> Tokens(string pattern)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '[' or ']' or '(' or ')' or ',' or ':' or '.' or '*')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (c is '=' or '!' or '<' or '>')
            {
                var two = i + 1 < pattern.Length && pattern[i + 1] == '=';
                if (c == '!' && !two)
                {
                    throw new FormatException("'!' is only valid in '!='");
                }
                tokens.Add(pattern.Substring(i, two ? 2 : 1));
                i += two ? 2 : 1;
            }
            else if (c == '\'' || (c is 't' or 'h' or 'b' && i + 1 < pattern.Length && pattern[i + 1] == '\''))
            {
                var start = i;
                i += c == '\'' ? 1 : 2;
                while (i < pattern.Length && pattern[i] != '\'')
                {
                    // Only \' and \\ are escapes in STIX pattern strings (section 9.2).
                    if (pattern[i] == '\\' && (i + 1 >= pattern.Length || pattern[i + 1] is not ('\'' or '\\')))
                    {
                        throw new FormatException($"bad escape at {i}: only \\' and \\\\ are allowed");
                    }
                    i += pattern[i] == '\\' ? 2 : 1;
                }
                if (i >= pattern.Length)
                {
                    throw new FormatException("unterminated string");
                }
                tokens.Add(pattern[start..++i]);
            }
            else if (char.IsAsciiDigit(c) || c == '-' && i + 1 < pattern.Length && char.IsAsciiDigit(pattern[i + 1]))
            {
                var start = i++;
                while (i < pattern.Length && (char.IsAsciiDigit(pattern[i]) || pattern[i] == '.' && i + 1 < pattern.Length && char.IsAsciiDigit(pattern[i + 1])))
                {
                    i++;
                }
                tokens.Add(pattern[start..i]);
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < pattern.Length && (char.IsAsciiLetterOrDigit(pattern[i]) || pattern[i] is '_' or '-'))
                {
                    i++;
                }
                tokens.Add(pattern[start..i]);
            }
            else
            {
                throw new FormatException($"unexpected character '{c}' at {i}");
            }
        }
        return tokens;
    }
}

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
        var tokens = new List<Token>(text.Length / 5);
        foreach (Match match in TokenPattern().Matches(text))
        {
            if (match.Groups["email"].Success)
            {
                tokens.Add(new Token(match.Value.ToLowerInvariant(), match.Index, match.Index + match.Length, TokenKind.Email));
            }
            else if (match.Groups["domain"].Success)
            {
                var value = match.Value.ToLowerInvariant();
                if (value.StartsWith("www.", StringComparison.Ordinal))
                {
                    value = value[4..];
                }
                tokens.Add(new Token(value, match.Index, match.Index + match.Length, TokenKind.Domain));
            }
            else if (match.Groups["phone"].Success)
            {
                var digits = new string(match.Value.Where(char.IsAsciiDigit).ToArray());
                if (digits.Length is >= 7 and <= 15 && !LooksLikeYearRange(match.Value))
                {
                    tokens.Add(new Token(digits, match.Index, match.Index + match.Length, TokenKind.Phone));
                }
                else
                {
                    foreach (Match word in WordPattern().Matches(match.Value))
                    {
                        tokens.Add(new Token(word.Value, match.Index + word.Index, match.Index + word.Index + word.Length, TokenKind.Word));
                    }
                }
            }
            else
            {
                tokens.Add(new Token(match.Value.ToLowerInvariant().Replace('’', '\''), match.Index, match.Index + match.Length, TokenKind.Word));
            }
        }
        return tokens;
    }

    private static bool LooksLikeYearRange(string value)
    {
        var parts = value.Split(['-', '–', ' ', '.', '(', ')'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && parts.All(p => p.Length == 4 && p[0] is '1' or '2');
    }

    /// <summary>Articles carry no evidence and machine-translation round trips drop them, so shingles skip them.</summary>
    public static bool IsSkippedInShingles(string norm) => norm is "a" or "an" or "the";
}

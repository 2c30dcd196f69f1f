namespace Unmask.WebsiteAnalysis.Sources;

/// <summary>How many elements a page opens and how deep they nest, measured by one linear scan of the markup before it is
/// parsed, and where a limit was first passed. HTML tree building costs time in proportion to the depth for every element,
/// so a page of 100,000 nested <c>&lt;div&gt;</c> (1 MB) is quadratic; the scan finds such a page in milliseconds.</summary>
/// <param name="Elements">Start tags seen (up to the point a limit was passed).</param>
/// <param name="Depth">Deepest nesting seen, counting elements left open as browsers do.</param>
/// <param name="LimitAt">Offset of the start tag that passed a limit, or -1 when the page is within the limits.</param>
/// <param name="Problem">Which limit was passed, for a warning; null when within the limits.</param>
public sealed record HtmlShape(int Elements, int Depth, int LimitAt, string? Problem)
{
    private static readonly HashSet<string> VoidElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param", "keygen",
        "basefont", "bgsound", "frame", "image",
    };

    // Contents up to the matching end tag are text, not markup.
    private static readonly HashSet<string> RawTextElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext",
    };

    // A start tag of one of these closes an open one of the same kind nearby (HTML's optional end tags), so a list of
    // unclosed <li> or <p> is flat, not nested.
    private static readonly HashSet<string> SelfClosingSiblings = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "thead", "tbody", "tfoot", "a",
    };

    private const int SiblingSearch = 8;

    /// <summary>Scans <paramref name="html"/> and stops at the first start tag that passes <paramref name="maxElements"/> or
    /// <paramref name="maxDepth"/>. Over-counts rather than under-counts on sloppy markup: a cap, not a parser.</summary>
    public static HtmlShape Measure(string html, int maxElements, int maxDepth)
    {
        var open = new List<string>();
        var elements = 0;
        var deepest = 0;
        var position = 0;
        while ((position = html.IndexOf('<', position)) >= 0 && position + 1 < html.Length)
        {
            var next = html[position + 1];
            if (next == '!')
            {
                position = SkipDeclaration(html, position);
                continue;
            }
            if (next == '/')
            {
                var (closeName, closeEnd) = ReadName(html, position + 2);
                CloseUpTo(open, closeName);
                position = closeEnd;
                continue;
            }
            if (!char.IsAsciiLetter(next))
            {
                position++;
                continue;
            }
            var start = position;
            var (name, nameEnd) = ReadName(html, position + 1);
            var tagEnd = TagEnd(html, nameEnd);
            elements++;
            if (elements > maxElements)
            {
                return new HtmlShape(elements - 1, deepest, start, $"more than {maxElements:N0} elements");
            }
            position = tagEnd;
            var selfClosed = tagEnd >= 2 && html[tagEnd - 2] == '/';
            if (VoidElements.Contains(name) || selfClosed)
            {
                continue;
            }
            if (RawTextElements.Contains(name))
            {
                position = SkipRawText(html, tagEnd, name);
                continue;
            }
            if (SelfClosingSiblings.Contains(name))
            {
                CloseUpTo(open, name, SiblingSearch);
            }
            open.Add(name);
            if (open.Count > maxDepth)
            {
                return new HtmlShape(elements - 1, deepest, start, $"elements nested deeper than {maxDepth:N0} levels");
            }
            deepest = Math.Max(deepest, open.Count);
        }
        return new HtmlShape(elements, deepest, -1, null);
    }

    private static (string Name, int End) ReadName(string html, int from)
    {
        var end = from;
        while (end < html.Length && end - from < 64 && (char.IsAsciiLetterOrDigit(html[end]) || html[end] is '-' or '_' or ':'))
        {
            end++;
        }
        return (html[from..end], end);
    }

    /// <summary>Offset just after the <c>&gt;</c> closing a tag, skipping quoted attribute values. As in HTML's tokenizer,
    /// a quote opens a value only right after <c>=</c> (spaces allowed): a quote inside a name (<c>&lt;ti{"a"</c>) does
    /// not, or a fuzzed page could hide the rest of its markup from this scan while the parser still sees it.</summary>
    private static int TagEnd(string html, int from)
    {
        char? quote = null;
        var afterEquals = false;
        for (var i = from; i < html.Length; i++)
        {
            var c = html[i];
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
            }
            else if (c is '"' or '\'' && afterEquals)
            {
                quote = c;
                afterEquals = false;
            }
            else if (c == '>')
            {
                return i + 1;
            }
            else if (c == '=')
            {
                afterEquals = true;
            }
            else if (!char.IsWhiteSpace(c))
            {
                afterEquals = false;
            }
        }
        return html.Length;
    }

    private static int SkipDeclaration(string html, int position)
    {
        if (string.CompareOrdinal(html, position, "<!--", 0, 4) == 0)
        {
            var end = html.IndexOf("-->", position + 4, StringComparison.Ordinal);
            return end < 0 ? html.Length : end + 3;
        }
        var close = html.IndexOf('>', position);
        return close < 0 ? html.Length : close + 1;
    }

    private static int SkipRawText(string html, int from, string name)
    {
        for (var end = html.IndexOf("</", from, StringComparison.Ordinal); end >= 0; end = html.IndexOf("</", end + 2, StringComparison.Ordinal))
        {
            if (string.Compare(html, end + 2, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                return end;
            }
        }
        return html.Length;
    }

    /// <summary>Pops the open elements down to and including the nearest one named <paramref name="name"/> among the top
    /// <paramref name="within"/>; an end tag with no open match is ignored, as the parser does.</summary>
    private static void CloseUpTo(List<string> open, string name, int within = int.MaxValue)
    {
        var stop = Math.Max(0, open.Count - within);
        for (var i = open.Count - 1; i >= stop; i--)
        {
            if (open[i].Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                open.RemoveRange(i, open.Count - i);
                return;
            }
        }
    }
}

using Unmask.WebsiteAnalysis.Extraction;
using Unmask.WebsiteAnalysis.Similarity;

namespace Unmask.WebsiteAnalysis.Analysis;

/// <summary>One text block ready for alignment: tokens and shingles. Blocks whose text already occurred earlier on the site are
/// dropped so that a paragraph repeated on ten pages counts once.</summary>
public sealed record AlignedBlock(int Page, int Index, string Text, BlockRole Role, List<Token> Tokens, List<Shingle> Shingles);

public sealed class SiteText
{
    private SiteText(IndexedSite site, List<AlignedBlock> blocks)
    {
        Site = site;
        Blocks = blocks;
        ContentWords = blocks.Where(b => b.Role == BlockRole.Content).Sum(b => b.Tokens.Count);
    }

    public IndexedSite Site { get; }
    public List<AlignedBlock> Blocks { get; }

    /// <summary>Words in content blocks (not boilerplate, not quotations).</summary>
    public int ContentWords { get; }

    /// <summary>Consecutive blocks of one role on a page are joined (with line breaks) into one segment, so shingles run across
    /// short list items and headings; a block already seen earlier on the site ends the segment and is skipped.</summary>
    public static SiteText Of(IndexedSite site)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var blocks = new List<AlignedBlock>();
        for (var p = 0; p < site.Pages.Count; p++)
        {
            var page = site.Pages[p];
            var parts = new List<string>();
            var role = BlockRole.Content;
            var first = 0;
            void Close(int pageIndex)
            {
                if (parts.Count > 0)
                {
                    var text = string.Join("\n", parts);
                    var tokens = Tokenizer.Tokenize(text);
                    blocks.Add(new AlignedBlock(pageIndex, first, text, role, tokens, Shingles.Of(tokens)));
                    parts.Clear();
                }
            }
            for (var b = 0; b < page.Blocks.Count; b++)
            {
                var block = page.Blocks[b];
                if (!seen.Add(block.Text))
                {
                    Close(p);
                    continue;
                }
                if (parts.Count > 0 && block.Role != role)
                {
                    Close(p);
                }
                if (parts.Count == 0)
                {
                    role = block.Role;
                    first = b;
                }
                parts.Add(block.Text);
            }
            Close(p);
        }
        return new SiteText(site, blocks);
    }

    /// <summary>Lower-case words that occur in lower case somewhere in the text: ordinary words, as opposed to names.</summary>
    public HashSet<string> LowercaseWords()
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var block in Blocks)
        {
            foreach (var token in block.Tokens)
            {
                if (token.Kind == TokenKind.Word && char.IsLower(block.Text[token.Start]))
                {
                    words.Add(token.Norm);
                }
            }
        }
        return words;
    }
}

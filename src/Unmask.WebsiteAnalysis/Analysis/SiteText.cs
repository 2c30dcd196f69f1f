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

    public static SiteText Of(IndexedSite site)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var blocks = new List<AlignedBlock>();
        for (var p = 0; p < site.Pages.Count; p++)
        {
            var page = site.Pages[p];
            for (var b = 0; b < page.Blocks.Count; b++)
            {
                var block = page.Blocks[b];
                if (!seen.Add(block.Text))
                {
                    continue;
                }
                var tokens = Tokenizer.Tokenize(block.Text);
                blocks.Add(new AlignedBlock(p, b, block.Text, block.Role, tokens, Shingles.Of(tokens)));
            }
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

using System.Globalization;
using System.Reflection;
using System.Text;

namespace Unmask.WebsiteAnalysis.Domains;

/// <summary>Look-alike characters, from the Unicode TR39 confusables data (vendored: Domains/Data/confusables.txt, version 17.0.0,
/// Unicode License v3) and a few look-alikes TR39 keeps apart that domain squatters use.</summary>
public static class Confusables
{
    private static readonly Dictionary<int, string> Prototypes = LoadEmbedded();

    // Letters that TR39 maps to another non-Latin prototype (Cyrillic к → ĸ, м → ʍ, т → ᴛ) or not at all (small capitals,
    // letters with a hook), which read as the plain Latin letter in a browser's address bar. Taken from the glyph tables of
    // dnstwist's homoglyph and cyrillic fuzzers (github.com/elceef/dnstwist, dnstwist.py, Fuzzer.glyphs_unicode and
    // latin_to_cyrillic), mapped here from their skeleton to the skeleton of the letter they imitate (ə, whose skeleton is ǝ, for a;
    // ʍ, the skeleton of Cyrillic м, for m's "rn").
    private static readonly Dictionary<char, string> Latin = new()
    {
        ['ĸ'] = "k", ['ʍ'] = "rn", ['ᴛ'] = "t", ['ƅ'] = "b", ['ɢ'] = "g", ['ʙ'] = "b", ['ʀ'] = "r", ['ʜ'] = "h", ['ᴋ'] = "k",
        ['ᴄ'] = "c", ['ᴏ'] = "o", ['ᴜ'] = "u", ['ᴠ'] = "v", ['ᴡ'] = "w", ['ᴢ'] = "z", ['ʏ'] = "y", ['ɪ'] = "i", ['ꜱ'] = "s",
        ['ǝ'] = "a", ['ɇ'] = "e", ['ɍ'] = "r", ['ɏ'] = "y", ['ƈ'] = "c", ['ƥ'] = "p", ['ƿ'] = "p", ['ʂ'] = "s", ['ʐ'] = "z",
        ['ƴ'] = "y", ['ƫ'] = "t", ['ɉ'] = "j", ['ʝ'] = "j", ['ɦ'] = "h", ['ɱ'] = "rn", ['ɫ'] = "l", ['ɾ'] = "r", ['ɽ'] = "r",
        ['ɼ'] = "r", ['ʠ'] = "q", ['ʉ'] = "u", ['ᶌ'] = "v", ['ⱴ'] = "v", ['ⱱ'] = "v", ['ⱳ'] = "w", ['ⱬ'] = "z", ['ⱪ'] = "k",
        ['ⱨ'] = "h", ['ꞑ'] = "n", ['ŋ'] = "n", ['ɖ'] = "d", ['ɨ'] = "i", ['ɩ'] = "i", ['ǥ'] = "g", ['ŧ'] = "t", ['ƻ'] = "2",
        ['ƽ'] = "5", ['ʒ'] = "3", ['ȥ'] = "z", ['ɗ'] = "d", ['ɓ'] = "b", ['ƶ'] = "z",
    };

    // Letter pairs that read as one letter at address-bar size and that TR39 does not list (its sources are single
    // characters; it maps m → rn itself). From dnstwist's ASCII homoglyph table (Fuzzer.glyphs_ascii: 'm': 'nn', 'rn';
    // 'k': 'lc'; 'w': 'vv'; 'd': 'cl'). Applied after the TR39 mapping, so "nn" meets m's prototype "rn".
    private static readonly (string Pair, string Prototype)[] Pairs = [("nn", "rn"), ("vv", "w"), ("cl", "d"), ("lc", "k")];

    /// <summary>The TR39 skeleton: NFD, each character replaced by its confusables prototype, NFD again.</summary>
    public static string Skeleton(string text)
    {
        var mapped = new StringBuilder(text.Length);
        foreach (var rune in text.Normalize(NormalizationForm.FormD).EnumerateRunes())
        {
            if (Prototypes.TryGetValue(rune.Value, out var prototype))
            {
                mapped.Append(prototype);
            }
            else
            {
                mapped.Append(rune.ToString());
            }
        }
        return mapped.ToString().Normalize(NormalizationForm.FormD);
    }

    /// <summary>A domain label's look-alike form: the TR39 skeleton without combining marks (an accent or a stroke on a letter
    /// is easily missed in an address bar), lower-cased, with the look-alikes above folded in. Two labels with the same form
    /// read alike: <c>аcme</c> (Cyrillic а), <c>acrne</c>, <c>ácmé</c> and <c>acme</c> all give <c>acrne</c>.</summary>
    /// <param name="pairs">Fold the letter pairs too (nn, vv, cl, lc). Without them, a typo that happens to make such a pair
    /// (maple → maplc) stays one edit away.</param>
    public static string LabelSkeleton(string label, bool pairs = true)
    {
        var skeleton = Skeleton(label.ToLowerInvariant());
        var folded = new StringBuilder(skeleton.Length);
        foreach (var c in skeleton)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
            {
                continue;
            }
            var lower = char.ToLowerInvariant(c);
            if (Latin.TryGetValue(lower, out var latin))
            {
                folded.Append(latin);
            }
            else
            {
                folded.Append(lower);
            }
        }
        var result = folded.ToString();
        foreach (var (pair, prototype) in pairs ? Pairs : [])
        {
            result = result.Replace(pair, prototype, StringComparison.Ordinal);
        }
        return result;
    }

    private static Dictionary<int, string> LoadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Unmask.WebsiteAnalysis.confusables.txt")
            ?? throw new InvalidOperationException("embedded confusables.txt missing");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }

    /// <summary>Reads confusables.txt: <c>source ; prototype ; type # comment</c>, code points in hex.</summary>
    public static Dictionary<int, string> Parse(TextReader reader)
    {
        var table = new Dictionary<int, string>();
        while (reader.ReadLine() is { } line)
        {
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            var data = (hash >= 0 ? line[..hash] : line).TrimStart('\uFEFF');
            var fields = data.Split(';');
            if (fields.Length < 2 || fields[0].Trim().Length == 0)
            {
                continue;
            }
            var source = int.Parse(fields[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var prototype = new StringBuilder();
            foreach (var point in fields[1].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                prototype.Append(char.ConvertFromUtf32(int.Parse(point, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
            }
            table[source] = prototype.ToString();
        }
        return table;
    }
}

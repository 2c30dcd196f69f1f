namespace Unmask.Screening.Names;

/// <summary>One word of a name with the keys it is compared by, computed once (at index build for list names).</summary>
public sealed class NameToken
{
    public NameToken(string text, bool fromAbjad = false)
    {
        Text = text;
        Fold = Spelling.KoreanFold(text);
        LatinFold = Spelling.LatinFold(text);
        Phonetic = Spelling.PhoneticKey(text);
        Skeleton = Spelling.ConsonantSkeleton(text);
        IsNumber = text.All(char.IsAsciiDigit);
        IsLegalForm = LegalForms.IsLegalForm(text);
        IsFiller = LegalForms.IsFiller(text);
        IsGeneric = LegalForms.IsGeneric(text);
        IsPatronymic = IsPatronymicForm(text);
        KoreanLike = !IsNumber && Spelling.IsKoreanLike(text);
        EastAsianSyllables = KoreanLike || (!IsNumber && ChineseNames.IsPinyinLike(text));
        ChineseSyllable = !IsNumber && ChineseNames.IsSingleSyllableOrSurname(text);
        FromAbjad = fromAbjad;
        // a lone letter is an initial, not the surname O or I: "ANA I" is not Anna Lee
        SurnameGroups = text.Length > 1 ? KoreanSurnames.GroupMask(text) : UInt128.Zero;
        EastAsianSurname = SurnameGroups != UInt128.Zero || ChineseNames.IsSurname(text);
        EquivalenceGroups = NameEquivalents.GroupsOf(text);
        Weight = IsLegalForm ? LegalFormWeight : IsFiller ? FillerWeight : 1;
    }

    public const double LegalFormWeight = 0.4;
    public const double FillerWeight = 0.3;

    /// <summary><see cref="NameEquivalents.GroupsOf"/> the text: the groups of other forms of this name it belongs to.</summary>
    public int[] EquivalenceGroups { get; }

    /// <summary>Position in the index's token table, or -1 for a query token the index has never seen.</summary>
    public int Id { get; internal set; } = -1;

    /// <summary><see cref="KoreanSurnames.GroupMask"/> of the text.</summary>
    public UInt128 SurnameGroups { get; }

    public string Text { get; }

    /// <summary><see cref="Spelling.KoreanFold"/> of the text.</summary>
    public string Fold { get; }

    /// <summary><see cref="Spelling.LatinFold"/> of the text: the spelling key for words that do not read as Korean.</summary>
    public string LatinFold { get; }

    public string Phonetic { get; }
    public string Skeleton { get; }
    public bool IsNumber { get; }
    public bool IsLegalForm { get; }
    public bool IsFiller { get; }

    /// <summary><see cref="LegalForms.IsGeneric"/>: a word for a kind of body or a place (trading, bank, Korea).</summary>
    public bool IsGeneric { get; }
    public bool KoreanLike { get; }

    /// <summary>One or two Korean or Chinese name syllables (jongun, guowei).</summary>
    public bool EastAsianSyllables { get; }

    /// <summary><see cref="ChineseNames.IsSingleSyllableOrSurname"/>.</summary>
    public bool ChineseSyllable { get; }

    /// <summary>A Korean or Chinese surname spelling.</summary>
    public bool EastAsianSurname { get; }

    /// <summary>An East Slavic patronymic (Ivanovich, Ivanovna, Oleksandrovych): the father's given name, not a surname.</summary>
    public bool IsPatronymic { get; }

    private static readonly string[] PatronymicEndings = ["ovich", "evich", "ovych", "evych", "ovitch", "evitch", "ovna", "evna", "ivna", "ichna"];

    private static bool IsPatronymicForm(string text)
    {
        if (text.Length < 7)
        {
            return false;
        }
        foreach (var ending in PatronymicEndings)
        {
            if (text.EndsWith(ending, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Romanised from Arabic or Hebrew script, where short vowels are not written: compared on consonants.</summary>
    public bool FromAbjad { get; }

    /// <summary>How much the token says about identity: rare tokens weigh more (set from the index's token frequencies).</summary>
    public double Weight { get; internal set; }

    public override string ToString() => Text;
}

/// <summary>One Latin reading of a name: its tokens in written order.</summary>
public sealed class NameVariant(NameToken[] tokens)
{
    public NameToken[] Tokens { get; } = tokens;

    public override string ToString() => string.Join(' ', Tokens.Select(t => t.Text));
}

/// <summary>A name as written, with its Latin readings (one, or more for Hangul).</summary>
public sealed class PreparedName(string original, NameVariant[] variants, Script scripts)
{
    public string Original { get; } = original;
    public NameVariant[] Variants { get; } = variants;
    public Script Scripts { get; } = scripts;

    public bool IsEmpty => Variants.Length == 0 || Variants.All(v => v.Tokens.Length == 0);

    /// <summary>Most tokens a name keeps; the rest of an over-long name is ignored.</summary>
    public const int MaxTokens = 16;

    /// <summary>Cleans, transliterates and tokenises a raw name. Never throws; a name without letters gives an empty result.</summary>
    public static PreparedName Parse(string? raw, Func<string, NameToken>? tokenFactory = null)
    {
        var clean = TextNormalizer.Clean(raw);
        var scripts = Names.Scripts.Detect(clean);
        if (clean.Length == 0)
        {
            return new PreparedName(raw ?? "", [], scripts);
        }
        var abjad = (scripts & (Script.Arabic | Script.Hebrew)) != 0;
        var factory = tokenFactory ?? (text => new NameToken(text, abjad));
        var variants = new List<NameVariant>(2);
        foreach (var tokens in Transliteration.Variants(clean))
        {
            if (tokens.Length == 0)
            {
                continue;
            }
            var kept = tokens.Length > MaxTokens ? tokens[..MaxTokens] : tokens;
            var variant = new NameVariant(kept.Select(factory).ToArray());
            if (!variants.Any(v => v.ToString() == variant.ToString()))
            {
                variants.Add(variant);
            }
        }
        return new PreparedName(clean, variants.ToArray(), scripts);
    }

    public override string ToString() => Original;
}

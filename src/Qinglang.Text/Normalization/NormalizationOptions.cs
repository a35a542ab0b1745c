namespace Qinglang.Text.Normalization;

/// <summary>
/// Which normalization steps <see cref="TextNormalizer"/> applies; each can be switched off. The steps run per code
/// point in this order: width and compatibility folding, homoglyphs, case folding, traditional → simplified, numeral
/// variants; then invisible characters and noise are dropped and repeats collapsed.
/// </summary>
public sealed record NormalizationOptions
{
    /// <summary>Every step on, emoji units dropped as noise.</summary>
    public static NormalizationOptions Default { get; } = new();

    /// <summary>Every step off: the normalized text is the original and each character maps to itself.</summary>
    public static NormalizationOptions None { get; } = new()
    {
        FoldCase = false,
        FoldWidth = false,
        FoldCompatibility = false,
        FoldHomoglyphs = false,
        TraditionalToSimplified = false,
        FoldNumeralVariants = false,
        DropInvisible = false,
        DropNoise = false,
        CollapseRepeats = false,
        Emoji = EmojiHandling.AsText,
    };

    /// <summary>Letters to lower case (Unicode simple case mapping): SEX → sex, Α → α.</summary>
    public bool FoldCase { get; init; } = true;

    /// <summary>Full-width ASCII to ASCII and half-width katakana to full width: ｓｅｘ → sex.</summary>
    public bool FoldWidth { get; init; } = true;

    /// <summary>
    /// NFKC-style folding for matching: ① ⑴ ⒈ → 1, ⑩ → 10, 𝐀 Ⓐ → A, ™ → TM, ligatures split, accents and other
    /// script-neutral combining marks removed (é → e, Zalgo and keycap frames gone), digits of every script → 0–9.
    /// </summary>
    public bool FoldCompatibility { get; init; } = true;

    /// <summary>Cyrillic, Greek, Armenian and other look-alike letters to Latin: ѕех → sex, Α → A (data/unihan/homoglyphs.txt).</summary>
    public bool FoldHomoglyphs { get; init; } = true;

    /// <summary>Traditional characters to simplified, one character at a time (Unihan kSimplifiedVariant): 黃色網站 → 黄色网站.</summary>
    public bool TraditionalToSimplified { get; init; } = true;

    /// <summary>Financial (大写) numerals to ordinary ones: 壹贰叁 → 一二三 (not to digits, so words like 一夜 still match).</summary>
    public bool FoldNumeralVariants { get; init; } = true;

    /// <summary>
    /// Drops invisible characters (Unicode Default_Ignorable_Code_Point: ZWSP, ZWNJ, ZWJ outside emoji, BOM, soft
    /// hyphen, bidi controls, variation selectors outside emoji, tags, Hangul fillers) and lone surrogates.
    /// </summary>
    public bool DropInvisible { get; init; } = true;

    /// <summary>Drops punctuation, symbols, spaces and control characters, so 色 情, 色*情 and 色.情 all read 色情.</summary>
    public bool DropNoise { get; init; } = true;

    /// <summary>
    /// Collapses a run of <see cref="RepeatThreshold"/> or more identical characters to one (色色色情 → 色情), the one
    /// mapping back to the whole run. Letters collapse too (fuuuck → fuck, WWW → w: a lexicon entry normalized the same
    /// way reads alike). Shorter runs stay (久久, 妈妈); ASCII digits never collapse (phone numbers, ids).
    /// </summary>
    public bool CollapseRepeats { get; init; } = true;

    /// <summary>Shortest run that <see cref="CollapseRepeats"/> collapses; at least 2.</summary>
    public int RepeatThreshold { get; init; } = 3;

    /// <summary>What happens to emoji units.</summary>
    public EmojiHandling Emoji { get; init; } = EmojiHandling.Drop;
}

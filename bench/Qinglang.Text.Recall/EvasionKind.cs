namespace Qinglang.Text.Recall;

/// <summary>One way of disguising a lexicon word that the normalizer is meant to see through.</summary>
public enum EvasionKind
{
    /// <summary>The word as written (the baseline every other kind is compared with).</summary>
    Plain,

    /// <summary>Simplified characters swapped for their traditional forms: 黄色网站 → 黃色網站.</summary>
    Traditional,

    /// <summary>ASCII letters and digits in full width: av → ａｖ.</summary>
    FullWidth,

    /// <summary>Latin letters in upper case: av → AV.</summary>
    UpperCase,

    /// <summary>Latin letters swapped for Cyrillic, Greek or Armenian look-alikes: sex → ѕех.</summary>
    Homoglyph,

    /// <summary>A space between every two characters.</summary>
    Spaces,

    /// <summary>Punctuation between every two characters (*, ., ·, -, ／ in turn).</summary>
    Punctuation,

    /// <summary>An emoji between every two characters.</summary>
    Emoji,

    /// <summary>A zero-width character between every two characters (ZWSP, ZWNJ, word joiner, soft hyphen in turn).</summary>
    ZeroWidth,

    /// <summary>Every character that can collapse written several times: 色情 → 色色色情情情.</summary>
    Repeats,

    /// <summary>Digits as circled numbers (8 → ⑧) and Chinese numerals in financial form (一 → 壹).</summary>
    Numerals,

    /// <summary>All the applicable kinds at once, noise alternating between the kinds of separator.</summary>
    Mixed,
}

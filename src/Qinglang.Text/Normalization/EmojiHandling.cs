namespace Qinglang.Text.Normalization;

/// <summary>What normalization does with an emoji unit (one pictograph with its modifiers, a ZWJ sequence, a flag).</summary>
public enum EmojiHandling
{
    /// <summary>No unit handling: each code point goes through the other steps (an emoji is a symbol, so noise).</summary>
    AsText,

    /// <summary>The whole unit is dropped, like noise between the characters of a word.</summary>
    Drop,

    /// <summary>
    /// The unit is kept as one token: its code points without variation selectors and skin-tone modifiers (so 👍🏽
    /// and 👍 match alike), ZWJs kept; every token character maps back to the whole unit.
    /// </summary>
    Token,
}

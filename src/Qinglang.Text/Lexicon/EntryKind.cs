namespace Qinglang.Text.Lexicons;

/// <summary>What a lexicon entry does.</summary>
public enum EntryKind
{
    /// <summary>A word or phrase that is reported wherever it occurs.</summary>
    Word,

    /// <summary>An allow-list phrase: a word hit lying wholly inside it is dropped (鸡 inside 鸡蛋).</summary>
    Allow,

    /// <summary>Two terms reported together only when they occur within a window of characters.</summary>
    Cooccurrence,

    /// <summary>A regular expression run over the normalized text.</summary>
    Regex,
}

namespace Qinglang.Text.Lexicons;

/// <summary>Per-entry opt-ins. The lexicon only carries them; the normalizer and matchers act on them.</summary>
[Flags]
public enum EntryFlags
{
    None = 0,

    /// <summary>Also match the entry written in pinyin (<c>pinyin</c>).</summary>
    Pinyin = 1,

    /// <summary>Also match the entry written as pinyin initials (<c>initials</c>).</summary>
    Initials = 2,

    /// <summary>Accept a one-character word, which is otherwise skipped with a warning (<c>single</c>).</summary>
    Single = 4,
}

namespace Qinglang.Text.Lexicons;

/// <summary>The two file formats (data/lexicon/README.md).</summary>
public enum LexiconFormat
{
    /// <summary><c>word</c> or <c>word&lt;TAB&gt;category[&lt;TAB&gt;severity[&lt;TAB&gt;flags]]</c> per line, <c>#</c> comments.</summary>
    Plain,

    /// <summary>One JSON object per line: words, allow-list phrases, co-occurrence rules, regexes, the version.</summary>
    JsonLines,
}

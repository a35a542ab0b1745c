using System.Text.RegularExpressions;
using Qinglang.Core;

namespace Qinglang.Text.Lexicons;

/// <summary>
/// One entry of a lexicon. <see cref="Text"/> is the word, the allow-listed phrase, the regular expression, or for
/// a co-occurrence rule its terms joined by <c>&amp;</c>. <see cref="Id"/> is the entry's index in
/// <see cref="Lexicon.Entries"/>, which matches refer to.
/// </summary>
public sealed record LexiconEntry(int Id, EntryKind Kind, string Text, string Category, Severity Severity, EntryFlags Flags, EntrySource Source)
{
    /// <summary>The terms of a co-occurrence rule (two), empty for other kinds.</summary>
    public IReadOnlyList<string> Terms { get; init; } = [];

    /// <summary>For a co-occurrence rule: at most this many characters may lie between the two terms.</summary>
    public int Window { get; init; }

    /// <summary>The compiled expression of a regex entry (with its match timeout), null for other kinds.</summary>
    public Regex? Pattern { get; init; }

    /// <summary>How findings name the entry: the word, or the kind and text of a rule.</summary>
    public string RuleName => Kind switch
    {
        EntryKind.Word => Text,
        EntryKind.Cooccurrence => $"all({string.Join(",", Terms)})/{Window}",
        EntryKind.Regex => $"regex({Text})",
        _ => $"allow({Text})",
    };

    /// <summary>Identity across lexicon versions (what the change log compares): kind and text.</summary>
    public string Key => $"{Kind}:{Text}";

    /// <summary>True when everything but the id and source is the same (the change log's "unchanged").</summary>
    public bool SameContent(LexiconEntry other) =>
        Kind == other.Kind && Text == other.Text && Category == other.Category && Severity == other.Severity
        && Flags == other.Flags && Window == other.Window;
}

using System.Text.RegularExpressions;
using Qinglang.Core;

namespace Qinglang.Text.Lexicons;

/// <summary>
/// One entry of a lexicon. <see cref="Text"/> is the word, the allow-listed phrase, the regular expression, or for
/// a co-occurrence rule its canonical expression (groups and their alternatives sorted: <c>代理&amp;(彩金|返水)&amp;!反诈</c>,
/// so the same rule written in another order is the same entry). <see cref="Id"/> is the entry's index in
/// <see cref="Lexicon.Entries"/>, which matches refer to.
/// </summary>
public sealed record LexiconEntry(int Id, EntryKind Kind, string Text, string Category, Severity Severity, EntryFlags Flags, EntrySource Source)
{
    /// <summary>
    /// The required groups of a co-occurrence rule, as written: each must occur (any one of its alternatives) within
    /// the window. Empty for other kinds.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> Groups { get; init; } = [];

    /// <summary>The excluded terms of a co-occurrence rule: none of them may occur within the window of a finding.</summary>
    public IReadOnlyList<string> Excluded { get; init; } = [];

    /// <summary>Every term of a co-occurrence rule: the required alternatives group by group, then the excluded ones.</summary>
    public IReadOnlyList<string> Terms => [.. Groups.SelectMany(g => g), .. Excluded];

    /// <summary>For a co-occurrence rule: at most this many characters may lie between its terms (see data/lexicon/README.md).</summary>
    public int Window { get; init; }

    /// <summary>The compiled expression of a regex entry (with its match timeout), null for other kinds.</summary>
    public Regex? Pattern { get; init; }

    /// <summary>How findings name the entry: the word, or the kind and text of a rule.</summary>
    public string RuleName => Kind switch
    {
        EntryKind.Word => Text,
        EntryKind.Cooccurrence => $"all({string.Join(",", Groups.Select(g => string.Join("|", g)).Concat(Excluded.Select(t => "!" + t)))})/{Window}",
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

using Qinglang.Core;
using Qinglang.Text.Matching;

namespace Qinglang.Text.Lexicons;

/// <summary>
/// What every finding of one entry shares: category, severity, rule name and, for a word, its key (the normalized
/// text of each of its hits). Kept in one array indexed by entry id, so turning a hit into a finding reads one
/// compact element instead of the entry record and its strings, and a rule's name is built once, not per hit.
/// </summary>
internal readonly record struct FindingTemplate(string Category, string Rule, string? Key, Severity Severity)
{
    public static FindingTemplate[] For(IReadOnlyList<LexiconEntry> entries, LexiconMatcher matcher)
    {
        var keys = matcher.WordKeys;
        var templates = new FindingTemplate[entries.Count];
        for (int i = 0; i < templates.Length; i++)
        {
            var entry = entries[i];
            templates[i] = new FindingTemplate(entry.Category, entry.RuleName, i < keys.Length ? keys[i] : null, entry.Severity);
        }

        return templates;
    }
}

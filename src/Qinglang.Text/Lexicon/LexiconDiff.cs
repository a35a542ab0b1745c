namespace Qinglang.Text.Lexicons;

/// <summary>What changed between two lexicons, entries matched by <see cref="LexiconEntry.Key"/> (kind and text).</summary>
public sealed record LexiconDiff(
    IReadOnlyList<LexiconEntry> Added,
    IReadOnlyList<LexiconEntry> Removed,
    IReadOnlyList<(LexiconEntry Before, LexiconEntry After)> Changed)
{
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0;

    public static LexiconDiff Between(Lexicon? before, Lexicon after)
    {
        var old = new Dictionary<string, LexiconEntry>(StringComparer.Ordinal);
        if (before is not null)
        {
            foreach (var entry in before.Entries) old.TryAdd(entry.Key, entry);
        }

        var added = new List<LexiconEntry>();
        var changed = new List<(LexiconEntry, LexiconEntry)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in after.Entries)
        {
            seen.Add(entry.Key);
            if (!old.TryGetValue(entry.Key, out var previous)) added.Add(entry);
            else if (!previous.SameContent(entry)) changed.Add((previous, entry));
        }

        var removed = new List<LexiconEntry>();
        foreach (var entry in old.Values)
        {
            if (!seen.Contains(entry.Key)) removed.Add(entry);
        }

        return new LexiconDiff(added, removed, changed);
    }
}

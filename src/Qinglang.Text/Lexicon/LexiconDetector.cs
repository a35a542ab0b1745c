using Qinglang.Text.Matching;
using Qinglang.Text.Normalization;

namespace Qinglang.Text.Lexicons;

/// <summary>
/// The lexicon as a text detector: normalizes the text, matches the lexicon over the normalized form and maps each
/// hit back to the original text. Entries are keyed with the same normalizer (its text for the entry), so an entry
/// written in traditional characters or full width still meets the text halfway. Reading from a
/// <see cref="LexiconStore"/> picks up reloads on the next call.
/// </summary>
public sealed class LexiconDetector : ITextDetector
{
    private readonly Func<Lexicon> lexicon;
    private readonly Func<string, NormalizedText>? normalize;
    private readonly Func<string, string> keyOf;
    private readonly MatchMode mode;

    public LexiconDetector(Lexicon lexicon, Func<string, NormalizedText>? normalizer = null, MatchMode mode = MatchMode.Longest)
        : this(() => lexicon, normalizer, mode)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
    }

    public LexiconDetector(LexiconStore store, Func<string, NormalizedText>? normalizer = null, MatchMode mode = MatchMode.Longest)
        : this(() => store.Current, normalizer, mode)
    {
        ArgumentNullException.ThrowIfNull(store);
        // The store builds this detector's matcher for a new lexicon before making it current.
        store.AddKeyNormalizer(keyOf);
    }

    private LexiconDetector(Func<Lexicon> lexicon, Func<string, NormalizedText>? normalizer, MatchMode mode)
    {
        this.lexicon = lexicon;
        this.mode = mode;
        normalize = normalizer;
        keyOf = normalizer is null ? Lexicon.DefaultKey : word => normalizer(word).Text;
    }

    public IEnumerable<TextFinding> Detect(string text) => Scan(text).Findings;

    /// <summary>Findings and the regex entries that ran out of time on this text (they reported nothing).</summary>
    public (IReadOnlyList<TextFinding> Findings, IReadOnlyList<LexiconEntry> TimedOut) Scan(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var current = lexicon();
        // Without a normalizer the text is only lower-cased, which keeps every offset: no offset map is built,
        // so a 100 MB line costs one lower-cased copy, not eight bytes per character of map.
        var normalized = normalize?.Invoke(text);
        string matched = normalized?.Text ?? Lexicon.DefaultKey(text);
        // Pinyin initials must stand alone in the ORIGINAL text: the normalizer drops spaces and noise, so in
        // normalized text every Latin letter touches its neighbours.
        Func<int, int, bool>? standsAlone = normalized is null ? null : (start, end) =>
        {
            var (originalStart, originalEnd) = normalized.ToOriginal(start, end);
            return LatinToken.StandsAlone(text, originalStart, originalEnd);
        };
        var result = current.MatcherFor(keyOf).Match(matched, mode, standsAlone);
        var findings = new List<TextFinding>(result.Matches.Count);
        foreach (var match in result.Matches)
        {
            var entry = current.Entries[match.EntryId];
            var (start, end) = normalized?.ToOriginal(match.Start, match.End) ?? (match.Start, match.End);
            findings.Add(new TextFinding(entry.Category, entry.Severity, start, end, text[start..end],
                matched[match.Start..match.End], entry.RuleName));
        }

        // Ordered by original start: a normalizer may reorder nothing, but be exact about the contract anyway.
        findings.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));
        var timedOut = result.TimedOutEntries.Select(id => current.Entries[id]).ToList();
        return (findings, timedOut);
    }

    /// <summary>
    /// What the detector does when no normalizer is given, as a <see cref="NormalizedText"/>: lower case, one
    /// character for one character, so offsets map straight back (invariant lower-casing maps each UTF-16 unit
    /// to one unit).
    /// </summary>
    public static NormalizedText LowercaseIdentity(string text)
    {
        var starts = new int[text.Length];
        var ends = new int[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            starts[i] = i;
            ends[i] = i + 1;
        }

        return new NormalizedText(text, text.ToLowerInvariant(), starts, ends);
    }
}

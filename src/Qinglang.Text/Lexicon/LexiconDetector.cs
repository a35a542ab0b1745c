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
    private readonly Func<string, NormalizedText> normalize;
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
    }

    private LexiconDetector(Func<Lexicon> lexicon, Func<string, NormalizedText>? normalizer, MatchMode mode)
    {
        this.lexicon = lexicon;
        this.mode = mode;
        if (normalizer is null)
        {
            normalize = LowercaseIdentity;
            keyOf = Lexicon.DefaultKey;
        }
        else
        {
            normalize = normalizer;
            keyOf = word => normalizer(word).Text;
        }
    }

    public IEnumerable<TextFinding> Detect(string text) => Scan(text).Findings;

    /// <summary>Findings and the regex entries that ran out of time on this text (they reported nothing).</summary>
    public (IReadOnlyList<TextFinding> Findings, IReadOnlyList<LexiconEntry> TimedOut) Scan(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var current = lexicon();
        var normalized = normalize(text);
        var result = current.MatcherFor(keyOf).Match(normalized.Text, mode);
        var findings = new List<TextFinding>(result.Matches.Count);
        foreach (var match in result.Matches)
        {
            var entry = current.Entries[match.EntryId];
            var (start, end) = normalized.ToOriginal(match.Start, match.End);
            findings.Add(new TextFinding(entry.Category, entry.Severity, start, end, text[start..end],
                normalized.Text[match.Start..match.End], entry.RuleName));
        }

        // Ordered by original start: a normalizer may reorder nothing, but be exact about the contract anyway.
        findings.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));
        var timedOut = result.TimedOutEntries.Select(id => current.Entries[id]).ToList();
        return (findings, timedOut);
    }

    /// <summary>
    /// The normalization used when none is given: lower case, one character for one character, so offsets map
    /// straight back. (Invariant lower-casing maps each UTF-16 unit to one unit.)
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

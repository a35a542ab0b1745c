using Qinglang.Text.Matching;

namespace Qinglang.Text.Lexicons;

/// <summary>
/// The hits of one <see cref="LexiconDetector.ScanHits"/> call, in original order (start, then end), over buffers the
/// detector reuses per thread: valid until the same thread's next scan, which is why this is a ref struct (it cannot
/// be stored or carried across an <c>await</c>). Hits cost nothing beyond their 12 bytes; a caller turns only the
/// hits it keeps into <see cref="TextFinding"/>s (<see cref="ToFinding"/>), or all of them (<see cref="ToFindings"/>,
/// what <see cref="LexiconDetector.Scan"/> returns).
/// </summary>
public readonly ref struct LexiconHits
{
    private readonly string text;
    private readonly ReadOnlySpan<char> matched;
    private readonly ReadOnlySpan<LexiconMatch> matches;
    private readonly FindingTemplate[] templates;
    private readonly IReadOnlyList<LexiconEntry> entries;

    internal LexiconHits(string text, ReadOnlySpan<char> matched, ReadOnlySpan<LexiconMatch> matches, ReadOnlySpan<LexiconHit> hits,
        FindingTemplate[] templates, IReadOnlyList<LexiconEntry> entries, IReadOnlyList<LexiconEntry> timedOut)
    {
        this.text = text;
        this.matched = matched;
        this.matches = matches;
        this.templates = templates;
        this.entries = entries;
        Hits = hits;
        TimedOut = timedOut;
    }

    /// <summary>The hits, ordered by original start, then end.</summary>
    public ReadOnlySpan<LexiconHit> Hits { get; }

    /// <summary>Regex entries that ran out of time on this text (they reported nothing).</summary>
    public IReadOnlyList<LexiconEntry> TimedOut { get; }

    public int Count => Hits.Length;

    public ReadOnlySpan<LexiconHit>.Enumerator GetEnumerator() => Hits.GetEnumerator();

    /// <summary>The entry a hit reports (category, severity, rule), without building a finding.</summary>
    public LexiconEntry Entry(in LexiconHit hit) => entries[hit.EntryId];

    /// <summary>The full finding for hit <paramref name="index"/>: original text, normalized form, category, severity, rule.</summary>
    public TextFinding ToFinding(int index)
    {
        var hit = Hits[index];
        var match = matches[index];
        ref readonly var entry = ref templates[hit.EntryId];
        // A word hit is its key exactly, so the key string kept per entry is the normalized form; and when the text
        // was not disguised it is the original too: the finding is then the only allocation. Comparing against the
        // matched text (hot in cache) rather than the entry's string avoids a cache miss per hit.
        var normal = matched[match.Start..match.End];
        // A pinyin or initials form reports the same entry under another key: only an exact key is shared.
        string normalized = entry.Key is { } key && normal.SequenceEqual(key) ? key : new string(normal);
        var original = text.AsSpan(hit.Start, hit.End - hit.Start);
        string written = original.SequenceEqual(normal) ? normalized : original.ToString();
        return new TextFinding(entry.Category, entry.Severity, hit.Start, hit.End, written, normalized, entry.Rule);
    }

    /// <summary>Every hit as a finding, in the same order.</summary>
    public IReadOnlyList<TextFinding> ToFindings()
    {
        if (Hits.IsEmpty)
        {
            return []; // the common case on clean text: nothing at all allocated
        }

        var findings = new TextFinding[Hits.Length];
        for (int i = 0; i < findings.Length; i++)
        {
            findings[i] = ToFinding(i);
        }

        return findings;
    }
}

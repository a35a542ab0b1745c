using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
    /// <summary>
    /// One normalization buffer per thread, shared by every detector that owns its normalizer: a scan normalizes,
    /// matches and maps in one call, so after warm-up no call allocates a normalized copy or an offset map.
    /// </summary>
    [ThreadStatic]
    private static NormalizationBuffer? threadBuffer;

    /// <summary>The matcher's hit list, reused the same way (the findings are built from it before the call returns).</summary>
    [ThreadStatic]
    private static List<LexiconMatch>? threadHits;

    /// <summary>Lower-cased copy of the text when there is no normalizer (offsets unchanged, so no map).</summary>
    [ThreadStatic]
    private static char[]? threadLower;

    /// <summary>Largest buffer (in characters) a thread keeps between scans: 4M characters, about 40 MB with its map.</summary>
    private const int KeptBufferLength = 1 << 22;

    private readonly Func<Lexicon> lexicon;
    private readonly TextNormalizer? normalizer;
    private readonly Func<string, NormalizedText>? normalize;
    private readonly Func<string, string> keyOf;
    private readonly MatchMode mode;

    /// <summary>Per matcher (one per lexicon version), the shared part of each entry's findings; built on first use.</summary>
    private readonly ConditionalWeakTable<LexiconMatcher, FindingTemplate[]> templates = new();

    public LexiconDetector(Lexicon lexicon, Func<string, NormalizedText>? normalizer = null, MatchMode mode = MatchMode.Longest)
        : this(() => lexicon, null, normalizer, mode)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
    }

    /// <summary>A detector that runs <paramref name="normalizer"/> itself, into a reused buffer (the fast path).</summary>
    public LexiconDetector(Lexicon lexicon, TextNormalizer normalizer, MatchMode mode = MatchMode.Longest)
        : this(() => lexicon, normalizer ?? throw new ArgumentNullException(nameof(normalizer)), null, mode)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
    }

    public LexiconDetector(LexiconStore store, Func<string, NormalizedText>? normalizer = null, MatchMode mode = MatchMode.Longest)
        : this(() => store.Current, null, normalizer, mode)
    {
        ArgumentNullException.ThrowIfNull(store);
        // The store builds this detector's matcher for a new lexicon before making it current.
        store.AddKeyNormalizer(keyOf);
    }

    public LexiconDetector(LexiconStore store, TextNormalizer normalizer, MatchMode mode = MatchMode.Longest)
        : this(() => store.Current, normalizer ?? throw new ArgumentNullException(nameof(normalizer)), null, mode)
    {
        ArgumentNullException.ThrowIfNull(store);
        store.AddKeyNormalizer(keyOf);
    }

    private LexiconDetector(Func<Lexicon> lexicon, TextNormalizer? owned, Func<string, NormalizedText>? normalizer, MatchMode mode)
    {
        this.lexicon = lexicon;
        this.mode = mode;
        this.normalizer = owned;
        normalize = normalizer;
        keyOf = owned is not null ? word => owned.Normalize(word).Text
            : normalizer is not null ? word => normalizer(word).Text
            : Lexicon.DefaultKey;
    }

    public IEnumerable<TextFinding> Detect(string text) => Scan(text).Findings;

    /// <summary>Findings and the regex entries that ran out of time on this text (they reported nothing).</summary>
    public (IReadOnlyList<TextFinding> Findings, IReadOnlyList<LexiconEntry> TimedOut) Scan(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var current = lexicon();
        var matcher = current.MatcherFor(keyOf);
        var wordKeys = templates.GetValue(matcher, m => FindingTemplate.For(current.Entries, m));
        if (normalizer is not null)
        {
            var buffer = threadBuffer ??= new NormalizationBuffer();
            normalizer.Normalize(text, buffer);
            // Pinyin initials must stand alone in the ORIGINAL text: the normalizer drops spaces and noise, so in
            // normalized text every Latin letter touches its neighbours.
            var result = matcher.Match(buffer.Text, mode, Hits(),
                (start, end) => LatinToken.StandsAlone(text, buffer.OriginalStarts[start], buffer.OriginalEnds[end - 1]));
            var found = (Findings(wordKeys, text, buffer.Text, result, buffer.OriginalStarts, buffer.OriginalEnds), TimedOut(current, result));
            if (buffer.TextArray.Length > KeptBufferLength)
            {
                threadBuffer = null; // a one-off huge text should not pin ten bytes per character for the thread's life
            }

            DropHitsIfHuge();
            return found;
        }

        if (normalize is not null)
        {
            var normalized = normalize(text);
            var result = matcher.Match(normalized.Text, mode, (start, end) =>
            {
                var (originalStart, originalEnd) = normalized.ToOriginal(start, end);
                return LatinToken.StandsAlone(text, originalStart, originalEnd);
            });
            return (Findings(wordKeys, text, normalized.Text, result, normalized.OriginalStart, normalized.OriginalEnd), TimedOut(current, result));
        }

        // Without a normalizer the text is only lower-cased, which keeps every offset: no offset map is built.
        // Texts up to the kept size are lower-cased into the thread's buffer; a huge one gets its own copy.
        if (text.Length > KeptBufferLength)
        {
            string lowered = Lexicon.DefaultKey(text);
            var huge = matcher.Match(lowered, mode);
            return (Findings(wordKeys, text, lowered, huge, default, default), TimedOut(current, huge));
        }

        if (threadLower is null || threadLower.Length < text.Length)
        {
            threadLower = new char[Math.Max(text.Length, Math.Min(KeptBufferLength, (threadLower?.Length ?? 0) * 2))];
        }

        var lower = threadLower.AsSpan(0, text.Length);
        InvariantLowerCase.Apply(text, lower);
        var plain = matcher.Match(lower, mode, Hits());
        var plainFound = (Findings(wordKeys, text, lower, plain, default, default), TimedOut(current, plain));
        DropHitsIfHuge();
        return plainFound;
    }

    private static List<LexiconMatch> Hits() => threadHits ??= [];

    /// <summary>Keeps the reused hit list only while it is of ordinary size (a pathological text could make it huge).</summary>
    private static void DropHitsIfHuge()
    {
        if (threadHits is { Capacity: > KeptBufferLength / 8 })
        {
            threadHits = null;
        }
    }

    /// <summary>
    /// Maps matches in <paramref name="matched"/> back to <paramref name="text"/> through the offset map (empty map:
    /// offsets are the same). Matches come ordered by normalized start and the map never goes backwards, so the
    /// findings are already in original order; the sort only runs if a custom normalizer breaks that.
    /// </summary>
    private static IReadOnlyList<TextFinding> Findings(FindingTemplate[] shared, string text, ReadOnlySpan<char> matched, MatchResult result,
        ReadOnlySpan<int> starts, ReadOnlySpan<int> ends)
    {
        var matches = result.Matches is List<LexiconMatch> list ? CollectionsMarshal.AsSpan(list) : [.. result.Matches];
        if (matches.IsEmpty)
        {
            return []; // the common case on clean text: nothing at all allocated
        }

        var findings = new List<TextFinding>(matches.Length);
        bool ordered = true;
        int lastStart = int.MinValue, lastEnd = int.MinValue;
        foreach (var match in matches)
        {
            ref readonly var entry = ref shared[match.EntryId];
            int start = match.Start, end = match.End;
            if (!starts.IsEmpty)
            {
                (start, end) = (starts[match.Start], ends[match.End - 1]);
            }

            ordered &= start > lastStart || (start == lastStart && end >= lastEnd);
            (lastStart, lastEnd) = (start, end);
            // A word hit is its key exactly, so the key string kept per entry is the normalized form; and when the
            // text was not disguised it is the original too: the finding is then the only allocation. Comparing
            // against the matched text (hot in cache) rather than the entry's string avoids a cache miss per hit.
            var normal = matched[match.Start..match.End];
            // A pinyin or initials form reports the same entry under another key: only an exact key is shared.
            string normalized = entry.Key is { } key && normal.SequenceEqual(key) ? key : new string(normal);
            var original = text.AsSpan(start, end - start);
            string written = original.SequenceEqual(normal) ? normalized : original.ToString();
            findings.Add(new TextFinding(entry.Category, entry.Severity, start, end, written, normalized, entry.Rule));
        }

        if (!ordered)
        {
            findings.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));
        }

        return findings;
    }

    private static IReadOnlyList<LexiconEntry> TimedOut(Lexicon current, MatchResult result)
    {
        var ids = result.TimedOutEntries;
        if (ids.Count == 0)
        {
            return [];
        }

        var entries = new LexiconEntry[ids.Count];
        for (int i = 0; i < entries.Length; i++)
        {
            entries[i] = current.Entries[ids[i]];
        }

        return entries;
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

using System.Collections.Concurrent;
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
    /// Everything a scan reuses, one set per thread, shared by every detector: a scan normalizes, matches and maps in
    /// one call, so after warm-up no call allocates a normalized copy, an offset map, a match list or a hit array.
    /// One thread-static read per call, not one per buffer: on a 60-character comment each such read shows.
    /// </summary>
    [ThreadStatic]
    private static ScanBuffers? threadBuffers;

    /// <summary>
    /// How entries are keyed, one delegate per normalization options: the lexicon caches a matcher per delegate, so
    /// every detector normalizing alike scans with the same matcher instead of building its own.
    /// </summary>
    private static readonly ConcurrentDictionary<NormalizationOptions, Func<string, string>> KeyFunctions = new();

    private readonly Lexicon? fixedLexicon;
    private readonly LexiconStore? store;
    private readonly TextNormalizer? normalizer;
    private readonly Func<string, NormalizedText>? normalize;
    private readonly Func<string, string> keyOf;
    private readonly MatchMode mode;

    /// <summary>
    /// The matcher and the shared part of each entry's findings for the lexicon last scanned with: a scan checks one
    /// reference instead of looking both up (on short comments that lookup cost as much as the matching). After a
    /// reload the next scan prepares the new lexicon; threads racing on it prepare the same thing.
    /// </summary>
    private Prepared? prepared;

    public LexiconDetector(Lexicon lexicon, Func<string, NormalizedText>? normalizer = null, MatchMode mode = MatchMode.Longest)
        : this(lexicon, null, null, normalizer, mode)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
    }

    /// <summary>A detector that runs <paramref name="normalizer"/> itself, into a reused buffer (the fast path).</summary>
    public LexiconDetector(Lexicon lexicon, TextNormalizer normalizer, MatchMode mode = MatchMode.Longest)
        : this(lexicon, null, normalizer ?? throw new ArgumentNullException(nameof(normalizer)), null, mode)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
    }

    public LexiconDetector(LexiconStore store, Func<string, NormalizedText>? normalizer = null, MatchMode mode = MatchMode.Longest)
        : this(null, store, null, normalizer, mode)
    {
        ArgumentNullException.ThrowIfNull(store);
        // The store builds this detector's matcher for a new lexicon before making it current.
        store.AddKeyNormalizer(keyOf);
    }

    public LexiconDetector(LexiconStore store, TextNormalizer normalizer, MatchMode mode = MatchMode.Longest)
        : this(null, store, normalizer ?? throw new ArgumentNullException(nameof(normalizer)), null, mode)
    {
        ArgumentNullException.ThrowIfNull(store);
        store.AddKeyNormalizer(keyOf);
    }

    private LexiconDetector(Lexicon? lexicon, LexiconStore? store, TextNormalizer? owned, Func<string, NormalizedText>? normalizer, MatchMode mode)
    {
        fixedLexicon = lexicon;
        this.store = store;
        this.mode = mode;
        this.normalizer = owned;
        normalize = normalizer;
        keyOf = owned is not null ? KeyFunctions.GetOrAdd(owned.Options, _ => owned.NormalizeText)
            : normalizer is not null ? word => normalizer(word).Text
            : Lexicon.DefaultKey;
    }

    public IEnumerable<TextFinding> Detect(string text) => Scan(text).Findings;

    /// <summary>Findings and the regex entries that ran out of time on this text (they reported nothing).</summary>
    public (IReadOnlyList<TextFinding> Findings, IReadOnlyList<LexiconEntry> TimedOut) Scan(string text)
    {
        var hits = ScanHits(text);
        return (hits.ToFindings(), hits.TimedOut);
    }

    /// <summary>
    /// The same hits as <see cref="Scan"/>, as 12-byte values in reused per-thread buffers: on text dense with hits
    /// this skips a finding object per hit. The result is valid until this thread's next scan; turn the hits worth
    /// keeping into findings with <see cref="LexiconHits.ToFinding"/>.
    /// </summary>
    public LexiconHits ScanHits(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var current = fixedLexicon ?? store!.Current;
        var ready = prepared;
        if (ready is null || !ReferenceEquals(ready.Lexicon, current))
        {
            ready = Prepare(current);
        }

        var matcher = ready.Matcher;
        var buffers = threadBuffers ??= new ScanBuffers();
        ReadOnlySpan<char> matched;
        ReadOnlySpan<int> starts = default, ends = default;
        NormalizationBuffer? buffer = null;
        MatchResult result;
        if (normalizer is not null)
        {
            buffer = buffers.Normalized;
            normalizer.Normalize(text, buffer);
            result = matcher.Match(buffer.Text, mode, buffers.Matches, matcher.ChecksStandalone ? StandsAloneIn(text, buffer) : null);
            matched = buffer.Text;
        }
        else if (normalize is not null)
        {
            var normalized = normalize(text);
            result = matcher.Match(normalized.Text, mode, buffers.Matches, matcher.ChecksStandalone ? StandsAloneIn(text, normalized) : null);
            matched = normalized.Text;
            starts = normalized.OriginalStart;
            ends = normalized.OriginalEnd;
        }
        else
        {
            // Without a normalizer the text is only lower-cased, which keeps every offset: no offset map is built.
            matched = buffers.LowerCased(text);
            result = matcher.Match(matched, mode, buffers.Matches);
        }

        if (result.Matches.Count == 0 && result.TimedOutEntries.Count == 0)
        {
            buffers.DropIfHuge();
            return new LexiconHits(text, matched, [], [], ready.Templates, current.Entries, []); // the usual case on clean text
        }

        var matches = result.Matches is List<LexiconMatch> list ? CollectionsMarshal.AsSpan(list) : result.Matches.ToArray();
        var hits = MapToOriginal(matches, buffer, starts, ends, buffers);
        buffers.DropIfHuge();
        return new LexiconHits(text, matched, matches, hits, ready.Templates, current.Entries, TimedOut(current, result));
    }

    /// <summary>
    /// The matcher and findings' shared parts for <paramref name="current"/> (after a reload, or on the first scan);
    /// threads racing on it prepare the same thing.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private Prepared Prepare(Lexicon current)
    {
        var forCurrent = current.MatcherFor(keyOf);
        var ready = new Prepared(current, forCurrent, FindingTemplate.For(current.Entries, forCurrent));
        prepared = ready;
        return ready;
    }

    private sealed record Prepared(Lexicon Lexicon, LexiconMatcher Matcher, FindingTemplate[] Templates);

    // The lambdas live in their own methods so a scan that needs none allocates no closure.
    /// <summary>
    /// Pinyin initials must stand alone in the ORIGINAL text: the normalizer drops spaces and noise, so in normalized
    /// text every Latin letter touches its neighbours.
    /// </summary>
    private static Func<int, int, bool> StandsAloneIn(string text, NormalizationBuffer buffer) => (start, end) =>
    {
        var (originalStart, originalEnd) = buffer.ToOriginal(start, end);
        return LatinToken.StandsAlone(text, originalStart, originalEnd);
    };

    private static Func<int, int, bool> StandsAloneIn(string text, NormalizedText normalized) => (start, end) =>
    {
        var (originalStart, originalEnd) = normalized.ToOriginal(start, end);
        return LatinToken.StandsAlone(text, originalStart, originalEnd);
    };

    /// <summary>
    /// Maps matches in normalized text back to the original through the offset map (empty map: offsets are the
    /// same), into the thread's hit buffer. Matches come ordered by normalized start and the map never goes
    /// backwards, so the hits are already in original order; the sort only runs if a custom normalizer breaks that
    /// (and moves the matches along, so hit i and match i stay the same hit).
    /// </summary>
    private static Span<LexiconHit> MapToOriginal(Span<LexiconMatch> matches, NormalizationBuffer? buffer, ReadOnlySpan<int> starts, ReadOnlySpan<int> ends,
        ScanBuffers buffers)
    {
        var hits = buffers.Hits(matches.Length);
        bool ordered = true;
        int lastStart = int.MinValue, lastEnd = int.MinValue;
        for (int i = 0; i < hits.Length; i++)
        {
            var match = matches[i];
            int start = match.Start, end = match.End;
            if (buffer is not null)
            {
                (start, end) = buffer.ToOriginal(start, end); // only the hits' map entries are read, never all of them
            }
            else if (!starts.IsEmpty)
            {
                (start, end) = (starts[start], ends[end - 1]);
            }

            ordered &= start > lastStart || (start == lastStart && end >= lastEnd);
            (lastStart, lastEnd) = (start, end);
            hits[i] = new LexiconHit(start, end, match.EntryId);
        }

        if (!ordered)
        {
            hits.Sort(matches, static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));
        }

        return hits;
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

using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Qinglang.Text.Lexicons;

namespace Qinglang.Text.Matching;

/// <summary>
/// Matches a lexicon against normalized text: one automaton pass finds words, allow-list phrases and co-occurrence
/// terms together; allow-list suppression, co-occurrence windows and regular expressions are applied afterwards,
/// on the hits only. Immutable and safe to share between threads.
/// </summary>
public sealed class LexiconMatcher
{
    private readonly IReadOnlyList<LexiconEntry> entries;
    private readonly int[] keyEntry;        // automaton key → word or allow entry, -1 when the key only serves rules
    private readonly bool[] keyIsTerm;      // automaton key → used by some co-occurrence rule
    private readonly bool[] keyStandalone;  // automaton key → a pinyin-initials form: its word hit must stand alone
    private readonly bool[] termStandalone; // automaton key → only ever a rule's pinyin-initials form: its term hit must stand alone
    private readonly CooccurrenceRules cooccurrences;
    private readonly LexiconEntry[] regexes;
    private readonly bool hasAllow;
    private readonly bool hasStandalone;

    private LexiconMatcher(IReadOnlyList<LexiconEntry> entries, AhoCorasick automaton, int[] keyEntry, bool[] keyIsTerm,
        bool[] keyStandalone, bool[] termStandalone, CooccurrenceRules cooccurrences, LexiconEntry[] regexes, bool hasAllow, string?[] wordKeys)
    {
        this.entries = entries;
        WordKeys = wordKeys;
        Automaton = automaton;
        this.keyEntry = keyEntry;
        this.keyIsTerm = keyIsTerm;
        this.keyStandalone = keyStandalone;
        this.termStandalone = termStandalone;
        hasStandalone = Array.IndexOf(keyStandalone, true) >= 0 || Array.IndexOf(termStandalone, true) >= 0;
        this.cooccurrences = cooccurrences;
        this.regexes = regexes;
        this.hasAllow = hasAllow;
    }

    /// <summary>
    /// Per entry id, the key a word entry matches as (the entry's own string when keying left it unchanged), null
    /// for other kinds: a word hit's normalized text is exactly this string, so findings can share it.
    /// </summary>
    internal string?[] WordKeys { get; }

    /// <summary>True when some key is a pinyin-initials form, so a match asks whether its hits stand alone.</summary>
    internal bool ChecksStandalone => hasStandalone;

    /// <summary>The automaton behind the word pass (for sizing and raw throughput).</summary>
    public AhoCorasick Automaton { get; }

    /// <summary>
    /// Builds a matcher. <paramref name="keyOf"/> turns an entry's text into the form it takes in normalized text
    /// (the normalizer applied to the entry); entries whose key is empty are left out, and of several entries
    /// sharing a key the first one wins. Word entries flagged <c>pinyin</c>/<c>initials</c> add their
    /// <see cref="PinyinForms"/> as further keys reporting the same entry, after every entry's own key, so a form
    /// never takes a key that some entry spells out.
    /// </summary>
    public static LexiconMatcher Build(IReadOnlyList<LexiconEntry> entries, Func<string, string> keyOf)
    {
        var keys = new List<string>(entries.Count);
        var keyIds = new Dictionary<string, int>(entries.Count, StringComparer.Ordinal);
        var keyEntry = new List<int>(entries.Count);
        var terms = new List<bool>(entries.Count);
        var standalone = new List<bool>(entries.Count);
        var spelledTerms = new HashSet<int>();
        var initialsTerms = new HashSet<int>();
        var cooccurrences = new CooccurrenceRules();
        var regexes = new List<LexiconEntry>();
        bool hasAllow = false;
        var wordKeys = new string?[entries.Count];

        int KeyFor(string key)
        {
            if (keyIds.TryGetValue(key, out int id)) return id;
            id = keys.Count;
            keyIds.Add(key, id);
            keys.Add(key);
            keyEntry.Add(-1);
            terms.Add(false);
            standalone.Add(false);
            return id;
        }

        foreach (var entry in entries)
        {
            switch (entry.Kind)
            {
                case EntryKind.Word or EntryKind.Allow:
                    string key = keyOf(entry.Text);
                    if (key.Length == 0) break;
                    int id = KeyFor(key);
                    if (keyEntry[id] < 0) keyEntry[id] = entry.Id;
                    if (entry.Kind == EntryKind.Word && entry.Id < wordKeys.Length) wordKeys[entry.Id] = key == entry.Text ? entry.Text : key;
                    hasAllow |= entry.Kind == EntryKind.Allow;
                    break;
                case EntryKind.Cooccurrence:
                    foreach (var term in cooccurrences.Add(entry, keyOf, KeyFor))
                    {
                        terms[term.Key] = true;
                        (term.Initials ? initialsTerms : spelledTerms).Add(term.Key);
                    }

                    break;
                case EntryKind.Regex when entry.Pattern is not null:
                    regexes.Add(entry);
                    break;
            }
        }

        foreach (var entry in entries)
        {
            if (entry.Kind != EntryKind.Word || (entry.Flags & (EntryFlags.Pinyin | EntryFlags.Initials)) == 0) continue;
            foreach (var form in PinyinForms.Of(entry.Text, entry.Flags))
            {
                string key = keyOf(form.Text);
                if (key.Length == 0) continue;
                int id = KeyFor(key);
                if (keyEntry[id] >= 0) continue;
                keyEntry[id] = entry.Id;
                standalone[id] = form.IsInitials;
            }
        }

        // A key some rule spells out counts as written; one that is only ever an initials form must stand alone.
        var termStandalone = new bool[keys.Count];
        foreach (int key in initialsTerms) termStandalone[key] = !spelledTerms.Contains(key);
        var automaton = AhoCorasick.Build(keys);
        return new LexiconMatcher(entries, automaton, [.. keyEntry], [.. terms], [.. standalone], termStandalone, cooccurrences, [.. regexes], hasAllow,
            wordKeys);
    }

    /// <summary>Counts raw automaton hits (words, allow phrases and terms) with no result handling.</summary>
    public int CountRawHits(ReadOnlySpan<char> text) => Automaton.Count(text);

    /// <summary>
    /// Matches <paramref name="text"/>, which must already be normalized the way the keys were. A pinyin-initials
    /// hit counts only where <paramref name="standsAlone"/> (normalized start, end) says it is not part of a longer
    /// Latin word; without it the check looks at <paramref name="text"/> itself, which is exact when the text is
    /// the original only lower-cased.
    /// </summary>
    public MatchResult Match(ReadOnlySpan<char> text, MatchMode mode = MatchMode.Longest, Func<int, int, bool>? standsAlone = null) =>
        Match(text, mode, null, standsAlone);

    /// <summary>
    /// As <see cref="Match(ReadOnlySpan{char}, MatchMode, Func{int, int, bool})"/>, collecting word hits into
    /// <paramref name="reuse"/> (cleared first) when given: a caller that is done with each result before the next
    /// call keeps one list instead of growing a new one (on dense text, several large-object-heap arrays) per text.
    /// </summary>
    internal MatchResult Match(ReadOnlySpan<char> text, MatchMode mode, List<LexiconMatch>? reuse, Func<int, int, bool>? standsAlone = null)
    {
        if (!hasAllow && cooccurrences.Count == 0 && !hasStandalone)
        {
            // Every key is a word: hits go straight into the result, with no intermediate list. Leftmost-longest
            // hits come from the trie already selected and in order; every hit comes from the automaton by end.
            reuse?.Clear();
            var words = new WordSink { Hits = reuse ?? [], KeyEntry = keyEntry };
            if (mode == MatchMode.Longest) Automaton.ScanLongest(text, ref words);
            else Automaton.Scan(text, ref words);
            var found = mode == MatchMode.Longest ? words.Hits : SortByStart(words.Hits);
            return regexes.Length == 0 ? (found.Count == 0 ? MatchResult.Empty : new MatchResult(found, [])) : WithRegexes(text, found, null);
        }

        var sink = new CollectingSink { Hits = [] };
        Automaton.Scan(text, ref sink);
        return FromRawHits(text, sink.Hits, mode, standsAlone);
    }

    private MatchResult FromRawHits(ReadOnlySpan<char> text, List<RawHit> raw, MatchMode mode, Func<int, int, bool>? standsAlone)
    {
        if (raw.Count == 0 && regexes.Length == 0) return MatchResult.Empty;
        var allow = hasAllow ? CollectAllowSpans(raw) : null;
        var words = new List<LexiconMatch>();
        List<CooccurrenceRules.TermHit>? termHits = null;
        foreach (var hit in raw)
        {
            bool insideAllowed = allow is not null && allow.Contains(hit.Start, hit.End) && !IsAllow(hit.Key);
            // Rule terms are collected before the allow-list check: an excluded term counts even inside an allowed phrase.
            if (keyIsTerm[hit.Key] && (!termStandalone[hit.Key] || StandsAlone(text, hit, standsAlone)))
            {
                (termHits ??= CooccurrenceRules.TermHitList()).Add(new CooccurrenceRules.TermHit(hit.Start, hit.End, hit.Key, insideAllowed));
            }

            if (insideAllowed) continue;
            int entry = keyEntry[hit.Key];
            if (entry >= 0 && entries[entry].Kind == EntryKind.Word && (!keyStandalone[hit.Key] || StandsAlone(text, hit, standsAlone)))
            {
                // Rejected initials are dropped before leftmost-longest, so they never hide a real hit.
                words.Add(new LexiconMatch(hit.Start, hit.End, entry));
            }
        }

        var found = mode == MatchMode.Longest ? LeftmostLongest(words) : words;
        if (termHits is not null) cooccurrences.AddFindings(termHits, found);
        return WithRegexes(text, found, allow);
    }

    private static bool StandsAlone(ReadOnlySpan<char> text, RawHit hit, Func<int, int, bool>? standsAlone) =>
        standsAlone?.Invoke(hit.Start, hit.End) ?? LatinToken.StandsAlone(text, hit.Start, hit.End);

    private MatchResult WithRegexes(ReadOnlySpan<char> text, List<LexiconMatch> found, AllowSpans? allow)
    {
        List<int>? timedOut = null;
        foreach (var rule in regexes) AddRegexHits(rule, text, allow, found, ref timedOut);
        return new MatchResult(SortByStart(found), timedOut is null ? [] : timedOut);
    }

    /// <summary>Orders by start, end, entry (see <see cref="MatchOrder"/>).</summary>
    private static List<LexiconMatch> SortByStart(List<LexiconMatch> hits)
    {
        MatchOrder.SortNearlySorted<MatchOrder.ByStart>(CollectionsMarshal.AsSpan(hits));
        return hits;
    }

    private bool IsAllow(int key) => keyEntry[key] >= 0 && entries[keyEntry[key]].Kind == EntryKind.Allow;

    private AllowSpans? CollectAllowSpans(List<RawHit> raw)
    {
        List<(int, int)>? spans = null;
        foreach (var hit in raw)
        {
            if (IsAllow(hit.Key)) (spans ??= []).Add((hit.Start, hit.End));
        }

        return spans is null ? null : new AllowSpans(spans);
    }

    /// <summary>Non-overlapping hits, left to right, the longest at each place a hit starts.</summary>
    private static List<LexiconMatch> LeftmostLongest(List<LexiconMatch> words)
    {
        if (words.Count < 2) return words;
        var span = CollectionsMarshal.AsSpan(words);
        MatchOrder.SortNearlySorted<MatchOrder.ByStartLongestFirst>(span);

        // Compact in place: keep a hit when it starts at or after the end of the last one kept.
        int kept = 0;
        int reached = int.MinValue;
        for (int i = 0; i < span.Length; i++)
        {
            if (span[i].Start < reached) continue;
            reached = span[i].End;
            span[kept++] = span[i];
        }

        words.RemoveRange(kept, words.Count - kept);
        return words;
    }

    private static void AddRegexHits(LexiconEntry rule, ReadOnlySpan<char> text, AllowSpans? allow, List<LexiconMatch> found, ref List<int>? timedOut)
    {
        int before = found.Count;
        try
        {
            foreach (var match in rule.Pattern!.EnumerateMatches(text))
            {
                if (match.Length == 0) continue;
                int end = match.Index + match.Length;
                if (allow is not null && allow.Contains(match.Index, end)) continue;
                found.Add(new LexiconMatch(match.Index, end, rule.Id));
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // A rule that cannot finish in time reports nothing rather than half its hits.
            found.RemoveRange(before, found.Count - before);
            (timedOut ??= []).Add(rule.Id);
        }
    }

    private readonly record struct RawHit(int Start, int End, int Key);

    private struct WordSink : IHitSink
    {
        public List<LexiconMatch> Hits;
        public int[] KeyEntry;

        public readonly void Hit(int start, int end, int key) => Hits.Add(new LexiconMatch(start, end, KeyEntry[key]));
    }

    private struct CollectingSink : IHitSink
    {
        public List<RawHit> Hits;

        public readonly void Hit(int start, int end, int key) => Hits.Add(new RawHit(start, end, key));
    }
}

using Qinglang.Text.Lexicons;

namespace Qinglang.Text.Matching;

/// <summary>
/// The co-occurrence rules of one matcher, evaluated from the automaton's term hits: the terms are automaton keys
/// like any word, so a rule costs nothing on a text where none of its terms occurs and never rescans the text.
/// A rule fires where one occurrence of each required group lies in a stretch of text in which at most
/// <c>Window</c> characters are outside every chosen term, and no excluded term occurs within <c>Window</c>
/// characters of that stretch. Findings of one rule do not overlap: left to right, each the tightest stretch
/// (smallest end, then latest start).
/// </summary>
internal sealed class CooccurrenceRules
{
    /// <summary>
    /// Most combinations of occurrences tried per starting term. Normal text has one or two occurrences of a term near
    /// another; a text that repeats the terms hundreds of times within one window keeps the best of the first tries.
    /// </summary>
    public const int MaxCombinationsPerStart = 256;

    private readonly List<Rule> rules = [];
    private readonly Dictionary<int, List<int>> rulesByRequiredKey = [];
    private byte[] roles = new byte[64]; // automaton key → Required | Excluded bits
    private const byte Required = 1, Excluded = 2;

    public int Count => rules.Count;

    /// <summary>
    /// Adds the rule <paramref name="entry"/>, keying its terms with <paramref name="keyOf"/> and registering each key
    /// through <paramref name="keyFor"/> (which returns the automaton key id). Returns the key ids used, each marked
    /// when it is only a pinyin-initials form (whose hits must stand alone as a Latin token), or nothing when the rule
    /// cannot work under this keying: a term whose key is empty, or two groups (or a group and an excluded term) whose
    /// terms normalize to the same key, so one occurrence would count twice. A rule flagged <c>pinyin</c> or
    /// <c>initials</c> also accepts each term's <see cref="PinyinForms"/> as alternatives in its group (or as further
    /// excluded terms); a form whose key another group or term already has is left out rather than sinking the rule.
    /// </summary>
    public IReadOnlyList<RuleKey> Add(LexiconEntry entry, Func<string, string> keyOf, Func<string, int> keyFor)
    {
        var groupKeys = new List<List<string>>(entry.Groups.Count);
        var owner = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int g = 0; g < entry.Groups.Count; g++)
        {
            var keys = entry.Groups[g].Select(keyOf).Distinct(StringComparer.Ordinal).ToList();
            foreach (string key in keys)
            {
                if (key.Length == 0 || !owner.TryAdd(key, g)) return [];
            }

            groupKeys.Add(keys);
        }

        var excluded = entry.Excluded.Select(keyOf).Distinct(StringComparer.Ordinal).ToList();
        if (excluded.Exists(key => key.Length == 0 || owner.ContainsKey(key))) return [];
        foreach (string key in excluded) owner.Add(key, ExcludedOwner);

        var initials = new HashSet<string>(StringComparer.Ordinal);
        if ((entry.Flags & (EntryFlags.Pinyin | EntryFlags.Initials)) != 0)
        {
            for (int g = 0; g < entry.Groups.Count; g++) AddForms(entry.Groups[g], entry.Flags, g, groupKeys[g]);
            AddForms(entry.Excluded, entry.Flags, ExcludedOwner, excluded);
        }

        var rule = new Rule(entry.Id, entry.Window, [.. groupKeys.Select(keys => keys.Select(keyFor).ToArray())], [.. excluded.Select(keyFor)]);
        int index = rules.Count;
        rules.Add(rule);
        foreach (int key in rule.Groups.SelectMany(g => g))
        {
            SetRole(key, Required);
            if (!rulesByRequiredKey.TryGetValue(key, out var list)) rulesByRequiredKey[key] = list = [];
            list.Add(index);
        }

        foreach (int key in rule.Excluded) SetRole(key, Excluded);
        return [.. groupKeys.SelectMany(g => g).Concat(excluded).Select(key => new RuleKey(keyFor(key), initials.Contains(key)))];

        void AddForms(IReadOnlyList<string> terms, EntryFlags flags, int group, List<string> keys)
        {
            foreach (string term in terms)
            {
                foreach (var form in PinyinForms.Of(term, flags))
                {
                    string key = keyOf(form.Text);
                    if (key.Length == 0 || !owner.TryAdd(key, group)) continue;
                    keys.Add(key);
                    if (form.IsInitials) initials.Add(key);
                }
            }
        }
    }

    /// <summary>The owner recorded for excluded terms' keys (groups are 0 and up).</summary>
    private const int ExcludedOwner = -1;

    /// <summary>An automaton key a rule uses; <see cref="Initials"/>: it is a pinyin-initials form, so its hits must stand alone.</summary>
    public readonly record struct RuleKey(int Key, bool Initials);

    /// <summary>The thread's term-hit list, emptied, reused from one text to the next (dense text fills it with tens of thousands).</summary>
    [ThreadStatic]
    private static List<TermHit>? threadTermHits;

    /// <summary>The thread's term-hit list, empty; only valid until the next match on this thread (a match uses it, then drops it).</summary>
    public static List<TermHit> TermHitList()
    {
        var hits = threadTermHits ??= [];
        if (hits.Capacity > 1 << 20) threadTermHits = hits = []; // a pathological text should not pin its list for the thread's life
        hits.Clear();
        return hits;
    }

    /// <summary>
    /// Adds the findings of every rule to <paramref name="found"/>, from the term hits of one text (in the order the
    /// automaton reports them: by end, so by start for each key). A required term inside an allow-listed phrase does
    /// not count; an excluded term always does.
    /// </summary>
    public void AddFindings(List<TermHit> hits, List<LexiconMatch> found)
    {
        var required = new Dictionary<int, List<Occurrence>>();
        Dictionary<int, List<Occurrence>>? excluded = null;
        foreach (var hit in hits)
        {
            var occurrence = new Occurrence(hit.Start, hit.End);
            byte role = hit.Key < roles.Length ? roles[hit.Key] : (byte)0;
            if (!hit.InsideAllowed && (role & Required) != 0) Append(required, hit.Key, occurrence);
            if ((role & Excluded) != 0) Append(excluded ??= [], hit.Key, occurrence);
        }

        var tried = new HashSet<int>();
        foreach (int key in required.Keys)
        {
            foreach (int index in rulesByRequiredKey[key])
            {
                if (tried.Add(index)) Evaluate(rules[index], required, excluded, found);
            }
        }
    }

    private void SetRole(int key, byte role)
    {
        if (key >= roles.Length) Array.Resize(ref roles, Math.Max(key + 1, roles.Length * 2));
        roles[key] |= role;
    }

    private static void Append(Dictionary<int, List<Occurrence>> byKey, int key, Occurrence occurrence)
    {
        ref var list = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(byKey, key, out _);
        (list ??= []).Add(occurrence);
    }

    private static void Evaluate(Rule rule, Dictionary<int, List<Occurrence>> required, Dictionary<int, List<Occurrence>>? excluded, List<LexiconMatch> found)
    {
        int groupCount = rule.Groups.Length;
        var occurrences = new List<Occurrence>[groupCount];
        var starts = new List<(Occurrence Occurrence, int Group)>();
        int longestTotal = 0;
        for (int g = 0; g < groupCount; g++)
        {
            List<Occurrence>? list = null;
            bool merged = false;
            foreach (int key in rule.Groups[g])
            {
                if (!required.TryGetValue(key, out var hits)) continue;
                if (list is null) list = hits; // one key's hits are already in start order: no copy, no sort
                else
                {
                    if (!merged) list = [.. list];
                    list.AddRange(hits);
                    merged = true;
                }
            }

            if (list is null) return;
            if (merged) list.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));
            occurrences[g] = list;
            int longest = 0;
            foreach (var occurrence in list)
            {
                longest = Math.Max(longest, occurrence.Length);
                starts.Add((occurrence, g));
            }

            longestTotal += longest;
        }

        starts.Sort(static (a, b) => a.Occurrence.Start != b.Occurrence.Start ? a.Occurrence.Start.CompareTo(b.Occurrence.Start) : a.Occurrence.End.CompareTo(b.Occurrence.End));
        var search = new Search(occurrences, rule.Window);
        // The finding waiting to be reported: a later start whose finding ends no later replaces it (代理代理彩金
        // reports 代理彩金); one that ends later overlaps it and is dropped.
        int pendingStart = -1, pendingEnd = -1;
        foreach (var (first, group) in starts)
        {
            if (pendingStart >= 0 && first.Start >= pendingEnd)
            {
                found.Add(new LexiconMatch(pendingStart, pendingEnd, rule.EntryId));
                pendingStart = -1;
            }

            // A term starting further right than this leaves more than the window uncovered whatever the others are.
            int limit = first.Start + rule.Window + longestTotal;
            if (search.Tightest(first, group, limit) is not { } end) continue;
            if (pendingStart >= 0 && end > pendingEnd) continue;
            if (excluded is not null && ExcludedNear(rule, excluded, first.Start, end)) continue;
            (pendingStart, pendingEnd) = (first.Start, end);
        }

        if (pendingStart >= 0) found.Add(new LexiconMatch(pendingStart, pendingEnd, rule.EntryId));
    }

    /// <summary>Whether an excluded term of the rule occurs within the window of <c>[start, end)</c> (overlapping counts).</summary>
    private static bool ExcludedNear(Rule rule, Dictionary<int, List<Occurrence>> excluded, int start, int end)
    {
        foreach (int key in rule.Excluded)
        {
            if (!excluded.TryGetValue(key, out var hits)) continue;
            // One key's occurrences all have its length, so the last one starting early enough also ends the latest.
            int lo = 0, hi = hits.Count - 1, last = -1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >>> 1;
                if (hits[mid].Start <= end + rule.Window)
                {
                    last = mid;
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }

            if (last >= 0 && hits[last].End >= start - rule.Window) return true;
        }

        return false;
    }

    /// <summary>
    /// Finds, for a first term, the occurrences of the other groups (starting at or after it) that give the tightest
    /// finding (smallest end) with at most the window uncovered; depth-first, pruned by the best end so far.
    /// </summary>
    private sealed class Search(List<Occurrence>[] occurrences, int window)
    {
        private readonly Occurrence[] chosen = new Occurrence[occurrences.Length];
        private readonly Occurrence[] sorted = new Occurrence[occurrences.Length];
        private readonly int[] cursor = new int[occurrences.Length];
        private int bestEnd;
        private int tries;
        private int firstGroup;
        private int limit;

        public int? Tightest(Occurrence first, int group, int limit)
        {
            for (int g = 0; g < occurrences.Length; g++)
            {
                // Starts only grow from one call to the next, so each group's cursor only moves forward.
                while (cursor[g] < occurrences[g].Count && occurrences[g][cursor[g]].Start < first.Start) cursor[g]++;
            }

            chosen[group] = first;
            firstGroup = group;
            this.limit = limit;
            bestEnd = int.MaxValue;
            tries = 0;
            Choose(0, first.End);
            return bestEnd == int.MaxValue ? null : bestEnd;
        }

        private void Choose(int g, int end)
        {
            if (end >= bestEnd || tries >= MaxCombinationsPerStart) return;
            if (g == occurrences.Length)
            {
                tries++;
                if (Uncovered(end) <= window) bestEnd = end;
                return;
            }

            if (g == firstGroup)
            {
                Choose(g + 1, end);
                return;
            }

            var list = occurrences[g];
            // Sorted by start: once a term starts at or after the best end, it and all after it can only end later.
            for (int i = cursor[g]; i < list.Count && list[i].Start <= limit && list[i].Start < bestEnd; i++)
            {
                chosen[g] = list[i];
                Choose(g + 1, Math.Max(end, list[i].End));
            }
        }

        /// <summary>Characters between the first term's start and <paramref name="end"/> that no chosen term covers.</summary>
        private int Uncovered(int end)
        {
            // At most 8 terms: an insertion sort, with nothing allocated.
            for (int i = 0; i < chosen.Length; i++)
            {
                var next = chosen[i];
                int j = i - 1;
                for (; j >= 0 && sorted[j].Start > next.Start; j--) sorted[j + 1] = sorted[j];
                sorted[j + 1] = next;
            }

            int covered = 0, reach = sorted[0].Start;
            foreach (var occurrence in sorted)
            {
                int from = Math.Max(reach, occurrence.Start);
                if (occurrence.End > from) covered += occurrence.End - from;
                reach = Math.Max(reach, occurrence.End);
            }

            return end - sorted[0].Start - covered;
        }
    }

    /// <summary>A term occurrence seen by the automaton; <see cref="InsideAllowed"/>: wholly inside an allow-listed phrase.</summary>
    internal readonly record struct TermHit(int Start, int End, int Key, bool InsideAllowed);

    private readonly record struct Occurrence(int Start, int End)
    {
        public int Length => End - Start;
    }

    private sealed record Rule(int EntryId, int Window, int[][] Groups, int[] Excluded);
}

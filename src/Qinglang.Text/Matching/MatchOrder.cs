namespace Qinglang.Text.Matching;

/// <summary>
/// Orders of hits and a sort made for them. Automaton hits arrive by end, which is already start order except
/// where hits overlap, so an insertion sort costs one pass plus the few local moves overlaps need; a pathological
/// text with many nested hits falls back to a general sort once the moves exceed a linear budget.
/// </summary>
internal static class MatchOrder
{
    /// <summary>Start, then end, then entry: the order results are reported in.</summary>
    public readonly struct ByStart : IComparer<LexiconMatch>
    {
        public int Compare(LexiconMatch x, LexiconMatch y) =>
            x.Start != y.Start ? x.Start.CompareTo(y.Start) : x.End != y.End ? x.End.CompareTo(y.End) : x.EntryId.CompareTo(y.EntryId);
    }

    /// <summary>Start, then longest first: the order leftmost-longest selection walks.</summary>
    public readonly struct ByStartLongestFirst : IComparer<LexiconMatch>
    {
        public int Compare(LexiconMatch x, LexiconMatch y) =>
            x.Start != y.Start ? x.Start.CompareTo(y.Start) : x.End != y.End ? y.End.CompareTo(x.End) : x.EntryId.CompareTo(y.EntryId);
    }

    public static void SortNearlySorted<TOrder>(Span<LexiconMatch> hits) where TOrder : struct, IComparer<LexiconMatch>
    {
        var order = default(TOrder);
        long budget = 8L * hits.Length + 1024;
        for (int i = 1; i < hits.Length; i++)
        {
            if (order.Compare(hits[i - 1], hits[i]) <= 0) continue;
            var moving = hits[i];
            int j = i - 1;
            while (j >= 0 && order.Compare(hits[j], moving) > 0)
            {
                hits[j + 1] = hits[j];
                j--;
                if (--budget < 0)
                {
                    hits[j + 1] = moving;
                    hits.Sort(order);
                    return;
                }
            }

            hits[j + 1] = moving;
        }
    }
}

namespace Qinglang.Text.Matching;

/// <summary>
/// The allow-listed spans of one text, answering "does some allowed span contain [start, end)?" in O(log n):
/// spans sorted by start with a running maximum of their ends.
/// </summary>
internal sealed class AllowSpans
{
    private readonly int[] starts;
    private readonly int[] maxEnd;

    public AllowSpans(List<(int Start, int End)> spans)
    {
        spans.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        starts = new int[spans.Count];
        maxEnd = new int[spans.Count];
        int running = int.MinValue;
        for (int i = 0; i < spans.Count; i++)
        {
            starts[i] = spans[i].Start;
            running = Math.Max(running, spans[i].End);
            maxEnd[i] = running;
        }
    }

    public bool Contains(int start, int end)
    {
        // Last span starting at or before `start`; any span up to it that reaches `end` contains the hit.
        int at = Array.BinarySearch(starts, start);
        if (at < 0) at = ~at - 1;
        else
        {
            while (at + 1 < starts.Length && starts[at + 1] == start) at++;
        }

        return at >= 0 && maxEnd[at] >= end;
    }
}

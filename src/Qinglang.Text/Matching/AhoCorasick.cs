using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Qinglang.Text.Matching;

/// <summary>
/// An Aho-Corasick automaton over UTF-16 code units, laid out for scanning speed and small size.
/// Nodes are numbered in breadth-first order, so the children of a node are consecutive ids and a child's id is
/// its edge index + 1: a node needs only the offset of its first edge, its failure link and its output, and the
/// edges are one sorted <c>char</c> array searched with a vectorised <c>IndexOf</c>. The root has a dense
/// 65,536-entry table because almost every character of clean text is looked up there and nowhere else.
/// </summary>
public sealed class AhoCorasick
{
    private readonly int[] rootNext;      // char → child of the root, 0 when none (the root is never a child)
    private readonly int[] firstEdge;     // node → index of its first edge; firstEdge[n + 1] ends its edges
    private readonly char[] edgeLabel;    // edge labels, sorted within each node; edge e leads to node e + 1
    private readonly int[] fail;          // node → longest proper suffix that is also a node
    private readonly int[] report;        // node → first node on its suffix chain (itself included) ending a key, 0 when none
    private readonly int[] outputLink;    // node ending a key → next such node on its suffix chain, 0 when none
    private readonly int[] keyAt;         // node → key id ending exactly here, -1 when none
    private readonly int[] keyLength;     // key id → length

    internal AhoCorasick(int[] rootNext, int[] firstEdge, char[] edgeLabel, int[] fail, int[] report, int[] outputLink, int[] keyAt, int[] keyLength)
    {
        this.rootNext = rootNext;
        this.firstEdge = firstEdge;
        this.edgeLabel = edgeLabel;
        this.fail = fail;
        this.report = report;
        this.outputLink = outputLink;
        this.keyAt = keyAt;
        this.keyLength = keyLength;
    }

    /// <summary>Number of keys the automaton was built from.</summary>
    public int KeyCount => keyLength.Length;

    /// <summary>Number of trie nodes, the root included.</summary>
    public int NodeCount => fail.Length;

    /// <summary>Bytes held by the automaton's arrays (what a built automaton costs in memory).</summary>
    public long SizeInBytes =>
        (long)rootNext.Length * 4 + firstEdge.Length * 4L + edgeLabel.Length * 2L + fail.Length * 4L + report.Length * 4L
        + outputLink.Length * 4L + keyAt.Length * 4L + keyLength.Length * 4L;

    /// <summary>
    /// Builds the automaton. Key <c>i</c> is reported with id <c>i</c>; keys must be distinct and non-empty.
    /// </summary>
    public static AhoCorasick Build(IReadOnlyList<string> keys) => AhoCorasickBuilder.Build(keys);

    /// <summary>
    /// Reports every occurrence of every key in <paramref name="text"/> (overlapping ones included) to
    /// <paramref name="sink"/>, in order of their end; among hits ending at the same place, longer keys come first.
    /// </summary>
    public void Scan<TSink>(ReadOnlySpan<char> text, ref TSink sink) where TSink : struct, IHitSink
    {
        ref int root = ref MemoryMarshal.GetArrayDataReference(rootNext);
        int state = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (state == 0)
            {
                state = Unsafe.Add(ref root, c);
                if (state == 0) continue;
            }
            else
            {
                state = Step(state, c);
                if (state == 0) continue;
            }

            int node = report[state];
            while (node != 0)
            {
                int key = keyAt[node];
                sink.Hit(i + 1 - keyLength[key], i + 1, key);
                node = outputLink[node];
            }
        }
    }

    /// <summary>Counts hits without recording them (what a scan costs when result handling is free).</summary>
    public int Count(ReadOnlySpan<char> text)
    {
        var counter = new CountingSink();
        Scan(text, ref counter);
        return counter.Count;
    }

    /// <summary>The next state from a non-root <paramref name="state"/> on <paramref name="c"/>, following failure links.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Step(int state, char c)
    {
        while (true)
        {
            int first = firstEdge[state];
            int count = firstEdge[state + 1] - first;
            if (count != 0)
            {
                int at = count == 1
                    ? (edgeLabel[first] == c ? 0 : -1)
                    : edgeLabel.AsSpan(first, count).IndexOf(c);
                if (at >= 0) return first + at + 1;
            }

            state = fail[state];
            if (state == 0) return rootNext[c];
        }
    }

    private struct CountingSink : IHitSink
    {
        public int Count;

        public void Hit(int start, int end, int key) => Count++;
    }
}

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
    /// <summary>Edge count stored when a node has too many children for 16 bits; read from the next node then.</summary>
    private const ushort ManyEdges = ushort.MaxValue;

    private readonly int[] rootNext;      // char → child of the root, 0 when none (the root is never a child)
    private readonly Node[] nodes;        // per node, plus a sentinel whose FirstEdge is the edge count
    private readonly char[] edgeLabel;    // edge labels, sorted within each node; edge e leads to node e + 1
    private readonly int[] outputLink;    // node ending a key → next such node on its suffix chain, 0 when none
    private readonly int[] keyAt;         // node → key id ending exactly here, -1 when none
    private readonly int[] keyLength;     // key id → length

    internal AhoCorasick(int[] rootNext, int[] firstEdge, char[] edgeLabel, int[] fail, int[] report, int[] outputLink, int[] keyAt, int[] keyLength)
    {
        this.rootNext = rootNext;
        this.edgeLabel = edgeLabel;
        this.outputLink = outputLink;
        this.keyAt = keyAt;
        this.keyLength = keyLength;
        nodes = new Node[fail.Length + 1];
        for (int n = 0; n < fail.Length; n++)
        {
            int count = firstEdge[n + 1] - firstEdge[n];
            nodes[n] = new Node
            {
                FirstEdge = firstEdge[n],
                Fail = fail[n],
                Report = report[n],
                Count = count >= ManyEdges ? ManyEdges : (ushort)count,
                FirstLabel = count > 0 ? edgeLabel[firstEdge[n]] : '\0',
            };
        }

        nodes[fail.Length].FirstEdge = edgeLabel.Length;
    }

    /// <summary>Number of keys the automaton was built from.</summary>
    public int KeyCount => keyLength.Length;

    /// <summary>Number of trie nodes, the root included.</summary>
    public int NodeCount => nodes.Length - 1;

    /// <summary>Bytes held by the automaton's arrays (what a built automaton costs in memory).</summary>
    public long SizeInBytes =>
        (long)rootNext.Length * 4 + nodes.Length * (long)Unsafe.SizeOf<Node>() + edgeLabel.Length * 2L + outputLink.Length * 4L
        + keyAt.Length * 4L + keyLength.Length * 4L;

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
        ref Node node0 = ref MemoryMarshal.GetArrayDataReference(nodes);
        int state = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            state = state == 0 ? Unsafe.Add(ref root, c) : Step(ref node0, state, c);
            if (state == 0) continue;

            int hit = Unsafe.Add(ref node0, state).Report;
            while (hit != 0)
            {
                int key = keyAt[hit];
                sink.Hit(i + 1 - keyLength[key], i + 1, key);
                hit = outputLink[hit];
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
    private int Step(ref Node node0, int state, char c)
    {
        while (true)
        {
            ref Node node = ref Unsafe.Add(ref node0, state);
            int count = node.Count;
            if (count == 1)
            {
                // Most deep nodes have one child: its label sits in the node, no second memory access.
                if (node.FirstLabel == c) return node.FirstEdge + 1;
            }
            else if (count != 0)
            {
                if (count == ManyEdges) count = Unsafe.Add(ref node0, state + 1).FirstEdge - node.FirstEdge;
                int at = edgeLabel.AsSpan(node.FirstEdge, count).IndexOf(c);
                if (at >= 0) return node.FirstEdge + at + 1;
            }

            state = node.Fail;
            if (state == 0) return rootNext[c];
        }
    }

    /// <summary>Everything a scan reads per node, in 16 bytes: four nodes share a cache line.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 2)]
    private struct Node
    {
        public int FirstEdge;   // index of the first edge; the first child is node FirstEdge + 1
        public int Fail;        // longest proper suffix that is also a node
        public int Report;      // first node on the suffix chain (this one included) ending a key, 0 when none
        public ushort Count;    // number of edges, ManyEdges when too many to hold
        public char FirstLabel; // label of the first edge
    }

    private struct CountingSink : IHitSink
    {
        public int Count;

        public void Hit(int start, int end, int key) => Count++;
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Qinglang.Text.Matching;

/// <summary>
/// An Aho-Corasick automaton over UTF-16 code units, laid out for scanning speed and small size.
/// Nodes are numbered in depth-first (pre-)order, the order the builder creates them in from sorted keys, so a
/// node's first child is always the next node and the nodes along one key sit next to each other in memory. Each
/// node is one 16-byte record (first edge, failure link, output, edge count, first edge's label): a single-child
/// node, the common case deep in a trie, is stepped through without touching any other array. Nodes with several
/// children search one sorted <c>char</c> run with a vectorised <c>IndexOf</c>. The root has a dense
/// 65,536-entry table because almost every character of clean text is looked up there and nowhere else.
/// </summary>
public sealed class AhoCorasick
{
    /// <summary>Edge count stored when a node has too many children for 16 bits; read from the next node then.</summary>
    private const ushort ManyEdges = ushort.MaxValue;

    private readonly int[] rootNext;      // char → child of the root, 0 when none (the root is never a child)
    private readonly Node[] nodes;        // per node, plus a sentinel whose FirstEdge is the edge count
    private readonly char[] edgeLabel;    // edge labels, sorted within each node
    private readonly int[] edgeTarget;    // edge → child node
    private readonly Output[] outputs;    // keys ending at a node, chained along suffixes

    internal AhoCorasick(int[] rootNext, Node[] nodes, char[] edgeLabel, int[] edgeTarget, Output[] outputs, int keyCount)
    {
        this.rootNext = rootNext;
        this.nodes = nodes;
        this.edgeLabel = edgeLabel;
        this.edgeTarget = edgeTarget;
        this.outputs = outputs;
        KeyCount = keyCount;
    }

    /// <summary>Number of keys the automaton was built from.</summary>
    public int KeyCount { get; }

    /// <summary>Number of trie nodes, the root included.</summary>
    public int NodeCount => nodes.Length - 1;

    /// <summary>Bytes held by the automaton's arrays (what a built automaton costs in memory).</summary>
    public long SizeInBytes =>
        (long)rootNext.Length * 4 + nodes.Length * (long)Unsafe.SizeOf<Node>() + edgeLabel.Length * 2L + edgeTarget.Length * 4L
        + outputs.Length * (long)Unsafe.SizeOf<Output>();

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

            int output = Unsafe.Add(ref node0, state).Report;
            while (output != 0)
            {
                ref readonly Output found = ref outputs[output - 1];
                sink.Hit(i + 1 - found.Length, i + 1, found.Key);
                output = found.Next;
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
                // One child: its label is in the node and the child is the next node; no other memory is read.
                if (node.FirstLabel == c) return state + 1;
            }
            else if (count != 0)
            {
                if (count == ManyEdges) count = Unsafe.Add(ref node0, state + 1).FirstEdge - node.FirstEdge;
                int at = edgeLabel.AsSpan(node.FirstEdge, count).IndexOf(c);
                if (at >= 0) return edgeTarget[node.FirstEdge + at];
            }

            state = node.Fail;
            if (state == 0) return rootNext[c];
        }
    }

    /// <summary>Everything a scan reads per node, in 16 bytes: four nodes share a cache line.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 2)]
    internal struct Node
    {
        public int FirstEdge;   // index of the first edge in edgeLabel/edgeTarget
        public int Fail;        // longest proper suffix that is also a node
        public int Report;      // 1 + index of the first output on the suffix chain (this node included), 0 when none
        public ushort Count;    // number of edges, ManyEdges when too many to hold
        public char FirstLabel; // label of the first edge
    }

    /// <summary>A key ending at a node; <see cref="Next"/> is 1 + the next output on the suffix chain, 0 at its end.</summary>
    internal readonly record struct Output(int Key, int Length, int Next);

    private struct CountingSink : IHitSink
    {
        public int Count;

        public void Hit(int start, int end, int key) => Count++;
    }
}

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
/// 65,536-entry table because almost every character of clean text is looked up there and nowhere else. Nodes with
/// many children (a common first character of a crawled library has hundreds) get a small open-addressing table
/// instead: on real comments nearly every character steps out of such a node, and a linear search of its labels
/// would then dominate the scan.
/// </summary>
public sealed partial class AhoCorasick
{
    /// <summary>Edge count stored when a node has too many children for 16 bits; read from the next node then.</summary>
    private const ushort ManyEdges = ushort.MaxValue;

    /// <summary>Edge count stored when a node's children are in a hash table; its index is then in FirstLabel.</summary>
    internal const ushort Hashed = ushort.MaxValue - 1;

    private readonly int[] rootNext;      // char → child of the root, 0 when none (the root is never a child)
    private readonly Node[] nodes;        // per node, plus a sentinel whose FirstEdge is the edge count
    private readonly char[] edgeLabel;    // edge labels of the nodes that search a run of them, sorted within each node
    private readonly int[] edgeTarget;    // edge → child node
    private readonly Output[] outputs;    // keys ending at a node, chained along suffixes
    private readonly ChildTable[] tables; // hash tables of nodes with many children
    private readonly HashEdge[] hashed;   // their slots, each table a power-of-two run; Target 0 marks an empty slot
    private readonly ulong[] pairs;       // hashed bitmap of the two-character prefixes of keys (no false negatives)
    private readonly ulong[] triples;     // the same for three-character prefixes
    private readonly PairSlot[] pairNodes; // open-addressing table: two-character prefix → its depth-2 node
    private readonly ulong[] pairKeys;    // the pair bitmap of the two-character prefixes that are keys themselves
    private readonly ulong[] singles = new ulong[(char.MaxValue + 1) / 64]; // bitmap of the one-character keys
    private readonly bool shallowReports; // some child of the root reports a key (a one-character key exists)
    private readonly bool hasSingles;     // some key is one character long

    internal AhoCorasick(int[] rootNext, Node[] nodes, char[] edgeLabel, int[] edgeTarget, Output[] outputs, int keyCount,
        ChildTable[] tables, HashEdge[] hashed, ulong[] pairs, ulong[] triples, PairSlot[] pairNodes, ulong[] pairKeys)
    {
        this.pairKeys = pairKeys;
        this.pairs = pairs;
        this.triples = triples;
        this.pairNodes = pairNodes;
        for (int c = 0; c < rootNext.Length; c++)
        {
            int child = rootNext[c];
            if (child == 0 || nodes[child].Report == 0) continue;
            shallowReports = true;
            if (nodes[child].Report >= 0) continue;
            singles[c >> 6] |= 1UL << c;
            hasSingles = true;
        }

        this.tables = tables;
        this.hashed = hashed;
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
        + outputs.Length * (long)Unsafe.SizeOf<Output>() + tables.Length * (long)Unsafe.SizeOf<ChildTable>()
        + hashed.Length * (long)Unsafe.SizeOf<HashEdge>() + pairs.Length * 8L + triples.Length * 8L
        + pairNodes.Length * (long)Unsafe.SizeOf<PairSlot>() + singles.Length * 8L + pairKeys.Length * 8L;

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
        ref ulong pair0 = ref MemoryMarshal.GetArrayDataReference(pairs);
        ref ulong triple0 = ref MemoryMarshal.GetArrayDataReference(triples);
        int state = 0;
        int depth = 0; // 1: state is a child of the root, entered on text[i - 1]; 2: its child, on text[i - 2..i]; 0: not known
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            // A child of the root fails to the root, so when no key starts with (text[i - 1], c) the step from it is
            // the root's: decided from L2-sized bitmaps, without touching the node or its edges (on real text almost
            // every character takes this path, and the nodes would cost a cache miss each). From a grandchild of the
            // root the step lands on the root's child c too when no key starts with the last three characters, nor
            // with the last two.
            if (state == 0
                || (depth == 1 && !MayStart(ref pair0, PairBit(text[i - 1], c)))
                || (depth == 2 && !MayStart(ref triple0, TripleBit(text[i - 2], text[i - 1], c)) && !MayStart(ref pair0, PairBit(text[i - 1], c))))
            {
                state = Unsafe.Add(ref root, c);
                depth = 1;
                if (state == 0 || !shallowReports) continue;
            }
            else
            {
                state = Step(ref node0, state, c, ref depth);
                if (state == 0) continue;
            }

            int output = Unsafe.Add(ref node0, state).Report & int.MaxValue;
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
    private int Step(ref Node node0, int state, char c, ref int depth)
    {
        // Straight down an edge: one deeper (tracked up to 2); after a failure link the depth is no longer known.
        depth = depth == 1 ? 2 : 0;
        while (true)
        {
            int child = Child(ref node0, state, c);
            if (child != 0) return child;
            state = Unsafe.Add(ref node0, state).Fail;
            depth = 0;
            if (state == 0)
            {
                depth = 1;
                return rootNext[c];
            }
        }
    }

    /// <summary>The child of a non-root <paramref name="state"/> on <paramref name="c"/>, 0 when it has none (no failure links).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Child(ref Node node0, int state, char c)
    {
        ref Node node = ref Unsafe.Add(ref node0, state);
        int count = node.Count;
        if (count == 1)
        {
            // One child: its label is in the node and the child is the next node; no other memory is read.
            return node.FirstLabel == c ? state + 1 : 0;
        }

        if (count == Hashed) return HashedChild(node.FirstLabel, c);
        if (count == 0) return 0;
        if (count == ManyEdges) count = Unsafe.Add(ref node0, state + 1).FirstEdge - node.FirstEdge;
        int at = edgeLabel.AsSpan(node.FirstEdge, count).IndexOf(c);
        return at >= 0 ? edgeTarget[node.FirstEdge + at] : 0;
    }

    /// <summary>Whether <paramref name="bit"/> is set in a prefix bitmap (clear: no key starts with that prefix).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool MayStart(ref ulong bitmap0, uint bit) => (Unsafe.Add(ref bitmap0, (int)(bit >> 6)) & (1UL << (int)(bit & 63))) != 0;

    /// <summary>The bit of a three-character prefix in the triple bitmap (2^<see cref="PairBits"/> bits as well).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint TripleBit(char first, char second, char third) =>
        (uint)((((ulong)first << 32) | ((ulong)second << 16) | third) * 0x9E3779B97F4A7C15UL >> (64 - PairBits));

    /// <summary>The bit of a two-character prefix in the pair bitmap (2^<see cref="PairBits"/> bits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint PairBit(char first, char second) => PairBit((uint)first << 16 | second);

    /// <summary>
    /// The bit of two characters as <c>first &lt;&lt; 16 | second</c>. (The other order, which one little-endian read
    /// of both would give, spreads the seed text's CJK pairs worse: the automaton ran ~15 % slower on clean text.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint PairBit(uint pair) => pair * 0x9E3779B1u >> (32 - PairBits);

    /// <summary>A 128 KB bitmap: stays in L2, and keeps false positives near 4 % for 40k distinct prefixes.</summary>
    internal const int PairBits = 20;

    /// <summary>The child of a hashed node on <paramref name="c"/>, 0 when none (linear probing from the hashed slot).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int HashedChild(int table, char c)
    {
        var t = tables[table];
        ref HashEdge first = ref MemoryMarshal.GetArrayDataReference(hashed);
        int slot = ChildTable.Slot(c, t.Shift);
        while (true)
        {
            ref HashEdge edge = ref Unsafe.Add(ref first, t.Offset + slot);
            if (edge.Label == c || edge.Target == 0) return edge.Target;
            slot = (slot + 1) & t.Mask;
        }
    }

    /// <summary>Everything a scan reads per node, in 16 bytes: four nodes share a cache line.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 2)]
    internal struct Node
    {
        public int FirstEdge;   // index of the first edge in edgeLabel/edgeTarget (kept only where a run is searched)
        public int Fail;        // longest proper suffix that is also a node
        public int Report;      // 1 + index of the first output on the suffix chain (this node included), 0 when none;
                                // the sign bit is set when that first output is the node's own key (see OwnKey)
        public ushort Count;    // number of edges, ManyEdges when too many to hold
        public char FirstLabel; // label of the first edge
    }

    /// <summary>A node's hash table: <c>Mask + 1</c> slots from <see cref="Offset"/>, a label's first slot from <see cref="Slot"/>.</summary>
    internal readonly record struct ChildTable(int Offset, int Mask, int Shift)
    {
        /// <summary>Fibonacci hashing: the top bits of the product spread neighbouring code points apart.</summary>
        public static int Slot(char c, int shift) => (int)((c * 0x9E3779B1u) >> shift);
    }

    /// <summary>One slot of a node's hash table.</summary>
    internal readonly record struct HashEdge(int Target, char Label);

    /// <summary>A key ending at a node; <see cref="Next"/> is 1 + the next output on the suffix chain, 0 at its end.</summary>
    internal readonly record struct Output(int Key, int Length, int Next);

    private struct CountingSink : IHitSink
    {
        public int Count;

        public void Hit(int start, int end, int key) => Count++;
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Qinglang.Text.Matching;

/// <summary>
/// Leftmost-longest matching straight from the trie. The automaton pass reports every overlapping hit and leaves
/// the caller to sort them and keep the longest at each start; on text dense with hits (a crawled library of
/// common words over comments) that costs more than finding them. Here each position is tried as a start: the
/// prefix bitmaps rule out nearly every position without touching a node, a table gives the depth-2 node of the
/// first two characters in one probe (and whether they spell a key), and past them a walk goes down child edges
/// only (no failure links), remembering the deepest node that ends a key. That hit is reported and the scan goes
/// on after it, so characters inside a hit are never looked at and no hit is generated only to be dropped.
/// </summary>
public sealed partial class AhoCorasick
{
    /// <summary>
    /// Reports the leftmost-longest hits of <paramref name="text"/> to <paramref name="sink"/> in order of start:
    /// from the first position where some key starts, the longest key starting there, then the same from its end.
    /// The same hits as taking <see cref="Scan{TSink}"/>'s hits by start, longest first, and dropping each hit that
    /// starts before the end of the last one kept.
    /// </summary>
    public unsafe void ScanLongest<TSink>(ReadOnlySpan<char> text, ref TSink sink) where TSink : struct, IHitSink
    {
        ref char text0 = ref MemoryMarshal.GetReference(text);
        int free = 0; // the first position not inside a hit already reported
        int withPair = text.Length - 1; // positions [0, withPair) have a next character
        fixed (ulong* pairBits = pairs, singleBits = singles)
        {
            for (int block = 0; block < withPair; block += 64)
            {
                // Candidates come from the bitmaps without a branch a position (see Candidates): on real comments
                // four positions in five start nothing, and on clean text nearly all.
                ulong candidates = Candidates(ref text0, block, Math.Min(64, withPair - block), pairBits, singleBits);
                while (candidates != 0)
                {
                    int start = block + BitOperations.TrailingZeroCount(candidates);
                    candidates &= candidates - 1;
                    ReportLongestAt(text, start, ref free, ref sink);
                }
            }
        }

        if (withPair >= 0) ReportLongestAt(text, withPair, ref free, ref sink); // the last position, which has no pair
    }

    /// <summary>Reports the longest key starting at <paramref name="start"/>, if any, and moves <paramref name="free"/> past it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ReportLongestAt<TSink>(ReadOnlySpan<char> text, int start, ref int free, ref TSink sink) where TSink : struct, IHitSink
    {
        if (start < free) return;
        int key = 0; // 1 + the key of the hit, 0 while there is none
        int end = start + 1 < text.Length ? LongestAt(text, start, ref key) : IsSingle(text[start]) ? start + 1 : 0;
        if (end == 0) return;
        if (key == 0) key = SingleKey(text[start]);
        sink.Hit(start, end, key - 1);
        free = end;
    }

    /// <summary>
    /// The end of the longest key starting at <paramref name="at"/>, which must have a next character; 0 when none.
    /// <paramref name="key"/> gets 1 + its id, except for a one-character key (rare: lexicons refuse them, though
    /// normalizing an entry can shorten it to one character).
    /// </summary>
    private int LongestAt(ReadOnlySpan<char> text, int at, ref int key)
    {
        char c = text[at];
        char next = text[at + 1];
        uint bit = PairBit(c, next);
        ref ulong pair0 = ref MemoryMarshal.GetArrayDataReference(pairs);
        if (MayStart(ref pair0, bit))
        {
            // Past two characters only when some key starts with all three (on real text the rare case), so
            // most hits and misses are decided from the bitmaps and one probe of the pair table.
            if (at + 2 < text.Length && MayStart(ref MemoryMarshal.GetArrayDataReference(triples), TripleBit(c, next, text[at + 2])))
            {
                int end = LongestFrom(text, at, ref key);
                if (end != 0) return end;
            }
            else if (MayStart(ref MemoryMarshal.GetArrayDataReference(pairKeys), bit))
            {
                key = PairSlotOf(Pair(c, next)).OwnKey;
                if (key != 0) return at + 2;
            }
        }

        return IsSingle(c) ? at + 1 : 0;
    }

    /// <summary>
    /// The end of the longest key starting at <paramref name="start"/> that is two or more characters long, 0 when
    /// none; <paramref name="key"/> gets 1 + its id. Walks child edges from the depth-2 node, no failure links.
    /// </summary>
    private int LongestFrom(ReadOnlySpan<char> text, int start, ref int key)
    {
        ref Node node0 = ref MemoryMarshal.GetArrayDataReference(nodes);
        ref readonly PairSlot pair = ref PairSlotOf(Pair(text[start], text[start + 1]));
        int state = pair.Node;
        int end = 0;
        if (pair.OwnKey != 0)
        {
            key = pair.OwnKey;
            end = start + 2;
        }

        int report = 0;
        for (int j = start + 2; state != 0 && j < text.Length;)
        {
            state = Child(ref node0, state, text[j++]);
            int own = Unsafe.Add(ref node0, state).Report; // the root's (state 0) is never a key
            if (own < 0)
            {
                report = own;
                end = j;
            }
        }

        if (report != 0) key = outputs[(report & int.MaxValue) - 1].Key + 1;
        return end;
    }

    /// <summary>Counts leftmost-longest hits without recording them.</summary>
    public int CountLongest(ReadOnlySpan<char> text)
    {
        var counter = new CountingSink();
        ScanLongest(text, ref counter);
        return counter.Count;
    }

    /// <summary>Whether <paramref name="c"/> on its own is a key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsSingle(char c) => (singles[c >> 6] & (1UL << c)) != 0;

    /// <summary>1 + the id of the one-character key <paramref name="c"/>.</summary>
    private int SingleKey(char c) => outputs[(nodes[rootNext[c]].Report & int.MaxValue) - 1].Key + 1;

    /// <summary>The slot of a two-character prefix; an empty slot (node 0, no key) when no key starts with it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref readonly PairSlot PairSlotOf(uint pair)
    {
        ref PairSlot slot0 = ref MemoryMarshal.GetArrayDataReference(pairNodes);
        int slot = PairSlot.First(pair, pairNodes.Length);
        while (true)
        {
            ref PairSlot at = ref Unsafe.Add(ref slot0, slot);
            if (at.Pair == pair || at.Node == 0) return ref at;
            if (++slot == pairNodes.Length) slot = 0;
        }
    }

    /// <summary>Two characters as one 32-bit value, the key of <see cref="pairNodes"/>.</summary>
    internal static uint Pair(char first, char second) => (uint)first << 16 | second;

    /// <summary>
    /// A slot of the pair table: a depth-2 node and 1 + the key it ends (0: none), so a two-character hit reads no
    /// node. <see cref="Node"/> 0 marks an empty slot (no depth-2 node is the root).
    /// </summary>
    internal readonly record struct PairSlot(uint Pair, int Node, int OwnKey)
    {
        /// <summary>
        /// The first slot to probe in a table of <paramref name="length"/> slots: Fibonacci hashing, scaled to the
        /// length by a multiply (the table need not be a power of two, so it can stay two-thirds full).
        /// </summary>
        public static int First(uint pair, int length) => (int)((ulong)(pair * 0x9E3779B1u) * (uint)length >> 32);
    }
}

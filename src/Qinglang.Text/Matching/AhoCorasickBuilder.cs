namespace Qinglang.Text.Matching;

/// <summary>
/// Builds <see cref="AhoCorasick"/> without per-node objects or hash tables: the keys are sorted once, so the trie
/// falls out of a single pass in depth-first order (each key shares its prefix with the previous one, children
/// appear in ascending label order, and a node's first child is created right after it). Failure links are then
/// filled breadth-first. Peak memory is a few flat arrays of one int per key character.
/// </summary>
internal static class AhoCorasickBuilder
{
    /// <summary>Nodes with at least this many children are looked up by hash (fewer: one or two vector compares).</summary>
    private const int HashThreshold = 16;

    public static AhoCorasick Build(IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var sorted = new string[keys.Count];
        var ids = new int[keys.Count];
        long totalLength = 0;
        int maxLength = 0;
        for (int i = 0; i < keys.Count; i++)
        {
            string key = keys[i] ?? throw new ArgumentException($"Key {i} is null.", nameof(keys));
            if (key.Length == 0) throw new ArgumentException($"Key {i} is empty.", nameof(keys));
            sorted[i] = key;
            ids[i] = i;
            totalLength += key.Length;
            maxLength = Math.Max(maxLength, key.Length);
        }

        if (totalLength >= int.MaxValue / 2) throw new ArgumentException("The keys hold too many characters for one automaton.", nameof(keys));
        Array.Sort(sorted, ids, StringComparer.Ordinal);

        // The trie in depth-first (creation) order; keyAt[n] is the key ending at n, -1 when none.
        int capacity = (int)totalLength + 1;
        var parent = new int[capacity];
        var label = new char[capacity];
        var keyAt = new int[capacity];
        var childCount = new int[capacity + 1];
        keyAt[0] = -1;
        int nodes = 1;
        var path = new int[maxLength + 1];
        string previous = string.Empty;
        for (int k = 0; k < sorted.Length; k++)
        {
            string key = sorted[k];
            int shared = key.AsSpan().CommonPrefixLength(previous);
            if (shared == key.Length && shared == previous.Length)
                throw new ArgumentException($"Key \"{key}\" occurs twice (ids {ids[k - 1]} and {ids[k]}).", nameof(keys));
            int node = path[shared];
            for (int j = shared; j < key.Length; j++)
            {
                int child = nodes++;
                parent[child] = node;
                label[child] = key[j];
                keyAt[child] = -1;
                childCount[node]++;
                path[j + 1] = child;
                node = child;
            }

            keyAt[node] = ids[k];
            previous = key;
        }

        sorted = null!;
        ids = null!;

        // Edges grouped by node (ascending node id, ascending label within a node).
        var firstEdge = new int[nodes + 1];
        for (int n = 0; n < nodes; n++) firstEdge[n + 1] = firstEdge[n] + childCount[n];
        var edgeLabel = new char[nodes - 1];
        var edgeTarget = new int[nodes - 1];
        Array.Clear(childCount);
        for (int n = 1; n < nodes; n++)
        {
            int slot = firstEdge[parent[n]] + childCount[parent[n]]++;
            edgeLabel[slot] = label[n];
            edgeTarget[slot] = n;
        }

        childCount = null!;
        var rootNext = new int[char.MaxValue + 1];
        for (int e = firstEdge[0]; e < firstEdge[1]; e++) rootNext[edgeLabel[e]] = edgeTarget[e];

        var fail = FailureLinks(nodes, parent, label, firstEdge, edgeLabel, edgeTarget, rootNext, out int[] bfs);
        parent = null!;

        // Outputs in breadth-first order, so the shorter keys a node's chain continues with already exist.
        var report = new int[nodes];
        var outputs = new AhoCorasick.Output[keys.Count]; // each key ends at exactly one node
        int outputCount = 0;
        foreach (int n in bfs)
        {
            if (n == 0) continue;
            int inherited = report[fail[n]];
            if (keyAt[n] >= 0)
            {
                outputs[outputCount++] = new AhoCorasick.Output(keyAt[n], keys[keyAt[n]].Length, inherited);
                report[n] = outputCount;
            }
            else report[n] = inherited;
        }

        // Built from the whole edge list, before the nodes are packed and most edges dropped.
        var pairBitmap = PrefixBitmap(firstEdge, edgeLabel, edgeTarget, 2);
        var tripleBitmap = PrefixBitmap(firstEdge, edgeLabel, edgeTarget, 3);
        var pairTable = PairTable(firstEdge, edgeLabel, edgeTarget, keyAt, out ulong[] pairKeys);

        // Only nodes that search a sorted run of labels keep their edges: a one-child node holds its only edge
        // itself, and a hashed node its table; in a large trie that drops most edges.
        int keptEdges = 0, tableCount = 0, slotCount = 0;
        for (int n = 0; n < nodes; n++)
        {
            int count = firstEdge[n + 1] - firstEdge[n];
            if (IsHashed(n, count, tableCount))
            {
                tableCount++;
                slotCount += 1 << TableBits(count);
            }
            else if (count > 1) keptEdges += count;
        }

        var packed = new AhoCorasick.Node[nodes + 1];
        var keptLabel = new char[keptEdges];
        var keptTarget = new int[keptEdges];
        var tables = new AhoCorasick.ChildTable[tableCount];
        var hashed = new AhoCorasick.HashEdge[slotCount];
        keptEdges = tableCount = slotCount = 0;
        for (int n = 0; n < nodes; n++)
        {
            int count = firstEdge[n + 1] - firstEdge[n];
            packed[n] = new AhoCorasick.Node
            {
                FirstEdge = keptEdges,
                Fail = fail[n],
                Report = keyAt[n] >= 0 ? report[n] | int.MinValue : report[n],
                Count = count >= ushort.MaxValue ? ushort.MaxValue : (ushort)count,
                FirstLabel = count > 0 ? edgeLabel[firstEdge[n]] : '\0',
            };

            if (IsHashed(n, count, tableCount))
            {
                packed[n].Count = AhoCorasick.Hashed;
                packed[n].FirstLabel = (char)tableCount;
                var table = HashTable(edgeLabel.AsSpan(firstEdge[n], count), edgeTarget.AsSpan(firstEdge[n], count), hashed, slotCount);
                tables[tableCount++] = table;
                slotCount += table.Mask + 1;
            }
            else if (count > 1)
            {
                edgeLabel.AsSpan(firstEdge[n], count).CopyTo(keptLabel.AsSpan(keptEdges));
                edgeTarget.AsSpan(firstEdge[n], count).CopyTo(keptTarget.AsSpan(keptEdges));
                keptEdges += count;
            }
        }

        packed[nodes].FirstEdge = keptEdges; // the sentinel: a node's edge count is the next node's FirstEdge minus its own
        return new AhoCorasick(rootNext, packed, keptLabel, keptTarget, outputs, keys.Count, tables, hashed,
            pairBitmap, tripleBitmap, pairTable, pairKeys);
    }

    /// <summary>
    /// Whether node <paramref name="n"/> looks its children up by hash: many children, and not the root (its dense
    /// table serves it, it is never stepped through); a table index must fit in FirstLabel.
    /// </summary>
    private static bool IsHashed(int n, int count, int tablesSoFar) => n > 0 && count >= HashThreshold && tablesSoFar <= char.MaxValue;

    /// <summary>
    /// The depth-2 nodes by their two-character prefix, in an open-addressing table two-thirds full, and the bitmap
    /// of the prefixes that are keys themselves.
    /// </summary>
    private static AhoCorasick.PairSlot[] PairTable(int[] firstEdge, char[] edgeLabel, int[] edgeTarget, int[] keyAt, out ulong[] pairKeys)
    {
        pairKeys = new ulong[(1 << AhoCorasick.PairBits) / 64];
        int count = 0;
        for (int e = firstEdge[0]; e < firstEdge[1]; e++) count += firstEdge[edgeTarget[e] + 1] - firstEdge[edgeTarget[e]];
        var table = new AhoCorasick.PairSlot[count + count / 2 + 1];
        for (int e = firstEdge[0]; e < firstEdge[1]; e++)
        {
            int child = edgeTarget[e];
            for (int f = firstEdge[child]; f < firstEdge[child + 1]; f++)
            {
                uint pair = AhoCorasick.Pair(edgeLabel[e], edgeLabel[f]);
                int slot = AhoCorasick.PairSlot.First(pair, table.Length);
                while (table[slot].Node != 0) slot = slot + 1 == table.Length ? 0 : slot + 1;
                int node = edgeTarget[f];
                table[slot] = new AhoCorasick.PairSlot(pair, node, keyAt[node] + 1);
                if (keyAt[node] >= 0) Set(pairKeys, AhoCorasick.PairBit(edgeLabel[e], edgeLabel[f]));
            }
        }

        return table;
    }

    /// <summary>Sets the bit of every key prefix of <paramref name="length"/> (2 or 3) characters: the trie's paths from the root.</summary>
    private static ulong[] PrefixBitmap(int[] firstEdge, char[] edgeLabel, int[] edgeTarget, int length)
    {
        var bitmap = new ulong[(1 << AhoCorasick.PairBits) / 64];
        for (int e = firstEdge[0]; e < firstEdge[1]; e++)
        {
            int child = edgeTarget[e];
            for (int f = firstEdge[child]; f < firstEdge[child + 1]; f++)
            {
                if (length == 2)
                {
                    Set(bitmap, AhoCorasick.PairBit(edgeLabel[e], edgeLabel[f]));
                    continue;
                }

                int grandchild = edgeTarget[f];
                for (int g = firstEdge[grandchild]; g < firstEdge[grandchild + 1]; g++)
                {
                    Set(bitmap, AhoCorasick.TripleBit(edgeLabel[e], edgeLabel[f], edgeLabel[g]));
                }
            }
        }

        return bitmap;
    }

    private static void Set(ulong[] bitmap, uint bit) => bitmap[bit >> 6] |= 1UL << (int)(bit & 63);

    /// <summary>Appends an open-addressing table (at most half full) of one node's children to <paramref name="slots"/>.</summary>
    private static AhoCorasick.ChildTable HashTable(ReadOnlySpan<char> labels, ReadOnlySpan<int> targets, AhoCorasick.HashEdge[] slots, int offset)
    {
        int bits = TableBits(labels.Length);
        var table = new AhoCorasick.ChildTable(offset, (1 << bits) - 1, 32 - bits);
        for (int i = 0; i < labels.Length; i++)
        {
            int slot = AhoCorasick.ChildTable.Slot(labels[i], table.Shift);
            while (slots[table.Offset + slot].Target != 0) slot = (slot + 1) & table.Mask;
            slots[table.Offset + slot] = new AhoCorasick.HashEdge(targets[i], labels[i]);
        }

        return table;
    }

    /// <summary>Log2 of the slots of a node's hash table: at most half full.</summary>
    private static int TableBits(int children)
    {
        int bits = 1;
        while ((1 << bits) < 2 * children) bits++;
        return bits;
    }

    /// <summary>Failure links, computed breadth-first so every shorter suffix is done first; also returns that order.</summary>
    private static int[] FailureLinks(int nodes, int[] parent, char[] label, int[] firstEdge, char[] edgeLabel, int[] edgeTarget, int[] rootNext, out int[] bfs)
    {
        bfs = new int[nodes];
        int tail = 1;
        for (int head = 0; head < tail; head++)
        {
            int n = bfs[head];
            for (int e = firstEdge[n]; e < firstEdge[n + 1]; e++) bfs[tail++] = edgeTarget[e];
        }

        var fail = new int[nodes];
        for (int i = 1; i < nodes; i++)
        {
            int n = bfs[i];
            int p = parent[n];
            if (p == 0) continue;
            char c = label[n];
            int state = fail[p];
            while (true)
            {
                if (state == 0)
                {
                    fail[n] = rootNext[c];
                    break;
                }

                int at = edgeLabel.AsSpan(firstEdge[state], firstEdge[state + 1] - firstEdge[state]).IndexOf(c);
                if (at >= 0)
                {
                    fail[n] = edgeTarget[firstEdge[state] + at];
                    break;
                }

                state = fail[state];
            }
        }

        return fail;
    }
}

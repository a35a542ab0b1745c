namespace Qinglang.Text.Matching;

/// <summary>
/// Builds <see cref="AhoCorasick"/> without per-node objects or hash tables: the keys are sorted once, so the trie
/// falls out of a single pass (each key shares its prefix with the previous one and children appear in ascending
/// label order), then the nodes are renumbered breadth-first and the failure links filled in that order.
/// Peak memory is a few flat arrays of one int per key character.
/// </summary>
internal static class AhoCorasickBuilder
{
    public static AhoCorasick Build(IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var sorted = new string[keys.Count];
        var ids = new int[keys.Count];
        var keyLength = new int[keys.Count];
        long totalLength = 0;
        for (int i = 0; i < keys.Count; i++)
        {
            string key = keys[i] ?? throw new ArgumentException($"Key {i} is null.", nameof(keys));
            if (key.Length == 0) throw new ArgumentException($"Key {i} is empty.", nameof(keys));
            sorted[i] = key;
            ids[i] = i;
            keyLength[i] = key.Length;
            totalLength += key.Length;
        }

        if (totalLength >= int.MaxValue / 2) throw new ArgumentException("The keys hold too many characters for one automaton.", nameof(keys));
        Array.Sort(sorted, ids, StringComparer.Ordinal);

        // Trie in depth-first (creation) order.
        int capacity = (int)totalLength + 1;
        var parentPre = new int[capacity];
        var labelPre = new char[capacity];
        var keyPre = new int[capacity];
        var childCount = new int[capacity];
        keyPre[0] = -1;
        int nodes = 1;
        var path = new int[MaxLength(keyLength) + 1];
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
                parentPre[child] = node;
                labelPre[child] = key[j];
                keyPre[child] = -1;
                childCount[node]++;
                path[j + 1] = child;
                node = child;
            }

            keyPre[node] = ids[k];
            previous = key;
        }

        sorted = null!;
        ids = null!;

        // Children of each node in creation order, which is ascending label order.
        var childStart = new int[nodes + 1];
        for (int n = 0; n < nodes; n++) childStart[n + 1] = childStart[n] + childCount[n];
        var children = new int[nodes - 1];
        Array.Clear(childCount, 0, nodes);
        for (int n = 1; n < nodes; n++) children[childStart[parentPre[n]] + childCount[parentPre[n]]++] = n;
        childCount = null!;

        // Breadth-first renumbering: bfs[new] = old. The children of a node get consecutive new ids, in label order.
        var bfs = new int[nodes];
        int tail = 1;
        for (int head = 0; head < nodes; head++)
        {
            int old = bfs[head];
            for (int e = childStart[old]; e < childStart[old + 1]; e++) bfs[tail++] = children[e];
        }

        var firstEdge = new int[nodes + 1];
        var edgeLabel = new char[nodes - 1];
        var keyAt = new int[nodes];
        var parent = new int[nodes];
        int edge = 0;
        for (int n = 0; n < nodes; n++)
        {
            int old = bfs[n];
            firstEdge[n] = edge;
            keyAt[n] = keyPre[old];
            int count = childStart[old + 1] - childStart[old];
            for (int c = 0; c < count; c++)
            {
                parent[edge + 1] = n;
                edgeLabel[edge] = labelPre[bfs[edge + 1]];
                edge++;
            }
        }

        firstEdge[nodes] = edge;
        parentPre = null!;
        labelPre = null!;
        keyPre = null!;
        children = null!;
        bfs = null!;

        var rootNext = new int[char.MaxValue + 1];
        for (int e = firstEdge[0]; e < firstEdge[1]; e++) rootNext[edgeLabel[e]] = e + 1;

        // Failure links, report and output chains, in breadth-first order so every shorter suffix is done first.
        var fail = parent; // reused: parent[n] is read before fail[n] is written, and only for n itself
        var report = new int[nodes];
        var outputLink = new int[nodes];
        for (int n = 1; n < nodes; n++)
        {
            int p = parent[n];
            char c = edgeLabel[n - 1];
            int f = p == 0 ? 0 : Next(fail[p], c, rootNext, firstEdge, edgeLabel, fail);
            fail[n] = f;
            outputLink[n] = report[f];
            report[n] = keyAt[n] >= 0 ? n : report[f];
        }

        fail[0] = 0;
        return new AhoCorasick(rootNext, firstEdge, edgeLabel, fail, report, outputLink, keyAt, keyLength);
    }

    private static int Next(int state, char c, int[] rootNext, int[] firstEdge, char[] edgeLabel, int[] fail)
    {
        while (state != 0)
        {
            int first = firstEdge[state];
            int at = edgeLabel.AsSpan(first, firstEdge[state + 1] - first).IndexOf(c);
            if (at >= 0) return first + at + 1;
            state = fail[state];
        }

        return rootNext[c];
    }

    private static int MaxLength(int[] lengths)
    {
        int max = 0;
        foreach (int length in lengths) max = Math.Max(max, length);
        return max;
    }
}

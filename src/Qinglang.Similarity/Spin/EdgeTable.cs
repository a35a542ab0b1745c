namespace Qinglang.Similarity.Spin;

/// <summary>
/// The trie's edges (node, character) → child in one open-addressing table: a multiply-shift hash and linear probing
/// over two flat arrays, a few times cheaper per lookup than a general dictionary in the per-character loop.
/// </summary>
internal sealed class EdgeTable
{
    private const long Empty = -1;

    private readonly long[] keys;
    private readonly int[] values;
    private readonly int shift;

    public EdgeTable(IReadOnlyDictionary<long, int> edges)
    {
        var bits = 4;
        while ((1 << bits) < edges.Count * 2)
        {
            bits++;
        }

        shift = 64 - bits;
        keys = new long[1 << bits];
        values = new int[1 << bits];
        Array.Fill(keys, Empty);
        var mask = keys.Length - 1;
        foreach (var (key, value) in edges)
        {
            var slot = Slot(key);
            while (keys[slot] != Empty)
            {
                slot = (slot + 1) & mask;
            }

            keys[slot] = key;
            values[slot] = value;
        }
    }

    /// <summary>The child for <paramref name="key"/>, or 0 (the root, never a child) when there is none.</summary>
    public int Get(long key)
    {
        var mask = keys.Length - 1;
        for (var slot = Slot(key); ; slot = (slot + 1) & mask)
        {
            var found = keys[slot];
            if (found == key)
            {
                return values[slot];
            }

            if (found == Empty)
            {
                return 0;
            }
        }
    }

    private int Slot(long key) => (int)(((ulong)key * StableHash.Golden) >> shift);
}

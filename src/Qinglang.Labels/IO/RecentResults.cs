namespace Qinglang.Labels.IO;

/// <summary>
/// The last few results of a pure function, remembered per thread. A batch writes one label into many files and reads
/// each back to check it, so the same packet is parsed and the same label serialized again and again; a repeat returns
/// exactly what a fresh call would, and every file is still checked in full.
/// </summary>
internal sealed class RecentResults<TKey, TValue>(int capacity)
    where TKey : notnull
{
    private readonly ThreadLocal<Ring> rings = new(() => new Ring(capacity));

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> compute)
    {
        var ring = rings.Value!;
        foreach (var entry in ring.Entries)
        {
            if (entry is { } remembered && EqualityComparer<TKey>.Default.Equals(remembered.Key, key))
            {
                return remembered.Value;
            }
        }

        var value = compute(key);
        ring.Entries[ring.Next] = (key, value);
        ring.Next = (ring.Next + 1) % ring.Entries.Length;
        return value;
    }

    private sealed class Ring(int capacity)
    {
        public readonly (TKey Key, TValue Value)?[] Entries = new (TKey, TValue)?[capacity];
        public int Next;
    }
}

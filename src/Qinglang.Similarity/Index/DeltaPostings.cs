namespace Qinglang.Similarity.Index;

/// <summary>
/// Postings of the documents added since the last seal, in memory: an open-addressing table from band key to the
/// newest entry, entries chained to older ones. About 20 bytes per entry; sealed into a postings file when large.
/// </summary>
internal sealed class DeltaPostings
{
    private uint[] _keys = new uint[1024];
    private int[] _heads = new int[1024]; // entry index + 1; 0 = empty slot
    private int[] _ordinals = new int[1024];
    private int[] _next = new int[1024]; // entry index + 1 of the older entry with the same key; 0 = none
    private uint[] _entryKeys = new uint[1024];
    private int _slotsUsed;

    public int Count { get; private set; }

    public void Add(uint key, int ordinal)
    {
        if ((_slotsUsed + 1) * 2 > _keys.Length)
        {
            Grow();
        }

        if (Count == _ordinals.Length)
        {
            Array.Resize(ref _ordinals, Count * 2);
            Array.Resize(ref _next, Count * 2);
            Array.Resize(ref _entryKeys, Count * 2);
        }

        var slot = Find(key);
        if (_heads[slot] == 0)
        {
            _keys[slot] = key;
            _slotsUsed++;
        }

        _ordinals[Count] = ordinal;
        _entryKeys[Count] = key;
        _next[Count] = _heads[slot];
        _heads[slot] = ++Count;
    }

    /// <summary>Adds the ordinals under <paramref name="key"/>; false (and nothing added) when there are more than <paramref name="limit"/>.</summary>
    public bool Lookup(uint key, List<int> into, int limit = int.MaxValue)
    {
        var start = into.Count;
        for (var entry = _heads[Find(key)]; entry != 0; entry = _next[entry - 1])
        {
            if (into.Count - start == limit)
            {
                into.RemoveRange(start, into.Count - start);
                return false;
            }

            into.Add(_ordinals[entry - 1]);
        }

        return true;
    }

    /// <summary>Empties the delta but keeps its arrays, so sealing every few ten thousand documents does not churn the large-object heap.</summary>
    public void Clear()
    {
        Array.Clear(_heads);
        Count = 0;
        _slotsUsed = 0;
    }

    /// <summary>All entries as sorted postings-file entries.</summary>
    public ulong[] SortedEntries()
    {
        var entries = new ulong[Count];
        for (var i = 0; i < Count; i++)
        {
            entries[i] = PostingsFile.Entry(_entryKeys[i], _ordinals[i]);
        }

        Array.Sort(entries);
        return entries;
    }

    private int Find(uint key)
    {
        var mask = _keys.Length - 1;
        var slot = (int)(Mix(key) & (uint)mask);
        while (_heads[slot] != 0 && _keys[slot] != key)
        {
            slot = (slot + 1) & mask;
        }

        return slot;
    }

    private static uint Mix(uint key) => key * 0x9E3779B1u >> 7 ^ key;

    private void Grow()
    {
        var oldKeys = _keys;
        var oldHeads = _heads;
        _keys = new uint[oldKeys.Length * 2];
        _heads = new int[oldKeys.Length * 2];
        for (var i = 0; i < oldKeys.Length; i++)
        {
            if (oldHeads[i] != 0)
            {
                var slot = Find(oldKeys[i]);
                _keys[slot] = oldKeys[i];
                _heads[slot] = oldHeads[i];
            }
        }
    }
}

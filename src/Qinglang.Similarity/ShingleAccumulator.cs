namespace Qinglang.Similarity;

/// <summary>
/// Collects shingle hashes in bounded memory: a pending batch (sorted and de-duplicated when full, handed to the
/// MinHash/SimHash sketches) and the kept set, which stays exact up to the cap and beyond it keeps only hashes whose
/// top <see cref="Level"/> bits are zero, raising the level until it fits.
/// </summary>
internal sealed class ShingleAccumulator
{
    public const int BatchSize = 1 << 16;

    private uint[] pending = new uint[256];
    private uint[] kept = new uint[256];
    private int pendingCount;
    private int keptCount;
    private int cap;
    private bool keptSorted = true;

    public int Level { get; private set; }

    public void Reset(int maxKept)
    {
        cap = maxKept;
        pendingCount = 0;
        keptCount = 0;
        keptSorted = true;
        Level = 0;
    }

    /// <summary>Adds one hash; true when the batch is full and the caller must <see cref="FlushBatch"/>.</summary>
    public bool Add(uint hash)
    {
        if (pendingCount == pending.Length)
        {
            Array.Resize(ref pending, pending.Length * 2);
        }

        pending[pendingCount++] = hash;
        return pendingCount >= BatchSize;
    }

    /// <summary>Sorts and de-duplicates the batch, merges it into the kept set and returns it (valid until the next Add).</summary>
    public ReadOnlySpan<uint> FlushBatch()
    {
        var batch = pending.AsSpan(0, SortDistinct(pending.AsSpan(0, pendingCount)));
        pendingCount = 0;
        var bound = Bound(Level);
        if (keptCount == 0 && batch.Length <= cap && Level == 0)
        {
            // The common case, a text of one batch: the batch is the kept set, already sorted and distinct.
            EnsureCapacity(batch.Length);
            batch.CopyTo(kept);
            keptCount = batch.Length;
            return batch;
        }

        keptSorted = false;
        foreach (var hash in batch)
        {
            if (hash <= bound)
            {
                if (keptCount == kept.Length)
                {
                    Compact();
                    keptSorted = false;
                    if (keptCount == kept.Length)
                    {
                        Array.Resize(ref kept, kept.Length * 2);
                    }

                    bound = Bound(Level);
                    if (hash > bound)
                    {
                        continue;
                    }
                }

                kept[keptCount++] = hash;
            }
        }

        return batch;
    }

    /// <summary>The kept set, sorted and distinct, at most the cap long; call after the last <see cref="FlushBatch"/>.</summary>
    public uint[] Finish(out int estimatedDistinct)
    {
        Compact();
        estimatedDistinct = (int)Math.Min(int.MaxValue, (long)keptCount << Level);
        return kept.AsSpan(0, keptCount).ToArray();
    }

    private void EnsureCapacity(int count)
    {
        if (kept.Length < count)
        {
            kept = new uint[Math.Max(count, kept.Length * 2)];
        }
    }

    private void Compact()
    {
        if (!keptSorted)
        {
            keptCount = SortDistinct(kept.AsSpan(0, keptCount));
            keptSorted = true;
        }

        while (keptCount > cap)
        {
            Level++;
            keptCount = CountAtMost(kept.AsSpan(0, keptCount), Bound(Level));
        }
    }

    /// <summary>Largest hash kept at <paramref name="level"/>: the top <paramref name="level"/> bits zero.</summary>
    public static uint Bound(int level) => level >= 32 ? 0 : uint.MaxValue >> level;

    /// <summary>How many of the sorted <paramref name="values"/> are at most <paramref name="bound"/>.</summary>
    public static int CountAtMost(ReadOnlySpan<uint> values, uint bound)
    {
        var index = values.BinarySearch(bound);
        if (index < 0)
        {
            return ~index;
        }

        while (index + 1 < values.Length && values[index + 1] == bound)
        {
            index++;
        }

        return index + 1;
    }

    private static int SortDistinct(Span<uint> values)
    {
        if (values.Length < 2)
        {
            return values.Length;
        }

        values.Sort();
        var count = 1;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] != values[count - 1])
            {
                values[count++] = values[i];
            }
        }

        return count;
    }
}

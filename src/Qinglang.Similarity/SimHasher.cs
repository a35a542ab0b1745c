namespace Qinglang.Similarity;

/// <summary>
/// 64-bit SimHash: bit b is set when more than half of the features have bit b set in their 64-bit hash
/// (<c>Mix(shingle ^ 0x53494D48)</c>). Counts are kept eight at a time in byte lanes of a 64-bit word (one table read
/// and one add per byte of a feature), drained to full counters every 255 features.
/// </summary>
internal sealed class SimHasher
{
    private const ulong Salt = 0x53494D48UL;
    private static readonly ulong[] Spread = BuildSpread();

    private readonly ulong[] lanes = new ulong[8];
    private readonly long[] counts = new long[64];
    private int pending;
    private long total;

    public void Reset()
    {
        Array.Clear(lanes);
        Array.Clear(counts);
        pending = 0;
        total = 0;
    }

    public void Add(ReadOnlySpan<uint> shingles)
    {
        foreach (var shingle in shingles)
        {
            var f = StableHash.Mix(shingle ^ Salt);
            for (var p = 0; p < 8; p++)
            {
                lanes[p] += Spread[(int)((f >> (8 * p)) & 0xFF)];
            }

            if (++pending == 255)
            {
                Drain();
            }
        }
    }

    public ulong Finish()
    {
        Drain();
        var result = 0UL;
        for (var bit = 0; bit < 64; bit++)
        {
            if (counts[bit] * 2 > total)
            {
                result |= 1UL << bit;
            }
        }

        return result;
    }

    private void Drain()
    {
        for (var p = 0; p < 8; p++)
        {
            var word = lanes[p];
            for (var i = 0; i < 8; i++)
            {
                counts[(8 * p) + i] += (long)((word >> (8 * i)) & 0xFF);
            }

            lanes[p] = 0;
        }

        total += pending;
        pending = 0;
    }

    private static ulong[] BuildSpread()
    {
        var spread = new ulong[256];
        for (var b = 0; b < 256; b++)
        {
            for (var i = 0; i < 8; i++)
            {
                if ((b & (1 << i)) != 0)
                {
                    spread[b] |= 1UL << (8 * i);
                }
            }
        }

        return spread;
    }
}

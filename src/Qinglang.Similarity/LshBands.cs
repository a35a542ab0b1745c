namespace Qinglang.Similarity;

/// <summary>
/// Locality-sensitive banding of MinHash values: <see cref="Bands"/> bands of <see cref="Rows"/> consecutive values;
/// two texts whose fingerprints agree on every value of at least one band share that band's key, so an index that
/// stores each document under its keys finds candidates of Jaccard s with probability 1 − (1 − s^r)^b.
/// <para>
/// Key format (stable across processes and releases as long as <see cref="FingerprintOptions.ConfigurationId"/> is
/// unchanged): for band i (0-based), <c>h = Mix(0x4C534842_00000000 ^ (i · 2^16 + r))</c>, then for each of the r
/// values v in order <c>h = Mix(h ^ v)</c>, where Mix is the splitmix64 finalizer; the key is h. The band index is
/// part of the key, so all bands can share one table.
/// </para>
/// </summary>
public sealed class LshBands
{
    public LshBands(int bands, int rows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bands, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bands, 65535);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, 65535);
        Bands = bands;
        Rows = rows;
    }

    /// <summary>The tuned default for K = 128 (see the README): 32 bands of 4 rows.</summary>
    public static LshBands Default { get; } = new(32, 4);

    public int Bands { get; }

    public int Rows { get; }

    /// <summary>Probability that two texts of Jaccard <paramref name="jaccard"/> share at least one band key.</summary>
    public double CandidateProbability(double jaccard) => 1 - Math.Pow(1 - Math.Pow(jaccard, Rows), Bands);

    /// <summary>The band keys of <paramref name="fingerprint"/>; none for an empty text (nothing to match).</summary>
    public IEnumerable<ulong> BandKeys(Fingerprint fingerprint)
    {
        var keys = new ulong[KeyCount(fingerprint)];
        WriteBandKeys(fingerprint, keys);
        return keys;
    }

    /// <summary>How many keys <see cref="WriteBandKeys"/> writes: <see cref="Bands"/>, or 0 for an empty text.</summary>
    public int KeyCount(Fingerprint fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        return fingerprint.IsEmpty ? 0 : Bands;
    }

    /// <summary>Writes the keys into <paramref name="destination"/> without allocating; returns how many.</summary>
    public int WriteBandKeys(Fingerprint fingerprint, Span<ulong> destination)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        if (fingerprint.IsEmpty)
        {
            return 0;
        }

        var values = fingerprint.MinHash;
        if ((long)Bands * Rows > values.Length)
        {
            throw new ArgumentException($"{Bands} bands × {Rows} rows need {Bands * Rows} MinHash values; the fingerprint has {values.Length}.", nameof(fingerprint));
        }

        if (destination.Length < Bands)
        {
            throw new ArgumentException($"destination holds {destination.Length} keys; {Bands} needed.", nameof(destination));
        }

        for (var band = 0; band < Bands; band++)
        {
            var h = StableHash.Mix(0x4C534842_00000000UL ^ (((ulong)band << 16) | (uint)Rows));
            var offset = band * Rows;
            for (var row = 0; row < Rows; row++)
            {
                h = StableHash.Mix(h ^ values[offset + row]);
            }

            destination[band] = h;
        }

        return Bands;
    }
}

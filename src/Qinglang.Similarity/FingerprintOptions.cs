using Qinglang.Similarity.Spin;

namespace Qinglang.Similarity;

/// <summary>
/// How <see cref="TextFingerprinter"/> builds fingerprints. Two fingerprints are comparable only when built with equal
/// <see cref="ConfigurationId"/> values (an index stores it and refuses to mix). Defaults were chosen with the spin
/// harness (bench/Qinglang.Similarity.Spin; numbers in src/Qinglang.Similarity/README.md).
/// </summary>
public sealed record FingerprintOptions
{
    /// <summary>Bumped whenever hashing or shingling changes, so stored fingerprints are never silently mixed.</summary>
    public const int FormatVersion = 1;

    /// <summary>The tuned defaults with the built-in spin table.</summary>
    public static FingerprintOptions Default { get; } = new();

    /// <summary>Units (CJK characters or Latin words) per shingle.</summary>
    public int ShingleSize { get; init; } = 3;

    /// <summary>MinHash values per fingerprint (K).</summary>
    public int Permutations { get; init; } = 128;

    /// <summary>Seed of the MinHash permutation family.</summary>
    public ulong Seed { get; init; } = 0x51696E676C616E67UL;

    /// <summary>
    /// Most shingle hashes kept per fingerprint. Up to this many distinct shingles every one is kept (containment and
    /// Jaccard are exact); beyond it a consistent sample is kept (hashes below a power-of-two bound, see
    /// <see cref="Fingerprint.SampleLevel"/>), so huge documents stay bounded.
    /// </summary>
    public int MaxStoredShingles { get; init; } = 8192;

    /// <summary>Spinner substitutions mapped back before shingling; <see cref="SpinCanonicalizer.Empty"/> to switch off.</summary>
    public SpinCanonicalizer Canonicalizer { get; init; } = SpinCanonicalizer.Default;

    /// <summary>Identifies everything that changes fingerprint values: format, shingle size, K, seed, cap and the spin table.</summary>
    public string ConfigurationId =>
        $"v{FormatVersion}-n{ShingleSize}-k{Permutations}-s{Seed:x16}-c{MaxStoredShingles}-t{Canonicalizer.TableId}";

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ShingleSize, 1, nameof(ShingleSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ShingleSize, 16, nameof(ShingleSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(Permutations, 1, nameof(Permutations));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Permutations, 4096, nameof(Permutations));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxStoredShingles, 16, nameof(MaxStoredShingles));
        ArgumentNullException.ThrowIfNull(Canonicalizer, nameof(Canonicalizer));
    }
}

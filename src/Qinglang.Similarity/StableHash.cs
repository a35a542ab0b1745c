using System.Runtime.CompilerServices;

namespace Qinglang.Similarity;

/// <summary>
/// The hash functions behind every stored value (shingles, MinHash, band keys). Written out here, never taken from
/// the runtime (string.GetHashCode is randomized per process), so fingerprints and band keys are the same in every
/// process and release. Changing anything here changes <see cref="FingerprintOptions.FormatVersion"/>.
/// </summary>
internal static class StableHash
{
    /// <summary>The 64-bit golden-ratio multiplier.</summary>
    public const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>The splitmix64 finalizer: a bijection of 64-bit values whose output bits all depend on every input bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong x)
    {
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return x;
    }

    /// <summary>Hash of one code point used as a unit (a CJK character): <c>Mix(codePoint + Golden)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong CodePoint(int codePoint) => Mix((ulong)codePoint + Golden);

    /// <summary>Hash of a run of letters or digits used as one unit (a Latin word, a number).</summary>
    public static ulong Word(ReadOnlySpan<char> word)
    {
        // FNV-1a over UTF-16 units, then the finalizer; a word's hash never equals a code point's by construction of Mix.
        var h = 0xCBF29CE484222325UL;
        foreach (var ch in word)
        {
            h = (h ^ ch) * 0x100000001B3UL;
        }

        return Mix(h ^ 0x5751524455UL);
    }

    /// <summary>Folds a 64-bit value to the 32-bit form stored for shingles (the high half of its mix).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Fold(ulong x) => (uint)(Mix(x) >> 32);
}

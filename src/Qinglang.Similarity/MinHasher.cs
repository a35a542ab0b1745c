using System.Numerics;

namespace Qinglang.Similarity;

/// <summary>
/// K MinHash values over 32-bit shingle hashes. Permutation k is <c>p(x) = m((x ^ b_k) · a_k)</c> with <c>a_k</c> odd,
/// <c>a_k, b_k</c> drawn from <see cref="StableHash.Mix"/> of the seed, and m a fixed xor-shift-multiply finalizer,
/// all modulo 2^32: each is a bijection of 32-bit values. Computed with <see cref="Vector{T}"/> lanes, one vector of
/// permutations against every shingle at a time, so the running minima stay in registers.
/// </summary>
internal sealed class MinHasher
{
    private readonly uint[] multipliers;
    private readonly uint[] offsets;

    public MinHasher(int permutations, ulong seed)
    {
        Permutations = permutations;
        var lanes = Vector<uint>.Count;
        var padded = (permutations + lanes - 1) / lanes * lanes;
        multipliers = new uint[padded];
        offsets = new uint[padded];
        for (var k = 0; k < padded; k++)
        {
            multipliers[k] = (uint)StableHash.Mix(seed + (2UL * (ulong)k)) | 1u;
            offsets[k] = (uint)StableHash.Mix(seed + (2UL * (ulong)k) + 1);
        }
    }

    public int Permutations { get; }

    /// <summary>Length of the minima buffer <see cref="Update"/> needs (K rounded up to whole vectors).</summary>
    public int PaddedLength => multipliers.Length;

    /// <summary>Lowers <paramref name="minima"/> (PaddedLength long) by the permuted values of <paramref name="shingles"/>.</summary>
    public void Update(ReadOnlySpan<uint> shingles, Span<uint> minima)
    {
        var lanes = Vector<uint>.Count;
        var mix = new Vector<uint>(0x45D9F3Bu);
        for (var block = 0; block < multipliers.Length; block += lanes)
        {
            var a = new Vector<uint>(multipliers.AsSpan(block, lanes));
            var b = new Vector<uint>(offsets.AsSpan(block, lanes));
            var min = new Vector<uint>(minima.Slice(block, lanes));
            foreach (var x in shingles)
            {
                var v = (new Vector<uint>(x) ^ b) * a;
                v ^= Vector.ShiftRightLogical(v, 16);
                v *= mix;
                v ^= Vector.ShiftRightLogical(v, 15);
                min = Vector.Min(min, v);
            }

            min.CopyTo(minima.Slice(block, lanes));
        }
    }
}

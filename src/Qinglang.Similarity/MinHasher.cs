using System.Numerics;

namespace Qinglang.Similarity;

/// <summary>
/// K MinHash values over 32-bit shingle hashes. Permutation k is <c>p(x) = (x ^ b_k) · a_k mod 2^32</c> with
/// <c>a_k</c> odd and <c>a_k, b_k</c> drawn from <see cref="StableHash.Mix"/> of the seed: a bijection of 32-bit values
/// whose high bits (the ones a minimum is decided by) depend on every bit of x. The shingle hashes are already
/// uniformly mixed, so this one multiply per value is enough (the MinHash-versus-exact test checks the estimate). Computed with <see cref="Vector{T}"/> lanes, one vector of
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
        for (var block = 0; block < multipliers.Length; block += lanes)
        {
            var a = new Vector<uint>(multipliers.AsSpan(block, lanes));
            var b = new Vector<uint>(offsets.AsSpan(block, lanes));
            var min = new Vector<uint>(minima.Slice(block, lanes));
            foreach (var x in shingles)
            {
                min = Vector.Min(min, (new Vector<uint>(x) ^ b) * a);
            }

            min.CopyTo(minima.Slice(block, lanes));
        }
    }
}

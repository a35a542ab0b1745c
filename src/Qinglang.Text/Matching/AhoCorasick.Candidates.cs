using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Qinglang.Text.Matching;

/// <summary>
/// The first stage of <see cref="ScanLongest{TSink}"/>: which positions of a run of up to 64 may start a hit,
/// as a bit mask, from the pair bitmap (and the one-character keys) alone. Every position of every text goes
/// through here, so it must cost a few instructions a position and no unpredictable branch: with AVX2 eight
/// positions are hashed at once and their bitmap words fetched by one gather; elsewhere a scalar loop does the
/// same one position at a time.
/// </summary>
public sealed partial class AhoCorasick
{
    /// <summary>
    /// Bit <c>k</c> set when position <c>from + k</c> (for <c>k &lt; count</c>) may start a hit; every such
    /// position must have a next character.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private unsafe ulong Candidates(ref char text0, int from, int count, ulong* pairBits, ulong* singleBits)
    {
        ulong candidates = 0;
        int k = 0;
        if (Avx2.IsSupported)
        {
            // Eight positions need the eight characters after them too: chars [from + k, from + k + 9).
            var multiplier = Vector256.Create(0x9E3779B1u);
            for (; k + 8 <= count; k += 8)
            {
                ref char at = ref Unsafe.Add(ref text0, from + k);
                var first = Avx2.ConvertToVector256Int32(Vector128.LoadUnsafe(ref Unsafe.As<char, ushort>(ref at))).AsUInt32();
                var second = Avx2.ConvertToVector256Int32(Vector128.LoadUnsafe(ref Unsafe.As<char, ushort>(ref Unsafe.Add(ref at, 1)))).AsUInt32();
                var bits = Avx2.ShiftRightLogical(Avx2.MultiplyLow((first << 16) | second, multiplier), 32 - PairBits);
                var words = Avx2.GatherVector256((uint*)pairBits, Avx2.ShiftRightLogical(bits, 5).AsInt32(), 4);
                var may = Avx2.ShiftRightLogicalVariable(words, bits & Vector256.Create(31u));
                if (hasSingles)
                {
                    var singleWords = Avx2.GatherVector256((uint*)singleBits, Avx2.ShiftRightLogical(first, 5).AsInt32(), 4);
                    may |= Avx2.ShiftRightLogicalVariable(singleWords, first & Vector256.Create(31u));
                }

                candidates |= (ulong)(may << 31).ExtractMostSignificantBits() << k;
            }
        }

        for (; k < count; k++)
        {
            ref char at = ref Unsafe.Add(ref text0, from + k);
            char c = at;
            uint pair = PairBit(c, Unsafe.Add(ref at, 1));
            ulong may = (pairBits[pair >> 6] >> (int)pair) | (singleBits[c >> 6] >> c);
            candidates |= (may & 1) << k;
        }

        return candidates;
    }
}

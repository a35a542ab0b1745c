namespace Qinglang.Similarity;

/// <summary>
/// Compares two fingerprints built with the same <see cref="FingerprintOptions"/>: exact set measures over the kept
/// shingles (both sampled to the coarser level when a text was too large to keep them all), the MinHash estimate
/// when shingles were not kept, and the decision of <see cref="SimilarityThresholds"/>.
/// </summary>
public sealed class SimilarityScorer(SimilarityThresholds? thresholds = null)
{
    public static SimilarityScorer Default { get; } = new();

    public SimilarityThresholds Thresholds { get; } = thresholds ?? SimilarityThresholds.Default;

    public SimilarityScore Compare(Fingerprint a, Fingerprint b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.MinHash.Length != b.MinHash.Length)
        {
            throw new ArgumentException($"fingerprints built with different options ({a.MinHash.Length} and {b.MinHash.Length} MinHash values) cannot be compared.");
        }

        var simHash = 1 - (System.Numerics.BitOperations.PopCount(a.SimHash ^ b.SimHash) / 64.0);
        if (a.IsEmpty || b.IsEmpty)
        {
            return new SimilarityScore(0, 0, 0, a.IsEmpty && b.IsEmpty ? 1 : simHash, MatchKind.None, false, 0);
        }

        var canonical = Overlap.Of(a.Shingles, a.SampleLevel, b.Shingles, b.SampleLevel);
        var jaccard = canonical.Jaccard;
        if (canonical.SizeA == 0 && canonical.SizeB == 0)
        {
            jaccard = EstimateJaccard(a.MinHash, b.MinHash);
        }

        var raw = Overlap.Of(a.RawShingles, a.RawSampleLevel, b.RawShingles, b.RawSampleLevel);
        var aIsShorter = a.ShingleCount <= b.ShingleCount;
        var containment = aIsShorter ? canonical.ContainmentAInB : canonical.ContainmentBInA;
        var rawContainment = aIsShorter ? raw.ContainmentAInB : raw.ContainmentBInA;
        var shorterCount = Math.Min(a.ShingleCount, b.ShingleCount);
        var containmentCounts = shorterCount >= Thresholds.MinContainedShingles;

        var kind = MatchKind.None;
        var gap = 0.0;
        if (jaccard >= Thresholds.NearDuplicateJaccard)
        {
            kind = MatchKind.NearDuplicate;
            gap = jaccard - raw.Jaccard;
        }
        else if (containmentCounts && containment >= Thresholds.Containment)
        {
            kind = MatchKind.Containment;
            gap = containment - rawContainment;
        }

        var spun = kind != MatchKind.None && gap >= Thresholds.SpunGap;
        if (spun)
        {
            kind = MatchKind.SpunCopy;
        }

        var score = Math.Max(jaccard, containmentCounts ? containment : 0);
        return new SimilarityScore(jaccard, canonical.ContainmentAInB, canonical.ContainmentBInA, simHash, kind, spun, score)
        {
            RawJaccard = raw.Jaccard,
            RawContainment = rawContainment,
        };
    }

    /// <summary>The MinHash estimate of Jaccard: the share of positions whose values agree (both sketches K long).</summary>
    public static double EstimateJaccard(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        if (a.Length != b.Length || a.Length == 0)
        {
            throw new ArgumentException("MinHash sketches must have the same, non-zero length.");
        }

        var equal = 0;
        var filled = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != uint.MaxValue || b[i] != uint.MaxValue)
            {
                filled++;
                equal += a[i] == b[i] ? 1 : 0;
            }
        }

        return filled == 0 ? 0 : (double)equal / filled;
    }

    /// <summary>Intersection and sizes of two sorted hash sets taken at their common (coarser) sampling level.</summary>
    internal readonly record struct Overlap(int Intersection, int SizeA, int SizeB)
    {
        public double Jaccard => SizeA + SizeB - Intersection == 0 ? 0 : (double)Intersection / (SizeA + SizeB - Intersection);

        public double ContainmentAInB => SizeA == 0 ? 0 : (double)Intersection / SizeA;

        public double ContainmentBInA => SizeB == 0 ? 0 : (double)Intersection / SizeB;

        public static Overlap Of(uint[] a, int levelA, uint[] b, int levelB)
        {
            var bound = ShingleAccumulator.Bound(Math.Max(levelA, levelB));
            var sizeA = ShingleAccumulator.CountAtMost(a, bound);
            var sizeB = ShingleAccumulator.CountAtMost(b, bound);
            return new Overlap(IntersectionCount(a.AsSpan(0, sizeA), b.AsSpan(0, sizeB)), sizeA, sizeB);
        }

        private static int IntersectionCount(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
        {
            int i = 0, j = 0, count = 0;
            while (i < a.Length && j < b.Length)
            {
                var x = a[i];
                var y = b[j];
                if (x == y)
                {
                    count++;
                    i++;
                    j++;
                }
                else if (x < y)
                {
                    i++;
                }
                else
                {
                    j++;
                }
            }

            return count;
        }
    }
}

namespace Qinglang.Similarity.Spin.Bench;

/// <summary>How often LSH banding makes a pair a candidate: positives (original, own variant) and negatives (all other pairs).</summary>
internal static class Candidates
{
    public static (double Positive, double Negative) Rates(LshBands bands, Fingerprint[] originals, Fingerprint[] variants)
    {
        var originalKeys = originals.Select(f => bands.BandKeys(f).ToHashSet()).ToArray();
        var variantKeys = variants.Select(f => bands.BandKeys(f).ToArray()).ToArray();
        int positives = 0, negatives = 0;
        for (var i = 0; i < originals.Length; i++)
        {
            for (var j = 0; j < variants.Length; j++)
            {
                if (variantKeys[j].Any(originalKeys[i].Contains))
                {
                    if (i == j)
                    {
                        positives++;
                    }
                    else
                    {
                        negatives++;
                    }
                }
            }
        }

        var n = originals.Length;
        return ((double)positives / n, (double)negatives / ((double)n * (n - 1)));
    }
}

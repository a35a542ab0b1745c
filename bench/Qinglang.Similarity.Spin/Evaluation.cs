namespace Qinglang.Similarity.Spin.Bench;

/// <summary>Counts for one setting: every (original i, variant j) pair is judged; i = j are the positives.</summary>
/// <summary>
/// Counts for one setting: every (original i, variant j) pair is judged; i = j are the positives. A pair i ≠ j whose
/// clean texts already overlap (<see cref="Relatedness"/>) is "related": matching it is neither right nor wrong, so it is
/// counted apart (<see cref="RelatedMatched"/>) and left out of <see cref="Precision"/>; <see cref="StrictPrecision"/>
/// counts it as a false positive.
/// </summary>
internal sealed record Evaluation(int Positives, int TruePositives, int FalsePositives, int SpunFlagged, int RelatedMatched, double MeanPositiveJaccard, double MaxNegativeScore)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    public double StrictPrecision => (double)TruePositives / Math.Max(1, TruePositives + FalsePositives + RelatedMatched);

    public double Recall => Positives == 0 ? 0 : (double)TruePositives / Positives;

    /// <summary>Matched positives flagged as spun, over all positives.</summary>
    public double SpunRate => Positives == 0 ? 0 : (double)SpunFlagged / Positives;

    public static Evaluation Run(Fingerprint[] originals, Fingerprint[] variants, bool[,] related, SimilarityScorer scorer)
    {
        int truePositives = 0, falsePositives = 0, spun = 0, relatedMatched = 0;
        double jaccardSum = 0, maxNegative = 0;
        for (var i = 0; i < originals.Length; i++)
        {
            for (var j = 0; j < variants.Length; j++)
            {
                var score = scorer.Compare(originals[i], variants[j]);
                if (i == j)
                {
                    jaccardSum += score.Jaccard;
                    if (score.IsMatch)
                    {
                        truePositives++;
                        spun += score.Spun ? 1 : 0;
                    }
                }
                else
                {
                    maxNegative = related[i, j] ? maxNegative : Math.Max(maxNegative, score.Score);
                    if (score.IsMatch && related[i, j])
                    {
                        relatedMatched++;
                    }
                    else if (score.IsMatch)
                    {
                        falsePositives++;
                    }
                }
            }
        }

        return new Evaluation(originals.Length, truePositives, falsePositives, spun, relatedMatched, jaccardSum / originals.Length, maxNegative);
    }
}

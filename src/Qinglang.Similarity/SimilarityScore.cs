namespace Qinglang.Similarity;

/// <summary>
/// The comparison of two fingerprints. <see cref="Jaccard"/> and the containments are over canonical shingles (spin
/// mapped back, order-free); <see cref="RawJaccard"/> and <see cref="RawContainment"/> over the text as written.
/// <see cref="Score"/> (0..1) is the larger of Jaccard and the containment of the shorter text in the longer one.
/// </summary>
public sealed record SimilarityScore(
    double Jaccard,
    double ContainmentAInB,
    double ContainmentBInA,
    double SimHashSimilarity,
    MatchKind Kind,
    bool Spun,
    double Score)
{
    /// <summary>Jaccard of the raw shingles.</summary>
    public double RawJaccard { get; init; }

    /// <summary>Raw containment of the shorter text in the longer one.</summary>
    public double RawContainment { get; init; }

    /// <summary>True for every kind but <see cref="MatchKind.None"/>.</summary>
    public bool IsMatch => Kind != MatchKind.None;
}

namespace Qinglang.Similarity;

/// <summary>
/// The decision rule of <see cref="SimilarityScorer"/>; defaults chosen with the spin harness (README).
/// <list type="number">
/// <item>NearDuplicate when canonical Jaccard ≥ <see cref="NearDuplicateJaccard"/>.</item>
/// <item>Otherwise Containment when the shorter text has at least <see cref="MinContainedShingles"/> shingles and
/// its canonical containment in the longer one is ≥ <see cref="Containment"/>.</item>
/// <item>A match is a SpunCopy (and <c>Spun</c>) when the deciding measure drops by at least <see cref="SpunGap"/>
/// from canonical to raw shingles: the texts agree once spin is mapped back and clauses are taken order-free, but
/// not as written. A faithful copy has no gap; a copy with a few edits has a small one.</item>
/// </list>
/// </summary>
public sealed record SimilarityThresholds
{
    public static SimilarityThresholds Default { get; } = new();

    public double NearDuplicateJaccard { get; init; } = 0.5;

    public double Containment { get; init; } = 0.6;

    public int MinContainedShingles { get; init; } = 16;

    public double SpunGap { get; init; } = 0.1;
}

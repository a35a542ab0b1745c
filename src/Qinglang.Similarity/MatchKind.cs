namespace Qinglang.Similarity;

/// <summary>How two texts relate, as <see cref="SimilarityScorer"/> judges them.</summary>
public enum MatchKind
{
    /// <summary>Below every threshold.</summary>
    None,

    /// <summary>Most of both texts is shared (Jaccard at or above the threshold).</summary>
    NearDuplicate,

    /// <summary>Most of the shorter text is inside the longer one (a post quoting or copying part of an article).</summary>
    Containment,

    /// <summary>A near-duplicate or containment whose wording was spun (substituted words, rotated or reordered clauses).</summary>
    SpunCopy,
}

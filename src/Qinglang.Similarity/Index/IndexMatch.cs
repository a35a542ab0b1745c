namespace Qinglang.Similarity.Index;

/// <summary>A stored document judged a near-duplicate, containment or spun copy of the query, with its scores.</summary>
public sealed record IndexMatch(string Id, string Account, DateTimeOffset? Time, SimilarityScore Score);

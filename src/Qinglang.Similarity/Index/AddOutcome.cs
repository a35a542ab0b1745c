namespace Qinglang.Similarity.Index;

/// <summary>
/// What adding a document did. Ids are unique: adding an id again replaces the earlier document (last write wins),
/// unless id, account, time and fingerprint are all identical, which changes nothing (re-indexing is idempotent).
/// </summary>
public enum AddOutcome
{
    Added,
    Replaced,
    Unchanged,
}

/// <summary>Totals of <see cref="SimilarityIndex.AddRange"/>; <see cref="Rejected"/> names documents refused (bad id…).</summary>
public sealed record AddSummary(long Added, long Replaced, long Unchanged, long Empty, IReadOnlyList<string> Rejected);

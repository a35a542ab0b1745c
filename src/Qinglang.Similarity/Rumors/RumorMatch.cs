using Qinglang.Core;

namespace Qinglang.Similarity.Rumors;

/// <summary>A post that spreads a refuted claim: the claim (with its refutation), the text similarity and the entities both share.</summary>
public sealed record RumorMatch(RefutedClaim Claim, SimilarityScore Score, IReadOnlyList<string> SharedEntities)
{
    /// <summary>The <c>ai.rumor</c> finding, carrying the refutation to show next to the post.</summary>
    public Finding ToFinding() => Finding.Error(
        CategoryCodes.AiRumor,
        $"repeats refuted claim {Claim.Id} · 与已辟谣信息一致；辟谣：{Claim.Refutation}（{Claim.Source}，{Claim.Date:yyyy-MM-dd}）",
        $"rumor:{Claim.Id}");
}

/// <summary>What checking a post found: claims it spreads (flagged) and claims it refutes (not flagged, for information).</summary>
public sealed record RumorCheck(IReadOnlyList<RumorMatch> Spreads, IReadOnlyList<RefutedClaim> Refutes);

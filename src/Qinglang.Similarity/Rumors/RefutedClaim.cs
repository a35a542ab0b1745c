namespace Qinglang.Similarity.Rumors;

/// <summary>A rumor that was refuted: its claim text, the refutation to attach, who refuted it and when.</summary>
public sealed record RefutedClaim(string Id, string Claim, string Refutation, string Source, DateOnly Date);

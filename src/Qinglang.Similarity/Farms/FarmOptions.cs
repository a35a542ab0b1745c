namespace Qinglang.Similarity.Farms;

/// <summary>What counts as a content farm: near-duplicates posted by many accounts close together in time.</summary>
public sealed record FarmOptions
{
    public static FarmOptions Default { get; } = new();

    /// <summary>Two posts are linked only when posted at most this far apart (posts without a time link to any time).</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Fewest distinct accounts for a cluster to be reported.</summary>
    public int MinAccounts { get; init; } = 3;

    /// <summary>Width of a timeline bucket.</summary>
    public TimeSpan Bucket { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Lowest <see cref="SimilarityScore.Score"/> for a link (the scorer must also call it a match).</summary>
    public double MinScore { get; init; } = 0.5;
}

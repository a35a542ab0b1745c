using Qinglang.Core;

namespace Qinglang.Similarity.Farms;

/// <summary>A post in a cluster.</summary>
public sealed record FarmMember(string Id, string Account, DateTimeOffset? Time);

/// <summary>Posts of a cluster in one timeline bucket starting at <see cref="Start"/>.</summary>
public sealed record TimelineBucket(DateTimeOffset Start, int Posts, int Accounts);

/// <summary>
/// Near-duplicate posts from many accounts within the window: members (oldest first), distinct accounts, first and
/// last time, and the timeline of non-empty buckets. The coordinated-behaviour work consumes this.
/// </summary>
public sealed record FarmCluster(
    IReadOnlyList<FarmMember> Members,
    IReadOnlyList<string> Accounts,
    DateTimeOffset? First,
    DateTimeOffset? Last,
    IReadOnlyList<TimelineBucket> Timeline)
{
    /// <summary>The <c>ai.water_army</c> finding for this cluster (AI网络水军: content farms, spun copies in bulk).</summary>
    public Finding ToFinding()
    {
        var span = First is { } first && Last is { } last ? $" between {first:yyyy-MM-dd HH:mm} and {last:yyyy-MM-dd HH:mm} UTC" : "";
        return Finding.Warning(
            CategoryCodes.AiWaterArmy,
            $"{Members.Count} near-duplicate posts from {Accounts.Count} accounts{span} · 内容农场/批量洗稿：{Accounts.Count} 个账号发布 {Members.Count} 篇近似内容",
            $"cluster:{Members[0].Id}");
    }
}

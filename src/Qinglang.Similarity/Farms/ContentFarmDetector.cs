using Qinglang.Similarity.Index;

namespace Qinglang.Similarity.Farms;

/// <summary>
/// Finds content farms in an index: every live post is linked to the candidates LSH gives it when the scorer calls
/// the pair a match with score ≥ <see cref="FarmOptions.MinScore"/> and the posts are within
/// <see cref="FarmOptions.Window"/>; linked posts form clusters (union-find); clusters with at least
/// <see cref="FarmOptions.MinAccounts"/> distinct accounts are reported, largest first.
/// </summary>
public static class ContentFarmDetector
{
    public static IReadOnlyList<FarmCluster> Find(SimilarityIndex index, FarmOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        options ??= FarmOptions.Default;
        var scorer = index.Scorer;
        var parent = new Dictionary<int, int>();
        foreach (var ordinal in index.LiveOrdinals())
        {
            var document = index.Read(ordinal);
            if (document.Fingerprint.IsEmpty)
            {
                continue;
            }

            foreach (var candidate in index.Candidates(document.Fingerprint))
            {
                if (candidate <= ordinal || Root(parent, candidate) == Root(parent, ordinal))
                {
                    continue; // each pair once; already linked pairs need no score
                }

                var other = index.Read(candidate);
                if (!WithinWindow(document.Time, other.Time, options.Window))
                {
                    continue;
                }

                var score = scorer.Compare(document.Fingerprint, other.Fingerprint);
                if (score.IsMatch && score.Score >= options.MinScore)
                {
                    parent[Root(parent, candidate)] = Root(parent, ordinal);
                }
            }
        }

        var groups = parent.Keys.GroupBy(o => Root(parent, o)).Select(g => g.Order().ToList()).Where(g => g.Count >= Math.Max(2, options.MinAccounts));
        var clusters = new List<FarmCluster>();
        foreach (var group in groups)
        {
            var members = group.Select(index.Read).Select(d => new FarmMember(d.Id, d.Account, d.Time)).ToList();
            var accounts = members.Select(m => m.Account).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (accounts.Count >= options.MinAccounts)
            {
                clusters.Add(Describe(members, accounts, options.Bucket));
            }
        }

        return clusters.OrderByDescending(c => c.Accounts.Count).ThenByDescending(c => c.Members.Count).ThenBy(c => c.Members[0].Id, StringComparer.Ordinal).ToList();
    }

    private static FarmCluster Describe(List<FarmMember> members, List<string> accounts, TimeSpan bucket)
    {
        members.Sort((a, b) => Nullable.Compare(a.Time, b.Time) is var byTime and not 0 ? byTime : string.CompareOrdinal(a.Id, b.Id));
        var timed = members.Where(m => m.Time is not null).ToList();
        var ticks = Math.Max(1, bucket.Ticks);
        var timeline = timed
            .GroupBy(m => m.Time!.Value.UtcTicks / ticks)
            .OrderBy(g => g.Key)
            .Select(g => new TimelineBucket(new DateTimeOffset(g.Key * ticks, TimeSpan.Zero), g.Count(), g.Select(m => m.Account).Distinct(StringComparer.Ordinal).Count()))
            .ToList();
        return new FarmCluster(members, accounts, timed.FirstOrDefault()?.Time, timed.LastOrDefault()?.Time, timeline);
    }

    private static bool WithinWindow(DateTimeOffset? a, DateTimeOffset? b, TimeSpan window) =>
        a is null || b is null || (a.Value - b.Value).Duration() <= window;

    /// <summary>Union-find root with path halving; an ordinal not yet in the forest is its own root.</summary>
    private static int Root(Dictionary<int, int> parent, int ordinal)
    {
        parent.TryAdd(ordinal, ordinal);
        while (parent[ordinal] != ordinal)
        {
            var grand = parent[parent[ordinal]];
            parent[ordinal] = grand;
            ordinal = grand;
        }

        return ordinal;
    }
}

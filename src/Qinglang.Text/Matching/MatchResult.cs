namespace Qinglang.Text.Matching;

/// <summary>
/// What a match found, ordered by start (then end). <see cref="TimedOutEntries"/> lists regex entries whose match
/// ran out of time on this text: they contributed nothing and the caller decides whether that matters.
/// </summary>
public sealed record MatchResult(IReadOnlyList<LexiconMatch> Matches, IReadOnlyList<int> TimedOutEntries)
{
    public static MatchResult Empty { get; } = new([], []);
}

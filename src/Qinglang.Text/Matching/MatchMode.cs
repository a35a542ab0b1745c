namespace Qinglang.Text.Matching;

/// <summary>Which word hits a match reports. Co-occurrence and regex hits are always all reported.</summary>
public enum MatchMode
{
    /// <summary>Leftmost-longest, non-overlapping: scanning left to right, the longest word starting at the first place any word starts.</summary>
    Longest,

    /// <summary>Every occurrence of every word, overlapping ones included.</summary>
    All,
}

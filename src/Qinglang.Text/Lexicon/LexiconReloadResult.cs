namespace Qinglang.Text.Lexicons;

/// <summary>
/// The outcome of a reload: whether the new lexicon replaced the current one, the lexicon now current, what
/// changed (null when rejected) and the issues found loading it.
/// </summary>
public sealed record LexiconReloadResult(bool Applied, Lexicon Current, LexiconDiff? Diff, IReadOnlyList<LexiconIssue> Issues);

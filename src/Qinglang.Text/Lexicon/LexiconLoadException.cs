namespace Qinglang.Text.Lexicons;

/// <summary>A lexicon could not be loaded; <see cref="Issues"/> holds every problem found, errors and warnings.</summary>
public sealed class LexiconLoadException(IReadOnlyList<LexiconIssue> issues) : Exception(Describe(issues))
{
    private const int ShownInMessage = 20;

    public IReadOnlyList<LexiconIssue> Issues { get; } = issues;

    private static string Describe(IReadOnlyList<LexiconIssue> issues)
    {
        var errors = issues.Where(i => i.Severity == Core.Severity.Error).ToList();
        var lines = errors.Take(ShownInMessage).Select(i => "  " + i);
        int total = errors.Sum(e => e.Count);
        string more = errors.Count > ShownInMessage ? $"\n  … and {total - errors.Take(ShownInMessage).Sum(e => e.Count)} more" : "";
        return $"The lexicon has {total} error(s):\n{string.Join("\n", lines)}{more}";
    }
}

using Qinglang.Core;

namespace Qinglang.Text.Lexicons;

/// <summary>The outcome of a load: the lexicon when there was no error, and every issue found either way.</summary>
public sealed record LexiconLoadResult(Lexicon? Lexicon, IReadOnlyList<LexiconIssue> Issues)
{
    public bool Succeeded => Lexicon is not null;

    public IEnumerable<LexiconIssue> Errors => Issues.Where(i => i.Severity == Severity.Error);

    /// <summary>The lexicon, or a <see cref="LexiconLoadException"/> listing the errors.</summary>
    public Lexicon GetOrThrow() => Lexicon ?? throw new LexiconLoadException(Issues);
}

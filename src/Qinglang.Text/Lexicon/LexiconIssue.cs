using Qinglang.Core;

namespace Qinglang.Text.Lexicons;

/// <summary>
/// A problem found while loading a lexicon. Errors make the load fail; warnings are kept on the lexicon.
/// <see cref="Code"/> is stable (<c>lexicon.duplicate</c>, <c>lexicon.conflict</c>, …; see data/lexicon/README.md).
/// </summary>
public sealed record LexiconIssue(Severity Severity, string Code, string Message, EntrySource Source)
{
    /// <summary>
    /// 0 for an issue found at its source; for the closing issue of a code that had more than
    /// <see cref="LexiconBuilder.MaxIssuesPerCode"/>, how many of that code were found but not listed.
    /// </summary>
    public int Omitted { get; init; }

    /// <summary>How many problems this issue stands for: itself, or the ones it says were not listed.</summary>
    public int Count => Omitted > 0 ? Omitted : 1;

    public override string ToString() => $"{Source}: {Severity.ToString().ToLowerInvariant()} {Code}: {Message}";
}

using Qinglang.Core;

namespace Qinglang.Text.Lexicons;

/// <summary>
/// A problem found while loading a lexicon. Errors make the load fail; warnings are kept on the lexicon.
/// <see cref="Code"/> is stable (<c>lexicon.duplicate</c>, <c>lexicon.conflict</c>, …; see data/lexicon/README.md).
/// </summary>
public sealed record LexiconIssue(Severity Severity, string Code, string Message, EntrySource Source)
{
    public override string ToString() => $"{Source}: {Severity.ToString().ToLowerInvariant()} {Code}: {Message}";
}

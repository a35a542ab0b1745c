using Qinglang.Core;

namespace Qinglang.Labels.Explicit.Text;

/// <summary>
/// Whether a text or Markdown file carries a conforming explicit label: a notice at its start or end. Problems carry
/// <see cref="NoticeProblemCodes"/>; <see cref="Unreadable"/> files (not text, bad bytes, I/O) were not checked.
/// </summary>
public sealed record TextNoticeReport(string Path, string? Format, bool Conforming, bool Unreadable, IReadOnlyList<TextNotice> Notices, IReadOnlyList<Finding> Problems);

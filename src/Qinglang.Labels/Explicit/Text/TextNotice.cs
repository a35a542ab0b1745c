namespace Qinglang.Labels.Explicit.Text;

/// <summary>
/// One notice found in a text: its position, 1-based line, the UTF-16 offset and length of the notice line's text
/// (decoded text, byte order mark excluded, front matter included; Markdown quote markers and indentation left out),
/// that text, the part that matched (from one element to the other) and the elements as written.
/// </summary>
public sealed record TextNotice(NoticePosition Position, int Line, int Offset, int Length, string Text, string Match, IReadOnlyList<string> Elements);

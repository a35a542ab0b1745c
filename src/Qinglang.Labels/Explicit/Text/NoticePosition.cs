namespace Qinglang.Labels.Explicit.Text;

/// <summary>Where a notice lies in the visible text (after any front matter).</summary>
public enum NoticePosition
{
    /// <summary>On the first non-blank line (in Markdown also the line right after a leading heading).</summary>
    Start,

    /// <summary>On the last non-blank line.</summary>
    End,

    /// <summary>On a line that is both (the text's only line).</summary>
    StartAndEnd,

    /// <summary>Anywhere else.</summary>
    Middle,
}

namespace Qinglang.Labels.Explicit;

/// <summary>Stable problem codes of explicit text labels (<c>check-mark</c>, <c>mark --text</c>). Released codes never change meaning.</summary>
public static class NoticeProblemCodes
{
    /// <summary>No notice at the start or end of the text, nor anywhere else in it.</summary>
    public const string Missing = "notice.missing";

    /// <summary>Notices only in the middle of the text: the start or end is what a reader always sees.</summary>
    public const string NotAtStartOrEnd = "notice.not_at_start_or_end";

    /// <summary>A line that reads like a notice (生成/合成) without 人工智能/AI.</summary>
    public const string NoAiElement = "notice.no_ai_element";

    /// <summary>A line that reads like a notice (人工智能/AI) without 生成/合成.</summary>
    public const string NoGenerationElement = "notice.no_generation_element";

    /// <summary>Both elements on one line but too far apart to read as one statement.</summary>
    public const string ElementsApart = "notice.elements_apart";

    /// <summary>A notice inside a Markdown/HTML comment: readers of the rendered text never see it.</summary>
    public const string Hidden = "notice.hidden";

    /// <summary>A notice given to <c>mark</c> that is not one line of printable text.</summary>
    public const string NotOneLine = "notice.not_one_line";

    /// <summary>The file could not be read.</summary>
    public const string Unreadable = "text.unreadable";

    /// <summary>The file is not text or Markdown (detected by content).</summary>
    public const string NotText = "text.not_text";

    /// <summary>The bytes are not valid in the file's encoding, or the encoding is one Qinglang does not edit (UTF-32).</summary>
    public const string Encoding = "text.encoding";

    /// <summary>Larger than the text size Qinglang reads (it holds the whole text in memory).</summary>
    public const string TooLarge = "text.too_large";
}

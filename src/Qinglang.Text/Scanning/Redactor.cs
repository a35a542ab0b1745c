using System.Text;
using Qinglang.Core;

namespace Qinglang.Text.Scanning;

/// <summary>How <see cref="Redactor"/> replaces a finding.</summary>
public enum RedactionStyle
{
    /// <summary>One '＊' for each character (code point) of the span, so the layout of the text is kept.</summary>
    Mask,

    /// <summary>The category's Chinese name in brackets, e.g. "【手机号】".</summary>
    Label,
}

/// <summary>Replaces the spans of findings in a text and keeps everything else as it was.</summary>
public static class Redactor
{
    public const char MaskCharacter = '＊';

    /// <summary>
    /// <paramref name="text"/> with every finding's span replaced. Overlapping spans are merged; with
    /// <see cref="RedactionStyle.Label"/> the merged span takes the label of the finding that starts first.
    /// </summary>
    public static string Redact(string text, IEnumerable<TextFinding> findings, RedactionStyle style = RedactionStyle.Mask)
    {
        var spans = findings.Where(f => f.Start >= 0 && f.End <= text.Length && f.Start < f.End).OrderBy(f => f.Start).ThenByDescending(f => f.End).ToList();
        var result = new StringBuilder(text.Length);
        var position = 0;
        var i = 0;
        while (i < spans.Count)
        {
            var first = spans[i];
            var start = Math.Max(first.Start, position);
            var end = first.End;
            for (i++; i < spans.Count && spans[i].Start < end; i++)
            {
                end = Math.Max(end, spans[i].End);
            }

            if (end <= start)
            {
                continue;
            }

            result.Append(text, position, start - position);
            if (style == RedactionStyle.Label)
            {
                result.Append('【').Append(CategoryCodes.ChineseNames.GetValueOrDefault(first.Category, first.Category)).Append('】');
            }
            else
            {
                AppendMask(result, text.AsSpan(start, end - start));
            }

            position = end;
        }

        result.Append(text, position, text.Length - position);
        return result.ToString();
    }

    private static void AppendMask(StringBuilder result, ReadOnlySpan<char> span)
    {
        for (var i = 0; i < span.Length; i++)
        {
            // A surrogate pair is one character to a reader: mask it once.
            if (char.IsHighSurrogate(span[i]) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                i++;
            }

            result.Append(MaskCharacter);
        }
    }
}

using Qinglang.Core;

namespace Qinglang.Labels.Explicit.Text;

/// <summary>
/// Finds the notices of a decoded text and judges them: conforming when one lies at the start or end of the visible
/// text. GB 45438 §5.1 also allows "a suitable middle position", which only a person can judge, so notices found only
/// in the middle are reported (<see cref="NoticeProblemCodes.NotAtStartOrEnd"/>) rather than accepted.
/// </summary>
internal sealed class TextNoticeAnalysis
{
    /// <summary>Middle notices listed at most (a text quoting many notices says nothing more with each).</summary>
    private const int MaxMiddleNotices = 32;

    private TextNoticeAnalysis(List<TextNotice> notices, List<Finding> problems)
    {
        Notices = notices;
        Problems = problems;
    }

    public IReadOnlyList<TextNotice> Notices { get; }

    public IReadOnlyList<Finding> Problems { get; }

    public bool Conforming => Notices.Any(n => n.Position != NoticePosition.Middle);

    /// <summary>The notice already at the start (<paramref name="atEnd"/> false) or end, if any.</summary>
    public TextNotice? At(bool atEnd) => Notices.FirstOrDefault(n => n.Position == NoticePosition.StartAndEnd || n.Position == (atEnd ? NoticePosition.End : NoticePosition.Start));

    public static TextNoticeAnalysis Of(TextDocument document)
    {
        var text = document.Text;
        var startLines = StartLines(document);
        var endLine = LastContentLine(text, document.BodyStart);
        var notices = new List<TextNotice>();
        var problems = new List<Finding>();
        var counted = (Index: 0, Line: 1);
        var previousLineEnd = -1;
        foreach (var match in NoticeRules.Enumerate(text, document.BodyStart))
        {
            if (match.Index < previousLineEnd)
            {
                continue; // one notice per line (and no rescanning of a long line for each of its matches)
            }

            var line = TextDocument.LineAt(text, text.LastIndexOf('\n', match.Index) + 1);
            previousLineEnd = line.End;
            counted = (line.Start, counted.Line + text.AsSpan(counted.Index, line.Start - counted.Index).Count('\n'));
            if (document.IsMarkdown && line.Of(text).TrimStart().StartsWith("<!--"))
            {
                problems.Add(Finding.Warning(NoticeProblemCodes.Hidden, "a notice inside a comment is not shown to readers", $"line {counted.Line}"));
                continue;
            }

            var atStart = startLines.Any(l => l.Start == line.Start);
            var atEnd = endLine?.Start == line.Start;
            var position = (atStart, atEnd) switch
            {
                (true, true) => NoticePosition.StartAndEnd,
                (true, false) => NoticePosition.Start,
                (false, true) => NoticePosition.End,
                _ => NoticePosition.Middle,
            };
            if (position == NoticePosition.Middle && notices.Count(n => n.Position == NoticePosition.Middle) == MaxMiddleNotices)
            {
                continue;
            }

            var (offset, length) = Visible(text, line, document.IsMarkdown);
            notices.Add(new TextNotice(position, counted.Line, offset, length, text.Substring(offset, length),
                text.Substring(match.Index, match.Length), [match.AiElement, match.GenerationElement]));
        }

        if (!notices.Any(n => n.Position != NoticePosition.Middle))
        {
            problems.Insert(0, notices.Count == 0
                ? Finding.Error(NoticeProblemCodes.Missing, "no notice with an AI element (人工智能/AI) and 生成/合成 in the text")
                : Finding.Error(NoticeProblemCodes.NotAtStartOrEnd, $"notices only in the middle of the text (line {notices[0].Line}); put one at the start or end"));
            foreach (var line in (endLine is { } last ? [.. startLines, last] : startLines).DistinctBy(l => l.Start))
            {
                if (NearMiss(document, line) is { } nearMiss)
                {
                    problems.Add(nearMiss);
                }
            }
        }

        return new TextNoticeAnalysis(notices, problems);
    }

    /// <summary>A start or end line that holds one element, or both too far apart: what to fix to make it a notice.</summary>
    private static Finding? NearMiss(TextDocument document, TextDocument.Line line)
    {
        var where = $"line {document.LineNumber(line.Start)}";
        var text = line.Of(document.Text);
        var (ai, generation) = NoticeRules.Elements(text);
        return (ai, generation) switch
        {
            (null, null) => null,
            _ when NoticeRules.Find(text.ToString(), max: 1).Count > 0 => null, // a notice, judged where notices are found
            (_, null) => Finding.Warning(NoticeProblemCodes.NoGenerationElement, $"this line has the AI element \"{ai}\" but no 生成/合成", where),
            (null, _) => Finding.Warning(NoticeProblemCodes.NoAiElement, $"this line has \"{generation}\" but no AI element (人工智能/AI)", where),
            _ => Finding.Warning(NoticeProblemCodes.ElementsApart, $"\"{ai}\" and \"{generation}\" are more than {NoticeRules.MaxGap} characters apart on this line", where),
        };
    }

    /// <summary>The first non-blank line of the body; in Markdown, when that is a heading (the title), also the next one.</summary>
    private static List<TextDocument.Line> StartLines(TextDocument document)
    {
        var lines = new List<TextDocument.Line>();
        if (NextContentLine(document.Text, document.BodyStart) is not { } first)
        {
            return lines;
        }

        lines.Add(first);
        if (document.IsMarkdown && IsHeading(first.Of(document.Text)) && NextContentLine(document.Text, first.End) is { } second)
        {
            lines.Add(second);
        }

        return lines;
    }

    private static TextDocument.Line? NextContentLine(string text, int from)
    {
        for (var line = TextDocument.LineAt(text, from); line.Start < text.Length; line = TextDocument.LineAt(text, line.End))
        {
            if (!line.Of(text).IsWhiteSpace())
            {
                return line;
            }
        }

        return null;
    }

    private static TextDocument.Line? LastContentLine(string text, int bodyStart)
    {
        var last = text.AsSpan(bodyStart).TrimEnd().Length + bodyStart;
        return last == bodyStart ? null : TextDocument.LineAt(text, text.LastIndexOf('\n', last - 1) + 1);
    }

    /// <summary>An ATX heading: up to three spaces, one to six #, then a space or the line's end.</summary>
    private static bool IsHeading(ReadOnlySpan<char> line)
    {
        var text = line.TrimStart(' ');
        var hashes = text.Length - text.TrimStart('#').Length;
        return line.Length - text.Length <= 3 && hashes is >= 1 and <= 6 && (text.Length == hashes || text[hashes] is ' ' or '\t');
    }

    /// <summary>The line's text without indentation, Markdown quote markers and trailing space.</summary>
    private static (int Offset, int Length) Visible(string text, TextDocument.Line line, bool markdown)
    {
        var start = line.Start;
        var end = line.TextEnd;
        while (start < end && (char.IsWhiteSpace(text[start]) || (markdown && text[start] == '>')))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return (start, end - start);
    }
}

using Qinglang.Core;

namespace Qinglang.Labels.Explicit;

/// <summary>
/// What makes a text notice an explicit label (GB 45438 §5.1): an AI element (<c>人工智能</c> or <c>AI</c>, also
/// <c>AIGC</c>; any case, full-width letters count) and a generation element (<c>生成</c> or <c>合成</c>) on one line,
/// at most <see cref="MaxGap"/> characters apart so that they read as one statement ("本文由AI生成",
/// "人工智能合成内容", "生成式 AI"). The one rule both marking and checking (and trace detection) use.
/// </summary>
public static class NoticeRules
{
    /// <summary>Most characters allowed between the two elements of one notice.</summary>
    public const int MaxGap = 24;

    /// <summary>Every notice in <paramref name="text"/> from <paramref name="start"/> on, in order, at most <paramref name="max"/>.</summary>
    public static IReadOnlyList<NoticeMatch> Find(string text, int start = 0, int max = int.MaxValue) =>
        [.. Enumerate(text, start).Take(max)];

    /// <summary>
    /// The notices of <paramref name="text"/> from <paramref name="start"/> on, found lazily in one pass: linear in the
    /// text's length (no regular expression, so no time-out can cut a long text short) and holding no list.
    /// </summary>
    public static IEnumerable<NoticeMatch> Enumerate(string text, int start = 0)
    {
        Element? ai = null;
        Element? generation = null;
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                ai = generation = null; // a notice never spans lines
                continue;
            }

            if (ElementAt(text, i) is not { } element)
            {
                continue;
            }

            var other = element.IsAi ? generation : ai;
            if (other is { } partner && i - partner.End <= MaxGap)
            {
                yield return new NoticeMatch(partner.Start, element.End - partner.Start, Value(text, element.IsAi ? element : partner), Value(text, element.IsAi ? partner : element));
                ai = generation = null;
            }
            else if (element.IsAi)
            {
                ai = element;
            }
            else
            {
                generation = element;
            }

            i = element.End - 1;
        }
    }

    /// <summary>The first AI element and the first generation element of <paramref name="line"/>, each null when absent.</summary>
    public static (string? Ai, string? Generation) Elements(ReadOnlySpan<char> line)
    {
        var text = line.ToString();
        string? ai = null;
        string? generation = null;
        for (var i = 0; i < text.Length && (ai is null || generation is null); i++)
        {
            if (ElementAt(text, i) is { } element)
            {
                if (element.IsAi)
                {
                    ai ??= Value(text, element);
                }
                else
                {
                    generation ??= Value(text, element);
                }

                i = element.End - 1;
            }
        }

        return (ai, generation);
    }

    /// <summary>Why <paramref name="notice"/> cannot serve as an explicit label; empty when it can.</summary>
    public static IReadOnlyList<Finding> Problems(string notice)
    {
        if (string.IsNullOrWhiteSpace(notice))
        {
            return [Finding.Error(NoticeProblemCodes.Missing, "the notice is empty: it needs an AI element (人工智能 or AI) and 生成 or 合成")];
        }

        if (notice.Any(char.IsControl))
        {
            return [Finding.Error(NoticeProblemCodes.NotOneLine, "the notice must be one line of printable text (no line breaks or control characters)")];
        }

        var (ai, generation) = Elements(notice);
        var problems = new List<Finding>();
        if (ai is null)
        {
            problems.Add(Finding.Error(NoticeProblemCodes.NoAiElement, $"the notice \"{notice}\" has no AI element: it must contain 人工智能 or AI (GB 45438 §5.1)"));
        }

        if (generation is null)
        {
            problems.Add(Finding.Error(NoticeProblemCodes.NoGenerationElement, $"the notice \"{notice}\" has no generation element: it must contain 生成 or 合成 (GB 45438 §5.1)"));
        }

        if (problems.Count == 0 && Find(notice, max: 1).Count == 0)
        {
            problems.Add(Finding.Error(NoticeProblemCodes.ElementsApart, $"in \"{notice}\" the AI element and 生成/合成 are more than {MaxGap} characters apart: keep them in one short statement"));
        }

        return problems;
    }

    /// <summary>Throws <see cref="MarkingException"/> when <paramref name="notice"/> breaks the rule.</summary>
    public static void EnsureValid(string notice)
    {
        if (Problems(notice) is { Count: > 0 } problems)
        {
            throw new MarkingException(string.Join("; ", problems.Select(p => p.Message)));
        }
    }

    private readonly record struct Element(int Start, int End, bool IsAi);

    private static string Value(string text, Element element) => text[element.Start..element.End];

    private static Element? ElementAt(string text, int i)
    {
        var c = text[i];
        if (c is '生' or '合' && i + 1 < text.Length && text[i + 1] == '成')
        {
            return new Element(i, i + 2, IsAi: false);
        }

        if (c == '人' && text.AsSpan(i).StartsWith("人工智能"))
        {
            return new Element(i, i + 4, IsAi: true);
        }

        // AI (or AIGC) as a word of its own: "由AI生成" and "ai-generated" count, "AIR" and "said" do not.
        if (Letter(text, i) != 'A' || Letter(text, i + 1) != 'I' || Letter(text, i - 1) != '\0')
        {
            return null;
        }

        if (Letter(text, i + 2) == 'G' && Letter(text, i + 3) == 'C' && Letter(text, i + 4) == '\0')
        {
            return new Element(i, i + 4, IsAi: true);
        }

        return Letter(text, i + 2) == '\0' ? new Element(i, i + 2, IsAi: true) : null;
    }

    /// <summary>The ASCII letter at <paramref name="i"/> in upper case (full-width forms folded), or '\0' for anything else.</summary>
    private static char Letter(string text, int i)
    {
        if (i < 0 || i >= text.Length)
        {
            return '\0';
        }

        var c = text[i];
        if (c is >= 'Ａ' and <= 'Ｚ' or >= 'ａ' and <= 'ｚ')
        {
            c = (char)(c - 0xFEE0);
        }

        return char.IsAsciiLetter(c) ? char.ToUpperInvariant(c) : '\0';
    }
}

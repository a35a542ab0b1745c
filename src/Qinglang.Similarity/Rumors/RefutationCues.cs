using System.Text.RegularExpressions;

namespace Qinglang.Similarity.Rumors;

/// <summary>
/// Whether a post refutes rather than spreads: it calls the story a rumor or untrue (谣言, 不实, 辟谣, 假的, 网传…不属实,
/// 子虚乌有…). A negated cue (不是谣言, 并非谣言, 绝非假的) is the opposite — a spreader insisting — and does not count.
/// </summary>
public static partial class RefutationCues
{
    private static readonly string[] Cues =
    [
        "谣言", "辟谣", "不实", "不属实", "假的", "假消息", "假新闻", "系谣传", "谣传", "造谣", "传谣", "虚假信息", "子虚乌有", "并非事实", "不是事实", "纯属捏造",
        "fake news", "debunked", "hoax",
    ];

    private static readonly string[] Negations = ["不是", "并非", "绝非", "并不是", "决不是", "绝不是", "哪是", "不算"];

    public static bool IsRefutation(string text)
    {
        if (HearsayDenied().IsMatch(text))
        {
            return true;
        }

        foreach (var cue in Cues)
        {
            for (var at = text.IndexOf(cue, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(cue, at + cue.Length, StringComparison.OrdinalIgnoreCase))
            {
                if (!Negated(text, at))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool Negated(string text, int at)
    {
        var before = text.AsSpan(Math.Max(0, at - 4), Math.Min(4, at));
        foreach (var negation in Negations)
        {
            if (before.EndsWith(negation, StringComparison.Ordinal) || before.EndsWith(negation + "什么", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>网传/传言/有消息称 … 不属实/是假的/并不存在 within one stretch of text.</summary>
    [GeneratedRegex(@"(网传|网上流传|传言|有消息称|有网民称|有人称)[^。！？!?]{0,60}(不属实|不实|是假的|系伪造|并不存在|没有发生|未发生)")]
    private static partial Regex HearsayDenied();
}

namespace Qinglang.Text.Detectors;

/// <summary>
/// Words around a number that say it is being advertised ("加我", "咨询", "微信同号") rather than merely mentioned.
/// A phone number with such words nearby is traffic diversion (<c>mod.ads</c>); without them it is personal
/// information (<c>pii.phone</c>).
/// </summary>
internal static class AdvertisingContext
{
    /// <summary>How far before a number a cue may sit, in UTF-16 units.</summary>
    private const int Before = 16;

    /// <summary>How far after a number a cue may sit ("…8000 微信同号").</summary>
    private const int After = 10;

    private static readonly string[] Cues =
    [
        "加我", "加微", "加v", "+v", "加q", "+q", "请加", "快加", "速加", "联系我", "找我", "私聊", "私信", "咨询", "详询", "热线",
        "客服", "代理", "招聘", "招募", "兼职", "订购", "下单", "购买", "优惠", "同号", "微信", "vx", "wx", "qq", "扣扣", "上门",
        "24小时", "全天", "包邮", "代办", "办证", "贷款", "日结", "引流",
    ];

    /// <summary>True when an advertising cue sits near <c>text[start..end]</c>.</summary>
    public static bool IsNear(string text, int start, int end)
    {
        var from = Math.Max(0, start - Before);
        var to = Math.Min(text.Length, end + After);
        return Contains(text.AsSpan(from, start - from)) || Contains(text.AsSpan(end, to - end));
    }

    private static bool Contains(ReadOnlySpan<char> window)
    {
        foreach (var cue in Cues)
        {
            if (window.Contains(cue, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}

using Qinglang.Labels.Explicit;
using Qinglang.Review.Identifying;
using Qinglang.Review.Metadata;

namespace Qinglang.Review.Traces;

/// <summary>
/// An explicit label in text or Markdown content (GB 45438 §5): a notice as <see cref="NoticeRules"/> defines it, an
/// AI element (<c>人工智能</c>, <c>AI</c>, <c>AIGC</c>) and a generation element (<c>生成</c>/<c>合成</c>) close
/// together on one line, e.g. "本文由AI生成" or "人工智能合成内容".
/// </summary>
public sealed class ExplicitTextLabelDetector : ITraceDetector
{
    private const int MaxMatches = 8;

    public IEnumerable<Evidence> Detect(MediaMetadata metadata)
    {
        if (metadata.TextContent is not { } text)
        {
            return [];
        }

        return NoticeRules.Find(text, max: MaxMatches).Select(match =>
            new Evidence(EvidenceKinds.ExplicitLabel, $"line {1 + text.AsSpan(0, match.Index).Count('\n')}", $"explicit notice \"{text.Substring(match.Index, match.Length)}\""));
    }
}

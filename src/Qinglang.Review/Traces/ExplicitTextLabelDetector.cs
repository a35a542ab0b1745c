using System.Text.RegularExpressions;
using Qinglang.Review.Identifying;
using Qinglang.Review.Metadata;

namespace Qinglang.Review.Traces;

/// <summary>
/// An explicit label in text or Markdown content (GB 45438 §5): a notice on one line with an AI element
/// (<c>人工智能</c>, <c>AI</c>, <c>AIGC</c>) and a generation element (<c>生成</c>/<c>合成</c>) close together,
/// e.g. "本文由AI生成" or "人工智能合成内容".
/// </summary>
public sealed class ExplicitTextLabelDetector : ITraceDetector
{
    private const int MaxMatches = 8;

    private static readonly Regex Notice = new(
        @"(?:人工智能|(?<![A-Za-z])AI(?:GC)?(?![A-Za-z]))[^\r\n]{0,24}?(?:生成|合成)|(?:生成|合成)[^\r\n]{0,24}?(?:人工智能|(?<![A-Za-z])AI(?:GC)?(?![A-Za-z]))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public IEnumerable<Evidence> Detect(MediaMetadata metadata)
    {
        if (metadata.TextContent is not { } text)
        {
            return [];
        }

        var found = new List<Evidence>();
        try
        {
            foreach (Match match in Notice.Matches(text))
            {
                var line = 1 + text.AsSpan(0, match.Index).Count('\n');
                found.Add(new Evidence(EvidenceKinds.ExplicitLabel, $"line {line}", $"explicit notice \"{match.Value}\""));
                if (found.Count == MaxMatches)
                {
                    break;
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // Keep what was found within the time bound.
        }

        return found;
    }
}

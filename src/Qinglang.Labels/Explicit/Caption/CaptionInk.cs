using System.Collections.Concurrent;
using System.Globalization;
using Qinglang.Labels.Explicit.Ffmpeg;

namespace Qinglang.Labels.Explicit.Caption;

/// <summary>
/// How tall and wide a notice's ink is per pixel of font size, measured by drawing it once with the chosen font:
/// a CJK glyph's ink is shorter than its font size (about 0.9 em for Noto Sans CJK), and the rule is about what is seen.
/// </summary>
internal sealed record CaptionInk(double HeightPerSize, double WidthPerSize)
{
    private const int ProbeSize = 100;

    private static readonly ConcurrentDictionary<(string Font, string Text), CaptionInk> Measured = new();

    public static async Task<CaptionInk> MeasureAsync(CaptionFont font, CaptionText text, CancellationToken cancellationToken)
    {
        if (Measured.TryGetValue((font.DrawtextOption, text.Value), out var known))
        {
            return known;
        }

        var (width, height) = (ProbeSize * (text.Value.Length + 2), ProbeSize * 3);
        var size = string.Create(CultureInfo.InvariantCulture, $"{width}x{height}");
        var draw = $"drawtext={font.DrawtextOption}:textfile={FilterEscape.Value(text.File)}:expansion=none:fontsize={ProbeSize}:fontcolor=white:x={ProbeSize / 2}:y={ProbeSize}";
        var output = await MediaTool.FfmpegAsync(
            ["-f", "lavfi", "-i", $"color=c=black:s={size}", "-vf", draw, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray", "-"],
            cancellationToken,
            TimeSpan.FromMinutes(2)).ConfigureAwait(false);
        if (output.Stdout.Length != width * height)
        {
            throw new MarkingException($"measuring the caption font gave {output.Stdout.Length} bytes, not {width}×{height}");
        }

        var ink = FrameDifference.Compare(new GrayFrame(width, height, new byte[width * height]), new GrayFrame(width, height, output.Stdout)).Changed
            ?? throw new MarkingException($"the font {font.Name} draws nothing for \"{text.Value}\" (no glyphs for these characters?)");
        var measured = new CaptionInk((double)ink.Height / ProbeSize, (double)ink.Width / ProbeSize);
        Measured[(font.DrawtextOption, text.Value)] = measured;
        return measured;
    }
}

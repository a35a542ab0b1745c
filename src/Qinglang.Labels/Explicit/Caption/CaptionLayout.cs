using System.Globalization;
using Qinglang.Labels.Explicit.Ffmpeg;

namespace Qinglang.Labels.Explicit.Caption;

/// <summary>
/// Size and place of a caption on a picture: ink at least <see cref="InkShare"/> of the shortest side (the rule asks
/// 5%, the rest is margin for anti-aliasing and re-encoding), white text with a dark outline on a half-opaque dark
/// plate so it reads on white, black and busy pictures alike, kept a small margin away from the edges.
/// </summary>
internal sealed record CaptionLayout(
    int Width, int Height, MarkPosition Position, int FontSize, int InkHeight, int Outline, int Padding, int Margin, int PlateWidth, int PlateHeight)
{
    public const double RequiredShare = 0.05;
    public const double InkShare = 0.06;

    /// <summary>Below this the caption is a smudge whatever the share says.</summary>
    private const int MinimumInk = 8;

    public int ShortestSide => Math.Min(Width, Height);

    public static readonly IReadOnlyList<MarkPosition> Positions =
        [MarkPosition.BottomRight, MarkPosition.BottomLeft, MarkPosition.TopRight, MarkPosition.TopLeft, MarkPosition.Bottom, MarkPosition.Top];

    public static CaptionLayout For(int width, int height, MarkPosition position, CaptionInk ink)
    {
        var shortest = Math.Min(width, height);
        var inkTarget = Math.Max(MinimumInk, (int)Math.Ceiling(shortest * InkShare));
        var fontSize = (int)Math.Ceiling(inkTarget / ink.HeightPerSize);
        var inkHeight = (int)Math.Floor(fontSize * ink.HeightPerSize);
        var outline = Math.Max(1, (int)Math.Round(fontSize * 0.06));
        var padding = Math.Max(2, (int)Math.Round(fontSize * 0.25));
        var margin = Math.Max(2, (int)Math.Round(shortest * 0.02));
        var plateWidth = (int)Math.Ceiling(fontSize * ink.WidthPerSize) + (2 * (padding + outline));
        var plateHeight = inkHeight + (2 * (padding + outline));
        if (plateWidth + (2 * margin) > width || plateHeight + (2 * margin) > height)
        {
            throw new MarkingException(
                $"the notice does not fit: at the required height ({inkHeight} px, {InkShare:0%} of {shortest} px) it needs {plateWidth}×{plateHeight} px, the picture is {width}×{height}; use a shorter --text");
        }

        return new CaptionLayout(width, height, position, fontSize, inkHeight, outline, padding, margin, plateWidth, plateHeight);
    }

    /// <summary>The drawtext filter; <paramref name="untilSeconds"/> limits it to the opening seconds of a video.</summary>
    public string Drawtext(CaptionFont font, CaptionText text, double? untilSeconds)
    {
        var edge = Margin + Padding + Outline;
        var (x, y) = Position switch
        {
            MarkPosition.TopLeft => ($"{edge}", $"{edge}"),
            MarkPosition.TopRight => ($"w-tw-{edge}", $"{edge}"),
            MarkPosition.BottomLeft => ($"{edge}", $"h-th-{edge}"),
            MarkPosition.BottomRight => ($"w-tw-{edge}", $"h-th-{edge}"),
            MarkPosition.Top => ("(w-tw)/2", $"{edge}"),
            MarkPosition.Bottom => ("(w-tw)/2", $"h-th-{edge}"),
            _ => throw new MarkingException($"a caption cannot go at {Position}"),
        };
        var filter = string.Create(
            CultureInfo.InvariantCulture,
            $"drawtext={font.DrawtextOption}:textfile={FilterEscape.Value(text.File)}:expansion=none:fontsize={FontSize}:fontcolor=white:borderw={Outline}:bordercolor=black@0.9:box=1:boxcolor=black@0.6:boxborderw={Padding}:x={x}:y={y}");
        return untilSeconds is { } seconds
            ? filter + string.Create(CultureInfo.InvariantCulture, $":enable={FilterEscape.Value($"between(t,0,{seconds:0.###})")}")
            : filter;
    }

    /// <summary>
    /// The part of the picture the caption may change: its corner or edge band, sized by the plate plus slack for
    /// glyph side bearings and codec ringing.
    /// </summary>
    public PixelBox Region()
    {
        var slack = Math.Max(4, (int)Math.Round(ShortestSide * 0.02)) + Outline + (FontSize / 5);
        var bandWidth = Math.Min(Width, PlateWidth + Margin + slack);
        var bandHeight = Math.Min(Height, PlateHeight + Margin + slack);
        var (left, right) = Position switch
        {
            MarkPosition.TopLeft or MarkPosition.BottomLeft => (0, bandWidth),
            MarkPosition.TopRight or MarkPosition.BottomRight => (Width - bandWidth, Width),
            _ => (Math.Max(0, ((Width - PlateWidth) / 2) - slack), Math.Min(Width, ((Width + PlateWidth) / 2) + slack)),
        };
        var (top, bottom) = Position is MarkPosition.TopLeft or MarkPosition.TopRight or MarkPosition.Top
            ? (0, bandHeight)
            : (Height - bandHeight, Height);
        return new PixelBox(left, top, right, bottom);
    }
}

using Qinglang.Labels.Explicit.Ffmpeg;

namespace Qinglang.Labels.Explicit.Caption;

/// <summary>Verifies a caption by comparing decoded frames of the original and the marked copy.</summary>
internal static class CaptionCheck
{
    /// <summary>Below this PSNR a frame after the caption period no longer looks like the original.</summary>
    public const double UnchangedPsnr = 30;

    /// <summary>What the font measurement promises, for the report.</summary>
    public static string Size(CaptionLayout layout, CaptionFont font) =>
        $"caption ink {layout.InkHeight} px high = {(double)layout.InkHeight / layout.ShortestSide:0.0%} of the {layout.ShortestSide} px shortest side (≥ 5%; {font.Name}, {layout.FontSize} px)";

    /// <summary>The caption is there: pixels changed only in its region, over at least 5% of the shortest side.</summary>
    public static string Present(GrayFrame original, GrayFrame marked, CaptionLayout layout, string when)
    {
        var difference = FrameDifference.Compare(original, marked);
        var region = layout.Region();
        if (difference.Changed is not { } changed)
        {
            throw new MarkingException($"verification failed {when}: the marked picture does not differ from the original");
        }

        if (!region.Contains(changed))
        {
            throw new MarkingException($"verification failed {when}: pixels changed at {changed}, outside the {Name(layout.Position)} region {region}");
        }

        var share = (double)changed.Height / layout.ShortestSide;
        if (share < CaptionLayout.RequiredShare)
        {
            throw new MarkingException($"verification failed {when}: the changed area is {changed.Height} px high, {share:0.0%} of {layout.ShortestSide} px (< 5%)");
        }

        return $"{when}: pixels changed only in the {Name(layout.Position)} region ({changed}), {changed.Height} px high = {share:0.0%} of {layout.ShortestSide} px";
    }

    /// <summary>The caption is gone: the frame matches the original decoding within codec noise.</summary>
    public static string Absent(GrayFrame original, GrayFrame marked, string when)
    {
        var difference = FrameDifference.Compare(original, marked);
        if (difference.Psnr < UnchangedPsnr || difference.Changed is not null)
        {
            throw new MarkingException(
                $"verification failed {when}: the frame should match the original but differs (PSNR {difference.Psnr:0.0} dB, changed {difference.Changed?.ToString() ?? "nowhere"})");
        }

        return $"{when}: no caption, frame matches the original (PSNR {Psnr(difference.Psnr)})";
    }

    public static string Name(MarkPosition position) =>
        string.Concat(position.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? $"-{char.ToLowerInvariant(c)}" : $"{char.ToLowerInvariant(c)}"));

    private static string Psnr(double psnr) => double.IsPositiveInfinity(psnr) ? "identical" : $"{psnr:0.0} dB";
}

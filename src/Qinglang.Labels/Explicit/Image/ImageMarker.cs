using Qinglang.Labels.Explicit.Caption;
using Qinglang.Labels.Explicit.Ffmpeg;

namespace Qinglang.Labels.Explicit.Image;

/// <summary>
/// Captions a picture (PNG, JPEG, WebP, GIF with its animation, TIFF, AVIF) at a corner or edge with ffmpeg's drawtext,
/// then verifies the copy: same size and frame count, caption pixels only in the chosen region and tall enough.
/// </summary>
public sealed class ImageMarker : IExplicitMarker
{
    public string Media => "image";

    public IReadOnlyList<MarkPosition> Positions => CaptionLayout.Positions;

    public bool Handles(MarkInput input) => ImageEncoding.Formats.Contains(input.Format);

    public async Task<MarkResult> MarkAsync(MarkInput input, string output, MarkOptions options, CancellationToken cancellationToken)
    {
        var position = options.Position ?? Positions[0];
        ImageEncoding.EnsureWritable(input.Format);
        var animated = ImageEncoding.MayBeAnimated(input.Format);
        var probe = await MediaProbe.ProbeAsync(input.Path, animated, cancellationToken).ConfigureAwait(false);
        var picture = probe.RequireVideo(input.Path);
        var frames = picture.FrameCount ?? 1;
        var encoding = ImageEncoding.OutputOptions(input.Format, input.Path, frames);

        var font = await CaptionFont.ResolveAsync(options.FontFile, cancellationToken).ConfigureAwait(false);
        using var text = CaptionText.Create(options.Text);
        var ink = await CaptionInk.MeasureAsync(font, text, cancellationToken).ConfigureAwait(false);
        var layout = CaptionLayout.For(picture.Width, picture.Height, position, ink);

        var graph = ImageEncoding.Filtergraph(input.Format, layout.Drawtext(font, text, untilSeconds: null));
        var run = await MediaTool.FfmpegAsync(
            ["-i", input.Path, "-filter_complex", graph, "-map", "[marked]", .. encoding, output, "-map", "[original]", .. GrayFrame.RawOutput],
            cancellationToken).ConfigureAwait(false);
        var before = GrayFrame.FromRaw(run.Stdout, picture.Width, picture.Height, input.Path);

        var marked = (await MediaProbe.ProbeAsync(output, animated, cancellationToken).ConfigureAwait(false)).RequireVideo(output);
        if (marked.Width != picture.Width || marked.Height != picture.Height)
        {
            throw new MarkingException($"verification failed: the copy is {marked.Width}×{marked.Height}, the original {picture.Width}×{picture.Height}");
        }

        var markedFrames = marked.FrameCount ?? 1;
        if (markedFrames != frames)
        {
            throw new MarkingException($"verification failed: the copy has {markedFrames} frames, the original {frames}");
        }

        var after = await GrayFrame.DecodeAsync(output, picture.Width, picture.Height, null, cancellationToken).ConfigureAwait(false);
        return new MarkResult(Media, position,
        [
            CaptionCheck.Size(layout, font),
            CaptionCheck.Present(before, after, layout, frames > 1 ? "first frame" : "picture"),
            frames > 1
                ? $"{picture.Width}×{picture.Height} and {frames} frames, as the original"
                : $"{picture.Width}×{picture.Height}, as the original",
        ]);
    }
}

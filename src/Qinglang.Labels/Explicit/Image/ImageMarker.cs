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
        // a still picture costs three ffmpeg runs (decode, mark, decode the copy); frames are counted only when it may animate
        var before = await GrayFrame.DecodeAsync(input.Path, null, cancellationToken).ConfigureAwait(false);
        var animated = ImageEncoding.MayBeAnimated(input.Format, input.Path);
        var frames = animated ? await CountFramesAsync(input.Path, cancellationToken).ConfigureAwait(false) : 1;
        var encoding = ImageEncoding.OutputOptions(input.Format, input.Path, frames);

        var font = await CaptionFont.ResolveAsync(options.FontFile, cancellationToken).ConfigureAwait(false);
        using var text = CaptionText.Create(options.Text);
        var ink = await CaptionInk.MeasureAsync(font, text, cancellationToken).ConfigureAwait(false);
        var layout = CaptionLayout.For(before.Width, before.Height, position, ink);

        var graph = ImageEncoding.Filtergraph(input.Format, layout.Drawtext(font, text, untilSeconds: null));
        await MediaTool.FfmpegAsync(["-i", input.Path, "-filter_complex", graph, "-map", "[marked]", .. encoding, output], cancellationToken).ConfigureAwait(false);

        var after = await GrayFrame.DecodeAsync(output, null, cancellationToken).ConfigureAwait(false);
        if (after.Width != before.Width || after.Height != before.Height)
        {
            throw new MarkingException($"verification failed: the copy is {after.Width}×{after.Height}, the original {before.Width}×{before.Height}");
        }

        var markedFrames = animated ? await CountFramesAsync(output, cancellationToken).ConfigureAwait(false) : 1;
        if (markedFrames != frames)
        {
            throw new MarkingException($"verification failed: the copy has {markedFrames} frames, the original {frames}");
        }

        return new MarkResult(Media, position,
        [
            CaptionCheck.Size(layout, font),
            CaptionCheck.Present(before, after, layout, frames > 1 ? "first frame" : "picture"),
            frames > 1
                ? $"{before.Width}×{before.Height} and {frames} frames, as the original"
                : $"{before.Width}×{before.Height}, as the original",
        ]);
    }

    private static async Task<long> CountFramesAsync(string path, CancellationToken cancellationToken) =>
        (await MediaProbe.ProbeAsync(path, countFrames: true, cancellationToken).ConfigureAwait(false)).RequireVideo(path).FrameCount ?? 1;
}

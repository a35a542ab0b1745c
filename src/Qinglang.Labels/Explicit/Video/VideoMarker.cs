using System.Globalization;
using Qinglang.Labels.Explicit.Caption;
using Qinglang.Labels.Explicit.Ffmpeg;

namespace Qinglang.Labels.Explicit.Video;

/// <summary>
/// Captions a video's opening seconds (or all of it) with ffmpeg's drawtext: the picture stream is re-encoded with its
/// own codec at high quality, every other stream (audio, subtitles, cover art) is copied, the container stays the same.
/// Verified on decoded frames: caption present where and as tall as promised, gone after the opening, same size,
/// duration and stream count.
/// </summary>
public sealed class VideoMarker : IExplicitMarker
{
    public string Media => "video";

    public IReadOnlyList<MarkPosition> Positions => CaptionLayout.Positions;

    /// <summary>A video container with a picture stream; an unreadable one too, so that its error is reported here.</summary>
    public bool Handles(MarkInput input)
    {
        if (!VideoEncoding.Formats.Contains(input.Format))
        {
            return false;
        }

        try
        {
            return MediaProbe.ProbeAsync(input.Path, countFrames: false, CancellationToken.None).GetAwaiter().GetResult().Video is not null;
        }
        catch (MarkingException)
        {
            return true;
        }
    }

    public async Task<MarkResult> MarkAsync(MarkInput input, string output, MarkOptions options, CancellationToken cancellationToken)
    {
        var position = options.Position ?? Positions[0];
        if (!options.WholeVideo && options.CaptionSeconds < 2)
        {
            throw new MarkingException($"the opening caption must stay at least 2 s (GB 45438 §5), not {options.CaptionSeconds} s");
        }

        var probe = await MediaProbe.ProbeAsync(input.Path, countFrames: false, cancellationToken).ConfigureAwait(false);
        var picture = probe.RequireVideo(input.Path);
        var duration = picture.Duration ?? probe.Duration ?? throw new MarkingException($"{input.Path}: ffprobe cannot tell the duration");
        var videoNumber = probe.Streams.Where(s => s.Kind == "video").ToList().IndexOf(picture);
        var muxer = VideoEncoding.Muxer(input.Format, input.Path);
        var encoder = VideoEncoding.EncoderOptions(picture.Codec, muxer, videoNumber);

        var font = await CaptionFont.ResolveAsync(options.FontFile, cancellationToken).ConfigureAwait(false);
        using var text = CaptionText.Create(options.Text);
        var ink = await CaptionInk.MeasureAsync(font, text, cancellationToken).ConfigureAwait(false);
        var layout = CaptionLayout.For(picture.Width, picture.Height, position, ink);
        double? until = options.WholeVideo ? null : options.CaptionSeconds;

        await MediaTool.FfmpegAsync(
            [
                "-i", input.Path, "-map", "0", "-c", "copy", .. encoder,
                $"-filter:v:{videoNumber}", layout.Drawtext(font, text, until), "-f", muxer, output,
            ],
            cancellationToken).ConfigureAwait(false);

        var checks = new List<string> { CaptionCheck.Size(layout, font) };
        checks.Add(await CheckShapeAsync(input.Path, output, probe, picture, duration, cancellationToken).ConfigureAwait(false));
        foreach (var (seconds, captioned) in Moments(duration, picture.FrameRate, until))
        {
            // the first frame is read without seeking: a seek to 0 finds nothing in files whose timestamps start late (FLV)
            double? at = seconds > 0 ? seconds : null;
            var before = await GrayFrame.DecodeAsync(input.Path, at, cancellationToken).ConfigureAwait(false);
            var after = await GrayFrame.DecodeAsync(output, at, cancellationToken).ConfigureAwait(false);
            var when = string.Create(CultureInfo.InvariantCulture, $"at {seconds:0.00} s");
            checks.Add(captioned ? CaptionCheck.Present(before, after, layout, when) : CaptionCheck.Absent(before, after, when));
        }

        if (until is { } limit && duration <= limit)
        {
            checks.Add(string.Create(CultureInfo.InvariantCulture, $"the video ({duration:0.00} s) is no longer than the caption period ({limit:0.##} s): captioned throughout"));
        }

        return new MarkResult(Media, position, checks);
    }

    /// <summary>Where to look: the first frame, late in the caption period, and just after it (or mid-video and near the end).</summary>
    private static IEnumerable<(double Seconds, bool Captioned)> Moments(double duration, double? frameRate, double? until)
    {
        var frame = 1 / (frameRate ?? 25);
        yield return (0, true);
        if (until is not { } limit)
        {
            if (duration > 4 * frame)
            {
                yield return (duration / 2, true);
                yield return (Math.Max(0, duration - (3 * frame)), true);
            }

            yield break;
        }

        if (limit - 0.5 < duration - (2 * frame))
        {
            yield return (limit - 0.5, true);
        }

        if (limit + 0.5 < duration - (2 * frame))
        {
            yield return (limit + 0.5, false);
        }
    }

    private static async Task<string> CheckShapeAsync(
        string original, string output, MediaInfo probe, MediaStream picture, double duration, CancellationToken cancellationToken)
    {
        var marked = await MediaProbe.ProbeAsync(output, countFrames: false, cancellationToken).ConfigureAwait(false);
        var markedPicture = marked.RequireVideo(output);
        if (markedPicture.Width != picture.Width || markedPicture.Height != picture.Height)
        {
            throw new MarkingException($"verification failed: the copy is {markedPicture.Width}×{markedPicture.Height}, {original} is {picture.Width}×{picture.Height}");
        }

        if (marked.Streams.Count != probe.Streams.Count)
        {
            throw new MarkingException($"verification failed: the copy has {marked.Streams.Count} streams, the original {probe.Streams.Count}");
        }

        // the picture stream's own duration where the container has one: copied audio may be timed differently (MP3 in AVI)
        var frame = 1 / (picture.FrameRate ?? 25);
        var markedDuration = (picture.Duration is null ? marked.Duration : markedPicture.Duration) ?? 0;
        if (Math.Abs(markedDuration - duration) > frame + 0.001)
        {
            throw new MarkingException(string.Create(CultureInfo.InvariantCulture, $"verification failed: the copy lasts {markedDuration:0.000} s, the original {duration:0.000} s"));
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"{picture.Width}×{picture.Height}, {duration:0.000} s (copy {markedDuration:0.000} s, within one frame) and {probe.Streams.Count} streams ({string.Join(", ", marked.Streams.Select(s => s.Codec))}), as the original");
    }
}

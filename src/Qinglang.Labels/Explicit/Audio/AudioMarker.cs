using System.Globalization;
using Qinglang.Labels.Explicit.Ffmpeg;

namespace Qinglang.Labels.Explicit.Audio;

/// <summary>
/// Marks audio (GB 45438 §5): the short-long-short-short rhythm cue, or with <see cref="MarkOptions.Speech"/> the notice
/// read aloud, at the start (default) or end, loudness-matched to the content, joined to it by ffmpeg's concat filter
/// and re-encoded in the input's codec family. Every marked copy is decoded again and verified before it is accepted.
/// </summary>
public sealed class AudioMarker : IExplicitMarker
{
    /// <summary>Detected formats that are audio (the Ogg carrier names its codec; M4A is told by its ftyp brand).</summary>
    private static readonly string[] AudioFormats = ["wav", "mp3", "flac", "ogg", "vorbis", "opus", "m4a"];

    /// <summary>Containers that may hold audio only (MP4 audio, MKA) or video; the video marker is asked first.</summary>
    private static readonly string[] MixedFormats = ["mp4", "mov", "matroska", "webm"];

    public string Media => "audio";

    public IReadOnlyList<MarkPosition> Positions { get; } = [MarkPosition.Start, MarkPosition.End];

    public bool Handles(MarkInput input)
    {
        if (AudioFormats.Contains(input.Format))
        {
            return true;
        }

        if (!MixedFormats.Contains(input.Format))
        {
            return false;
        }

        try
        {
            // The interface is synchronous; probing is a short ffprobe run.
            return !AudioStream.ProbeAsync(input.Path, CancellationToken.None).GetAwaiter().GetResult().HasVideo;
        }
        catch (MarkingException)
        {
            return false;
        }
    }

    public async Task<MarkResult> MarkAsync(MarkInput input, string output, MarkOptions options, CancellationToken cancellationToken)
    {
        var position = options.Position ?? Positions[0];
        var stream = await AudioStream.ProbeAsync(input.Path, cancellationToken).ConfigureAwait(false);
        if (stream.HasVideo)
        {
            throw new MarkingException($"{input.Path}: has a video stream; audio cues are for audio-only files");
        }

        var encoding = AudioEncoding.For(input.Format, stream);
        var work = Path.Combine(Path.GetTempPath(), $"qinglang-audio-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            var content = Path.Combine(work, "content.f32");
            await PcmFile.DecodeAsync(input.Path, content, stream, cancellationToken).ConfigureAwait(false);
            var meter = new LoudnessMeter(stream.SampleRate, stream.Channels);
            var contentFrames = PcmFile.ForEachChunk(content, stream.Channels, meter.Add);
            if (contentFrames == 0)
            {
                throw new MarkingException($"{input.Path}: the audio stream decodes to no samples");
            }

            var cue = options.Speech
                ? await SpokenNotice.SynthesizeAsync(options.Text, stream, work, cancellationToken).ConfigureAwait(false)
                : MorseCue.Synthesize(stream.SampleRate, stream.Channels);
            var level = CueLevel.Match(cue, stream.SampleRate, stream.Channels, meter.Integrated());
            var separation = (long)MorseCue.SeparationUnits * MorseCue.UnitSamples(stream.SampleRate);
            var layout = new CueLayout(position, contentFrames, cue.Length / stream.Channels, separation, stream.SampleRate);
            var block = Path.Combine(work, "cue.f32");
            PcmFile.Write(block, CueLayout.Block(cue, stream.Channels, separation, position));

            await JoinAsync(input.Path, block, output, stream, encoding, position, cancellationToken).ConfigureAwait(false);
            var checks = await AudioVerifier.VerifyAsync(output, stream, content, layout, level, encoding, options.Speech, work, cancellationToken)
                .ConfigureAwait(false);
            return new MarkResult(Media, position, checks);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Concatenates cue block and content (in the chosen order) and encodes the result in the input's codec family.</summary>
    private static Task JoinAsync(
        string input, string block, string output, AudioStream stream, AudioEncoding encoding, MarkPosition position, CancellationToken cancellationToken)
    {
        var rate = stream.SampleRate.ToString(CultureInfo.InvariantCulture);
        var format = $"aformat=sample_fmts=flt:sample_rates={rate}:channel_layouts={stream.Layout}";
        var order = position == MarkPosition.Start ? "[cue][content]" : "[content][cue]";
        return MediaTool.FfmpegAsync(
            ["-i", input, "-f", "f32le", "-ar", rate, "-ch_layout", stream.Layout, "-i", block,
             "-filter_complex", $"[0:a:0]{format}[content];[1:a]{format}[cue];{order}concat=n=2:v=0:a=1[marked]",
             "-map", "[marked]", "-map_metadata", "-1", .. encoding.Arguments, "-f", encoding.Muxer, output],
            cancellationToken);
    }
}

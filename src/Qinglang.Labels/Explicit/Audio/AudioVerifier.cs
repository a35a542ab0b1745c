using System.Globalization;

namespace Qinglang.Labels.Explicit.Audio;

/// <summary>
/// Checks a marked copy by decoding it again: the length is the content's plus the cue's, the cue is where it was
/// put (and, for the rhythm cue, is ·− ·· at Morse timing), it is as loud as intended, and the content after or
/// before it is the original content (sample-exact for lossless codecs, same level envelope for lossy ones).
/// </summary>
internal static class AudioVerifier
{
    /// <summary>Lossy encoders pad to whole frames (AAC 1024, MP3 1152, Vorbis up to 2048 samples).</summary>
    private const int LossyFrameTolerance = 2048;

    private const double LoudnessToleranceLu = 2;
    private const double LosslessMinimumSnrDb = 90;
    private const double LossyMaximumLevelDifferenceDb = 1.5;

    public static async Task<IReadOnlyList<string>> VerifyAsync(
        string output, AudioStream stream, string contentPcm, CueLayout layout, CueLevel level, AudioEncoding encoding, bool speech,
        string workFolder, CancellationToken cancellationToken)
    {
        var decoded = Path.Combine(workFolder, "marked.f32");
        await PcmFile.DecodeAsync(output, decoded, stream, cancellationToken).ConfigureAwait(false);
        var measured = Measure(decoded, contentPcm, stream, layout);
        var problems = new List<string>();
        var checks = new List<string>();

        var tolerance = encoding.Lossless ? 0 : LossyFrameTolerance;
        var excess = measured.Frames - layout.TotalFrames;
        var duration = $"duration {S(layout.Seconds(measured.Frames))} s = content {S(layout.Seconds(layout.ContentFrames))} s + cue {S(layout.Seconds(layout.BlockFrames))} s ({excess:+0;-0;±0} samples)";
        (Math.Abs(excess) <= tolerance ? checks : problems).Add(duration);

        var unit = MorseCue.Unit.TotalSeconds;
        var halfSeparation = layout.Seconds(layout.SeparationFrames) / 2;
        var cueStart = layout.Seconds(layout.CueStart);
        var cueEnd = layout.Seconds(layout.CueStart + layout.CueFrames);
        var tones = measured.Envelope.Segments(Math.Max(0, cueStart - halfSeparation), layout.Position == MarkPosition.Start ? cueEnd + halfSeparation : double.MaxValue);
        if (speech)
        {
            (tones.Count > 0 && Math.Abs(tones[0].Start - cueStart) <= unit ? checks : problems)
                .Add(tones.Count > 0 ? $"spoken notice at {S(tones[0].Start)}–{S(tones[^1].End)} s" : "no spoken notice found");
        }
        else if (CueRhythm.Describe(tones, out var problem) is { } rhythm)
        {
            (Math.Abs(tones[0].Start - cueStart) <= unit ? checks : problems).Add($"{rhythm} (expected from {S(cueStart)} s)");
        }
        else
        {
            problems.Add($"no ·− ·· rhythm near {S(cueStart)} s: {problem}");
        }

        var cueLufs = measured.CueLoudness;
        var loudness = $"cue {(cueLufs is { } l ? CueLevel.Lufs(l) : "silent")}; {level.Describe()}";
        (cueLufs is { } c && Math.Abs(c - level.TargetLufs) <= LoudnessToleranceLu ? checks : problems).Add(loudness);

        var comparison = measured.Comparison;
        var snr = double.IsPositiveInfinity(comparison.SignalToDifferenceDb) ? "identical samples" : $"signal/difference {comparison.SignalToDifferenceDb:0.0} dB";
        var content = encoding.Lossless
            ? $"content unchanged after re-encoding as {encoding.Description}: {snr}"
            : $"content re-encoded as {encoding.Description}: level within {comparison.MeanWindowLevelDifferenceDb:0.00} dB per 50 ms of the original, {snr}";
        var contentMatches = encoding.Lossless
            ? comparison.SignalToDifferenceDb >= LosslessMinimumSnrDb
            : comparison.MeanWindowLevelDifferenceDb <= LossyMaximumLevelDifferenceDb;
        (contentMatches && comparison.Samples >= layout.ContentFrames * stream.Channels ? checks : problems).Add(content);

        if (problems.Count > 0)
        {
            throw new MarkingException($"the marked copy failed verification: {string.Join("; ", problems)}");
        }

        return checks;
    }

    private sealed record Measurements(long Frames, Envelope Envelope, double? CueLoudness, WaveformComparison Comparison);

    /// <summary>One pass over the decoded copy, reading the original decode in step where the content should be.</summary>
    private static Measurements Measure(string decoded, string contentPcm, AudioStream stream, CueLayout layout)
    {
        var channels = stream.Channels;
        var envelope = new Envelope(stream.SampleRate, channels);
        var cueMeter = new LoudnessMeter(stream.SampleRate, channels);
        var comparison = new WaveformComparison(stream.SampleRate, channels);
        using var original = new PcmFile.Reader(contentPcm, channels);
        var originalChunk = new float[PcmFile.ChunkSamples];
        long frame = 0;
        var frames = PcmFile.ForEachChunk(decoded, channels, chunk =>
        {
            envelope.Add(chunk);
            var count = chunk.Length / channels;
            cueMeter.Add(Slice(chunk, frame, count, layout.CueStart, layout.CueFrames, channels));
            var content = Slice(chunk, frame, count, layout.ContentStart, layout.ContentFrames, channels);
            var compared = 0;
            while (compared < content.Length)
            {
                var read = original.Read(originalChunk.AsSpan(0, Math.Min(originalChunk.Length - originalChunk.Length % channels, content.Length - compared)));
                if (read == 0)
                {
                    break;
                }

                comparison.Add(originalChunk.AsSpan(0, read), content.Slice(compared, read));
                compared += read;
            }

            frame += count;
        });
        return new Measurements(frames, envelope, cueMeter.Integrated(), comparison);
    }

    /// <summary>The part of a chunk (starting at <paramref name="chunkFrame"/>) that falls in [start, start + length) frames.</summary>
    private static ReadOnlySpan<float> Slice(ReadOnlySpan<float> chunk, long chunkFrame, int count, long start, long length, int channels)
    {
        var from = Math.Clamp(start - chunkFrame, 0, count);
        var to = Math.Clamp(start + length - chunkFrame, 0, count);
        return chunk[(int)(from * channels)..(int)(to * channels)];
    }

    private static string S(double seconds) => seconds.ToString("0.00", CultureInfo.InvariantCulture);
}

using System.Globalization;
using Qinglang.Labels.Explicit.Ffmpeg;

namespace Qinglang.Labels.Explicit.Audio;

/// <summary>
/// The notice read aloud by espeak-ng's Mandarin voice at normal speed: 150 on espeak's scale gives about 137
/// Chinese characters a minute, inside the 120–160 that labels.md §3 calls normal.
/// </summary>
internal static class SpokenNotice
{
    public const string Voice = "cmn";
    public const int EspeakSpeed = 150;

    /// <summary>Longer notices would stop being a notice (about 90 s of speech).</summary>
    public const int MaxCharacters = 200;

    /// <summary>Speaks <paramref name="text"/> and returns it as interleaved floats at the stream's rate and channel count.</summary>
    public static async Task<float[]> SynthesizeAsync(string text, AudioStream stream, string workFolder, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxCharacters)
        {
            throw new MarkingException($"a spoken notice needs 1–{MaxCharacters} characters of text");
        }

        // Through a file, not the command line: a notice starting with '-' must not read as an option.
        var textFile = Path.Combine(workFolder, "notice.txt");
        var speech = Path.Combine(workFolder, "notice.wav");
        var samples = Path.Combine(workFolder, "notice.f32");
        await File.WriteAllTextAsync(textFile, text, cancellationToken).ConfigureAwait(false);
        await MediaTool.RunAsync(
            "espeak-ng", ["-v", Voice, "-s", EspeakSpeed.ToString(CultureInfo.InvariantCulture), "-w", speech, "-f", textFile], cancellationToken)
            .ConfigureAwait(false);
        await PcmFile.DecodeAsync(speech, samples, stream, cancellationToken).ConfigureAwait(false);
        return TrimSilence(await ReadAllAsync(samples, cancellationToken).ConfigureAwait(false), stream.Channels);
    }

    private static async Task<float[]> ReadAllAsync(string path, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        var samples = new float[bytes.Length / sizeof(float)];
        Buffer.BlockCopy(bytes, 0, samples, 0, samples.Length * sizeof(float));
        return samples;
    }

    /// <summary>espeak pads its output with silence; the separation from the content is added separately.</summary>
    private static float[] TrimSilence(float[] samples, int channels)
    {
        const float floor = 1e-3f;
        var first = Array.FindIndex(samples, s => Math.Abs(s) > floor);
        if (first < 0)
        {
            throw new MarkingException("espeak-ng produced silence for the notice");
        }

        var last = Array.FindLastIndex(samples, s => Math.Abs(s) > floor);
        first -= first % channels;
        last += channels - last % channels;
        return samples[first..Math.Min(last, samples.Length)];
    }
}

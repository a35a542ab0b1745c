using System.Globalization;
using System.Text.RegularExpressions;

namespace Qinglang.Labels.Tests.Explicit;

/// <summary>
/// Reads marked audio with ffmpeg's own analysers, not Qinglang's: ebur128 for loudness, silencedetect for the
/// cue's on/off rhythm, ffprobe for streams and duration, raw float decodes for sample comparisons.
/// </summary>
public static partial class AudioAnalysis
{
    /// <summary>Shorter "sounds" are silencedetect's frame-edge artefacts at a window's end (the cue's shortest tone is 90 ms).</summary>
    private const double ShortestSound = 0.02;

    /// <summary>The first audio stream's codec and the stream count, as ffprobe reports them.</summary>
    public static (string Codec, int Streams, double Duration) Probe(string path)
    {
        var csv = Tool.Run("ffprobe", "-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0", path).EnsureSuccess("ffprobe").Stdout;
        var codecs = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (codecs[0], codecs.Length, DecodedSeconds(path));
    }

    /// <summary>Duration of what ffmpeg decodes (samples / rate), which is what a listener hears.</summary>
    public static double DecodedSeconds(string path) => Decode(path, 1, 48000).Length / 48000.0;

    /// <summary>Integrated loudness (LUFS) of [from, to) seconds by ffmpeg's ebur128 filter; null when it is silent.</summary>
    public static double? Loudness(string path, double from, double to)
    {
        var result = Tool.Run("ffmpeg", "-nostdin", "-hide_banner", "-nostats", "-i", path,
            "-af", $"atrim={F(from)}:{F(to)},ebur128", "-f", "null", "-").EnsureSuccess("ffmpeg ebur128");
        var match = IntegratedLine().Matches(result.Stderr).LastOrDefault();
        Assert.NotNull(match);
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return value <= -69.9 ? null : value;
    }

    /// <summary>
    /// The sounding stretches in [from, to) seconds: the complement of what ffmpeg's silencedetect reports as
    /// silence (quieter than <paramref name="noiseDb"/> dBFS for at least 40 ms), relative to <paramref name="from"/>.
    /// </summary>
    public static IReadOnlyList<(double Start, double End)> Sounding(string path, double from, double to, double noiseDb = -40)
    {
        var result = Tool.Run("ffmpeg", "-nostdin", "-hide_banner", "-nostats", "-i", path,
            "-af", $"atrim={F(from)}:{F(to)},asetpts=PTS-STARTPTS,silencedetect=noise={F(noiseDb)}dB:d=0.04", "-f", "null", "-").EnsureSuccess("ffmpeg silencedetect");
        var events = SilenceEvent().Matches(result.Stderr)
            .Select(m => (Kind: m.Groups[1].Value, At: double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();
        var sounding = new List<(double, double)>();
        var soundStart = 0.0;
        var silent = false;
        foreach (var (kind, at) in events)
        {
            if (kind == "start" && !silent)
            {
                if (at - soundStart > ShortestSound)
                {
                    sounding.Add((soundStart, at));
                }

                silent = true;
            }
            else if (kind == "end" && silent)
            {
                soundStart = at;
                silent = false;
            }
        }

        if (!silent && to - from - soundStart > ShortestSound)
        {
            sounding.Add((soundStart, to - from));
        }

        return sounding;
    }

    /// <summary>The whole file decoded by ffmpeg to interleaved floats at <paramref name="rate"/> Hz.</summary>
    public static float[] Decode(string path, int channels, int rate)
    {
        var raw = path + ".decoded.f32";
        Tool.Ffmpeg(raw, "-i", path, "-f", "f32le", "-ac", $"{channels}", "-ar", $"{rate}");
        var bytes = File.ReadAllBytes(raw);
        File.Delete(raw);
        var samples = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, samples, 0, samples.Length * 4);
        return samples;
    }

    /// <summary>RMS level in dBFS.</summary>
    public static double RmsDb(ReadOnlySpan<float> samples)
    {
        var sum = 0.0;
        foreach (var s in samples)
        {
            sum += s * s;
        }

        return 10 * Math.Log10(Math.Max(sum / Math.Max(samples.Length, 1), 1e-20));
    }

    /// <summary>Pearson correlation of two equally long signals.</summary>
    public static double Correlation(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sa = 0, sb = 0, sab = 0, saa = 0, sbb = 0;
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            sa += a[i];
            sb += b[i];
            sab += a[i] * b[i];
            saa += a[i] * a[i];
            sbb += b[i] * b[i];
        }

        var cov = sab - sa * sb / n;
        return cov / Math.Sqrt((saa - sa * sa / n) * (sbb - sb * sb / n));
    }

    private static string F(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"I:\s+(-?[0-9.]+) LUFS")]
    private static partial Regex IntegratedLine();

    [GeneratedRegex(@"silence_(start|end): (-?[0-9.]+)")]
    private static partial Regex SilenceEvent();
}

using Qinglang.Labels.Explicit.Audio;

namespace Qinglang.Labels.Tests.Explicit;

/// <summary>Qinglang's BS.1770 meter agrees with ffmpeg's ebur128 filter on the same decoded samples.</summary>
public sealed class LoudnessMeterTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("anoisesrc=d=3:r=44100:a=0.3:c=pink", 2)]
    [InlineData("sine=f=100:d=3:sample_rate=22050", 1)]
    [InlineData("anoisesrc=d=3:r=48000:a=0.05", 1)]
    [InlineData("sine=f=3000:d=3:sample_rate=96000", 2)]
    public void AgreesWithFfmpegEbur128(string source, int channels)
    {
        var wav = Tool.Ffmpeg(_folder.File("signal.wav"), "-f", "lavfi", "-i", source, "-ac", $"{channels}", "-c:a", "pcm_f32le");
        var rate = int.Parse(source.Split(["r=", "sample_rate="], StringSplitOptions.None)[1].Split(':')[0], System.Globalization.CultureInfo.InvariantCulture);
        var meter = new LoudnessMeter(rate, channels);
        var samples = AudioAnalysis.Decode(wav, channels, rate);
        // In uneven chunks, as a streaming reader would hand them over.
        for (var i = 0; i < samples.Length; i += 999 * channels)
        {
            meter.Add(samples.AsSpan(i, Math.Min(999 * channels, samples.Length - i)));
        }

        var expected = AudioAnalysis.Loudness(wav, 0, 3);
        Assert.NotNull(expected);
        Assert.InRange(meter.Integrated()!.Value, expected.Value - 0.2, expected.Value + 0.2);
    }

    [Fact]
    public void SilenceAndTooShortSignalsHaveNoLoudness()
    {
        var silent = new LoudnessMeter(48000, 2);
        silent.Add(new float[48000 * 2 * 2]);
        Assert.Null(silent.Integrated());

        var brief = new LoudnessMeter(48000, 1);
        brief.Add(Enumerable.Repeat(0.5f, 48000 / 4).ToArray());
        Assert.Null(brief.Integrated());
    }
}

namespace Qinglang.Labels.Explicit.Audio;

/// <summary>
/// Compares a re-encoded stretch of audio with the original decode, fed in step: the signal-to-difference ratio
/// (exact for lossless codecs) and, for lossy ones whose waveform legitimately changes, the mean level difference of
/// 50 ms windows, which still catches a shift, a gap or a level change.
/// </summary>
internal sealed class WaveformComparison(int sampleRate, int channels)
{
    private const double SilentWindowDb = -60;

    private readonly int windowSamples = Math.Max(1, sampleRate / 20) * channels;
    private double reference, difference;
    private double windowReference, windowOutput;
    private int windowFill;
    private double levelDifferenceSum;
    private int levelWindows;

    public long Samples { get; private set; }

    /// <summary>Adds the same number of interleaved samples from each side.</summary>
    public void Add(ReadOnlySpan<float> original, ReadOnlySpan<float> output)
    {
        var n = Math.Min(original.Length, output.Length);
        for (var i = 0; i < n; i++)
        {
            double a = original[i], b = output[i];
            reference += a * a;
            difference += (a - b) * (a - b);
            windowReference += a * a;
            windowOutput += b * b;
            if (++windowFill == windowSamples)
            {
                CloseWindow();
            }
        }

        Samples += n;
    }

    /// <summary>Original power over difference power in dB; +∞ when identical.</summary>
    public double SignalToDifferenceDb =>
        difference == 0 ? double.PositiveInfinity : 10 * Math.Log10(Math.Max(reference, 1e-20) / difference);

    /// <summary>Mean absolute level difference (dB) over the 50 ms windows where the original is not silent.</summary>
    public double MeanWindowLevelDifferenceDb => levelWindows == 0 ? 0 : levelDifferenceSum / levelWindows;

    private void CloseWindow()
    {
        var a = Db(windowReference / windowSamples);
        if (a > SilentWindowDb)
        {
            levelDifferenceSum += Math.Abs(a - Math.Max(Db(windowOutput / windowSamples), SilentWindowDb - 20));
            levelWindows++;
        }

        windowReference = windowOutput = 0;
        windowFill = 0;
    }

    private static double Db(double meanSquare) => 10 * Math.Log10(Math.Max(meanSquare, 1e-20));
}

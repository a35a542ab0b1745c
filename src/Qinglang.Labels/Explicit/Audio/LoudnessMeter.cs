namespace Qinglang.Labels.Explicit.Audio;

/// <summary>
/// Integrated loudness per ITU-R BS.1770-4 (what EBU R128 and ffmpeg's ebur128 report), fed interleaved samples in
/// chunks so a long file needs only one energy value per 100 ms. K-weighting filters are derived for any sample rate
/// from the standard's analog prototypes; gating: 400 ms blocks, 75% overlap, −70 LUFS absolute, −10 LU relative.
/// </summary>
internal sealed class LoudnessMeter
{
    private const double AbsoluteGate = -70;
    private const double RelativeGate = -10;

    private readonly int channels;
    private readonly double[] weights;
    private readonly Biquad[] shelf;
    private readonly Biquad[] highPass;
    private readonly int subBlockFrames;
    private readonly List<double> subBlocks = [];
    private double subBlockSum;
    private int subBlockFill;

    public LoudnessMeter(int sampleRate, int channels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8000);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        this.channels = channels;
        weights = ChannelWeights(channels);
        shelf = [.. Enumerable.Range(0, channels).Select(_ => Biquad.HighShelf(sampleRate))];
        highPass = [.. Enumerable.Range(0, channels).Select(_ => Biquad.HighPass(sampleRate))];
        subBlockFrames = sampleRate / 10;
    }

    /// <summary>Feeds whole frames (interleaved, length a multiple of the channel count).</summary>
    public void Add(ReadOnlySpan<float> interleaved)
    {
        for (var frame = 0; frame + channels <= interleaved.Length; frame += channels)
        {
            var energy = 0.0;
            for (var c = 0; c < channels; c++)
            {
                if (weights[c] == 0)
                {
                    continue;
                }

                var filtered = highPass[c].Next(shelf[c].Next(interleaved[frame + c]));
                energy += weights[c] * filtered * filtered;
            }

            subBlockSum += energy;
            if (++subBlockFill == subBlockFrames)
            {
                subBlocks.Add(subBlockSum / subBlockFrames);
                subBlockSum = 0;
                subBlockFill = 0;
            }
        }
    }

    /// <summary>Integrated loudness in LUFS, or null when nothing passes the gates (silence, or under 400 ms).</summary>
    public double? Integrated()
    {
        var blocks = new List<double>();
        for (var i = 0; i + 4 <= subBlocks.Count; i++)
        {
            var mean = (subBlocks[i] + subBlocks[i + 1] + subBlocks[i + 2] + subBlocks[i + 3]) / 4;
            if (Lufs(mean) > AbsoluteGate)
            {
                blocks.Add(mean);
            }
        }

        if (blocks.Count == 0)
        {
            return null;
        }

        var threshold = Lufs(blocks.Average()) + RelativeGate;
        var kept = blocks.Where(b => Lufs(b) > threshold).ToList();
        return kept.Count == 0 ? null : Lufs(kept.Average());
    }

    private static double Lufs(double meanSquare) => -0.691 + 10 * Math.Log10(meanSquare);

    /// <summary>BS.1770 weights: 1 for front channels, 1.41 for surrounds, 0 for LFE (in ffmpeg's 5.1/7.1 channel order).</summary>
    private static double[] ChannelWeights(int channels)
    {
        var weights = Enumerable.Repeat(1.0, channels).ToArray();
        if (channels >= 6)
        {
            weights[3] = 0;
            for (var c = 4; c < channels; c++)
            {
                weights[c] = 1.41;
            }
        }

        return weights;
    }

    /// <summary>A direct-form-I biquad (normalized, a0 = 1).</summary>
    private sealed class Biquad(double b0, double b1, double b2, double a1, double a2)
    {
        private double x1, x2, y1, y2;

        /// <summary>Stage 1: the head's acoustic effect, a +4 dB shelf above ~1.7 kHz.</summary>
        public static Biquad HighShelf(int sampleRate)
        {
            const double f0 = 1681.974450955533, gainDb = 3.999843853973347, q = 0.7071752369554196;
            var k = Math.Tan(Math.PI * f0 / sampleRate);
            var vh = Math.Pow(10, gainDb / 20);
            var vb = Math.Pow(vh, 0.4996667741545416);
            var a0 = 1 + k / q + k * k;
            return new Biquad((vh + vb * k / q + k * k) / a0, 2 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0);
        }

        /// <summary>Stage 2: the revised low-frequency B curve, a high-pass near 38 Hz.</summary>
        public static Biquad HighPass(int sampleRate)
        {
            const double f0 = 38.13547087602444, q = 0.5003270373238773;
            var k = Math.Tan(Math.PI * f0 / sampleRate);
            var a0 = 1 + k / q + k * k;
            return new Biquad(1, -2, 1, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0);
        }

        public double Next(double x)
        {
            var y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = y;
            return y;
        }
    }
}

namespace Qinglang.Labels.Explicit.Audio;

/// <summary>
/// The short-long-short-short rhythm cue (Morse "AI" = ·− ··, GB 45438 §5 audio), synthesized here so its timing is
/// exact and known to the verifier. Standard Morse timing: dot 1 unit, dash 3, gap inside a letter 1, between
/// letters 3, and a word space (7 units) of silence between the cue and the content.
/// </summary>
internal static class MorseCue
{
    /// <summary>
    /// 90 ms ≈ 13 words/minute (PARIS timing): slow enough that listeners who do not know Morse hear four distinct
    /// beeps of two lengths (much faster dots blur into a trill), short enough that the whole cue takes about a second.
    /// </summary>
    public static readonly TimeSpan Unit = TimeSpan.FromMilliseconds(90);

    /// <summary>
    /// 1 kHz: in the ear's most sensitive octave without being piercing, inside the telephone band and the range
    /// that small speakers and low-bitrate codecs reproduce, and where K-weighting is nearly flat, so the
    /// loudness match does not depend on the playback chain's bass or treble.
    /// </summary>
    public const double ToneHz = 1000;

    /// <summary>Raised-cosine rise and fall: an abrupt key-down clicks (broadband energy); 5 ms keeps the tone clean.</summary>
    public static readonly TimeSpan Ramp = TimeSpan.FromMilliseconds(5);

    /// <summary>Tone lengths in units: · − then · ·.</summary>
    public static IReadOnlyList<int> Tones { get; } = [1, 3, 1, 1];

    /// <summary>Silences between the tones in units: inside "A", between the letters, inside "I".</summary>
    public static IReadOnlyList<int> Gaps { get; } = [1, 3, 1];

    /// <summary>Word space separating the cue from the content.</summary>
    public const int SeparationUnits = 7;

    /// <summary>Units from the first tone's start to the last tone's end.</summary>
    public static int RhythmUnits => Tones.Sum() + Gaps.Sum();

    /// <summary>Peak amplitude of the synthesized tone before loudness matching (−12 dBFS leaves room to raise it).</summary>
    public const float ReferenceAmplitude = 0.25f;

    /// <summary>
    /// The rhythm alone (no separation), interleaved for <paramref name="channels"/> channels at
    /// <paramref name="sampleRate"/>, the same tone on every channel.
    /// </summary>
    public static float[] Synthesize(int sampleRate, int channels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8000);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        var unit = UnitSamples(sampleRate);
        var frames = new float[RhythmUnits * unit];
        var position = 0;
        for (var i = 0; i < Tones.Count; i++)
        {
            WriteTone(frames.AsSpan(position, Tones[i] * unit), sampleRate, position);
            position += Tones[i] * unit;
            if (i < Gaps.Count)
            {
                position += Gaps[i] * unit;
            }
        }

        var interleaved = new float[frames.Length * channels];
        for (var f = 0; f < frames.Length; f++)
        {
            interleaved.AsSpan(f * channels, channels).Fill(frames[f]);
        }

        return interleaved;
    }

    public static int UnitSamples(int sampleRate) => (int)Math.Round(Unit.TotalSeconds * sampleRate);

    private static void WriteTone(Span<float> target, int sampleRate, int startFrame)
    {
        var ramp = Math.Min((int)Math.Round(Ramp.TotalSeconds * sampleRate), target.Length / 2);
        var step = 2 * Math.PI * ToneHz / sampleRate;
        for (var i = 0; i < target.Length; i++)
        {
            // Phase counted from the cue's start keeps every tone on one continuous oscillator.
            var sample = Math.Sin(step * (startFrame + i)) * ReferenceAmplitude;
            var edge = Math.Min(i, target.Length - 1 - i);
            if (edge < ramp)
            {
                sample *= 0.5 - 0.5 * Math.Cos(Math.PI * edge / ramp);
            }

            target[i] = (float)sample;
        }
    }
}

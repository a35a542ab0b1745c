namespace Qinglang.Labels.Explicit.Audio;

/// <summary>
/// The power of a decoded signal in 5 ms windows (mean square over all channels): fine enough to time Morse
/// elements to a few milliseconds, small enough (200 values per second) to keep for a whole file.
/// </summary>
internal sealed class Envelope(int sampleRate, int channels)
{
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(5);

    private readonly int windowFrames = Math.Max(1, (int)Math.Round(Window.TotalSeconds * sampleRate));
    private readonly List<float> windows = [];
    private double sum;
    private int fill;

    public int SampleRate => sampleRate;

    /// <summary>Mean-square power of each complete window.</summary>
    public IReadOnlyList<float> Windows => windows;

    public double WindowSeconds => (double)windowFrames / sampleRate;

    public void Add(ReadOnlySpan<float> interleaved)
    {
        for (var frame = 0; frame + channels <= interleaved.Length; frame += channels)
        {
            for (var c = 0; c < channels; c++)
            {
                var s = interleaved[frame + c];
                sum += s * s;
            }

            if (++fill == windowFrames)
            {
                windows.Add((float)(sum / (windowFrames * channels)));
                sum = 0;
                fill = 0;
            }
        }
    }

    /// <summary>
    /// The stretches between <paramref name="from"/> and <paramref name="to"/> seconds whose power is within
    /// <paramref name="belowPeakDb"/> of that range's loudest window, as (start, end) in seconds.
    /// </summary>
    public IReadOnlyList<(double Start, double End)> Segments(double from, double to, double belowPeakDb = 20)
    {
        var first = Math.Clamp((int)Math.Floor(from / WindowSeconds), 0, windows.Count);
        var last = Math.Clamp((int)Math.Ceiling(to / WindowSeconds), first, windows.Count);
        if (last == first)
        {
            return [];
        }

        var peak = 0f;
        for (var i = first; i < last; i++)
        {
            peak = Math.Max(peak, windows[i]);
        }

        var threshold = peak * Math.Pow(10, -belowPeakDb / 10);
        var segments = new List<(double, double)>();
        int? start = null;
        for (var i = first; i <= last; i++)
        {
            var on = i < last && peak > 0 && windows[i] >= threshold;
            if (on && start is null)
            {
                start = i;
            }
            else if (!on && start is { } s)
            {
                segments.Add((s * WindowSeconds, i * WindowSeconds));
                start = null;
            }
        }

        return segments;
    }
}

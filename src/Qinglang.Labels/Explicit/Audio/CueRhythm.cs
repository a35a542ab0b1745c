namespace Qinglang.Labels.Explicit.Audio;

/// <summary>Checks that the tones found in a stretch of audio are Morse "AI": short-long-short-short at Morse timing.</summary>
internal static class CueRhythm
{
    /// <summary>How far each tone or gap may stray from its nominal length, in units (codec smearing, ramps, 5 ms windows).</summary>
    private const double ToleranceUnits = 0.35;

    /// <summary>A description of the rhythm when it matches, otherwise null with <paramref name="problem"/> saying why.</summary>
    public static string? Describe(IReadOnlyList<(double Start, double End)> tones, out string problem)
    {
        var unit = MorseCue.Unit.TotalSeconds;
        if (tones.Count != MorseCue.Tones.Count)
        {
            problem = $"found {tones.Count} tones where the cue has {MorseCue.Tones.Count}";
            return null;
        }

        for (var i = 0; i < tones.Count; i++)
        {
            var length = (tones[i].End - tones[i].Start) / unit;
            if (Math.Abs(length - MorseCue.Tones[i]) > ToleranceUnits)
            {
                problem = $"tone {i + 1} lasts {length:0.00} units where Morse needs {MorseCue.Tones[i]}";
                return null;
            }

            if (i > 0)
            {
                var gap = (tones[i].Start - tones[i - 1].End) / unit;
                if (Math.Abs(gap - MorseCue.Gaps[i - 1]) > ToleranceUnits)
                {
                    problem = $"gap {i} lasts {gap:0.00} units where Morse needs {MorseCue.Gaps[i - 1]}";
                    return null;
                }
            }
        }

        problem = "";
        var lengths = string.Join(" ", tones.Select(t => $"{(t.End - t.Start) * 1000:0}"));
        return $"rhythm ·− ·· (short-long-short-short) at {tones[0].Start:0.00}–{tones[^1].End:0.00} s, tones {lengths} ms";
    }
}

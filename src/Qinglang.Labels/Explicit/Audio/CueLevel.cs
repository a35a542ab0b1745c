using System.Globalization;

namespace Qinglang.Labels.Explicit.Audio;

/// <summary>
/// How loud the cue is made: the content's integrated loudness, so the notice is heard without startling; a silent or
/// near-silent input (nothing to match) gets the EBU R128 programme level instead; the cue never peaks above −1 dBFS.
/// </summary>
internal sealed record CueLevel(double? ContentLufs, double TargetLufs, double CueLufs, double GainDb, bool PeakLimited)
{
    /// <summary>EBU R128's programme loudness, used when the content is too quiet to match.</summary>
    public const double DefaultLufs = -23;

    /// <summary>Content quieter than this is treated as silence: a cue matched to it would not be heard.</summary>
    public const double NearSilentLufs = -45;

    private const double PeakCeiling = 0.891; // −1 dBFS

    /// <summary>Scales <paramref name="cue"/> in place to the content's loudness and says what it did.</summary>
    public static CueLevel Match(float[] cue, int sampleRate, int channels, double? contentLufs)
    {
        var meter = new LoudnessMeter(sampleRate, channels);
        meter.Add(cue);
        var cueLufs = meter.Integrated() ?? throw new MarkingException("the synthesized notice is silent: nothing to mark with");
        var target = contentLufs is { } c && c >= NearSilentLufs ? c : DefaultLufs;
        var gain = Math.Pow(10, (target - cueLufs) / 20);
        var peak = 0f;
        foreach (var s in cue)
        {
            peak = Math.Max(peak, Math.Abs(s));
        }

        var limited = peak * gain > PeakCeiling;
        if (limited)
        {
            gain = PeakCeiling / peak;
        }

        for (var i = 0; i < cue.Length; i++)
        {
            cue[i] = (float)(cue[i] * gain);
        }

        var gainDb = 20 * Math.Log10(gain);
        return new CueLevel(contentLufs, limited ? cueLufs + gainDb : target, cueLufs, gainDb, limited);
    }

    public string Describe()
    {
        var content = ContentLufs is { } c ? $"content {Lufs(c)}" : "content silent";
        return PeakLimited
            ? $"cue set to {Lufs(TargetLufs)} ({content}; held at −1 dBFS peak)"
            : ContentLufs is { } l && l >= NearSilentLufs
                ? $"cue set to {Lufs(TargetLufs)} to match {content}"
                : $"cue set to the default {Lufs(TargetLufs)} ({content}: nothing to match)";
    }

    public static string Lufs(double value) => $"{value.ToString("0.0", CultureInfo.InvariantCulture)} LUFS";
}

using Qinglang.Labels.Explicit.Audio;

namespace Qinglang.Labels.Tests.Explicit;

/// <summary>The verifier's rhythm check accepts the synthesized cue and refuses other rhythms.</summary>
public sealed class CueRhythmTests
{
    [Theory]
    [InlineData(8000, 1)]
    [InlineData(44100, 2)]
    [InlineData(96000, 6)]
    public void SynthesizedCueIsFoundAsAiInMorse(int rate, int channels)
    {
        var cue = MorseCue.Synthesize(rate, channels);
        var envelope = new Envelope(rate, channels);
        envelope.Add(cue);

        var tones = envelope.Segments(0, 2);

        Assert.NotNull(CueRhythm.Describe(tones, out var problem));
        Assert.Equal("", problem);
        Assert.Equal(11 * 0.09, cue.Length / channels / (double)rate, 3);
        Assert.All(cue, s => Assert.InRange(s, -MorseCue.ReferenceAmplitude, MorseCue.ReferenceAmplitude));
    }

    [Fact]
    public void TonesRampInsteadOfClicking()
    {
        var cue = MorseCue.Synthesize(48000, 1);
        // The first sample of each tone is silent and the ramp rises over 5 ms (240 samples), no jump above 1/30 of full scale per sample.
        Assert.Equal(0, cue[0]);
        for (var i = 1; i < cue.Length; i++)
        {
            Assert.True(Math.Abs(cue[i] - cue[i - 1]) < MorseCue.ReferenceAmplitude * 2 * Math.PI * 1000 / 48000 + 1e-6);
        }
    }

    [Theory]
    [InlineData(new[] { 3.0, 1, 1, 1 }, new[] { 1.0, 3, 1 }, "tone 1")] // "−· ··" is not "·− ··"
    [InlineData(new[] { 1.0, 3, 1, 1 }, new[] { 1.0, 1, 1 }, "gap 2")] // no letter space: "·−··" (L)
    [InlineData(new[] { 1.0, 3, 1 }, new[] { 1.0, 3 }, "3 tones")]
    public void OtherRhythmsAreRefused(double[] toneUnits, double[] gapUnits, string expectedProblem)
    {
        var unit = MorseCue.Unit.TotalSeconds;
        var tones = new List<(double, double)>();
        var at = 0.0;
        for (var i = 0; i < toneUnits.Length; i++)
        {
            tones.Add((at, at + toneUnits[i] * unit));
            at += toneUnits[i] * unit + (i < gapUnits.Length ? gapUnits[i] * unit : 0);
        }

        Assert.Null(CueRhythm.Describe(tones, out var problem));
        Assert.Contains(expectedProblem, problem, StringComparison.Ordinal);
    }
}

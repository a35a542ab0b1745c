namespace Qinglang.Labels.Explicit.Audio;

/// <summary>Where the cue, the silence that separates it and the content lie in the marked audio, in frames.</summary>
internal sealed record CueLayout(MarkPosition Position, long ContentFrames, long CueFrames, long SeparationFrames, int SampleRate)
{
    public long BlockFrames => CueFrames + SeparationFrames;

    public long TotalFrames => ContentFrames + BlockFrames;

    public long CueStart => Position == MarkPosition.Start ? 0 : ContentFrames + SeparationFrames;

    public long ContentStart => Position == MarkPosition.Start ? BlockFrames : 0;

    public double Seconds(long frames) => (double)frames / SampleRate;

    /// <summary>The cue followed (start) or preceded (end) by the separating silence, ready to join to the content.</summary>
    public static float[] Block(float[] cue, int channels, long separationFrames, MarkPosition position)
    {
        var block = new float[cue.Length + separationFrames * channels];
        cue.CopyTo(block, position == MarkPosition.Start ? 0 : separationFrames * channels);
        return block;
    }
}

namespace Qinglang.Labels.Explicit;

/// <summary>What the explicit label says and where it goes; a marker ignores what does not apply to its media.</summary>
public sealed record MarkOptions
{
    /// <summary>The notice: must hold an AI element (人工智能 or AI) and 生成 or 合成 (GB 45438 §5).</summary>
    public string Text { get; init; } = "由AI生成";

    /// <summary>Null: the marker's default position (its first accepted one).</summary>
    public MarkPosition? Position { get; init; }

    /// <summary>Video: how long the opening caption stays, in seconds at normal speed (the rule asks ≥ 2 s).</summary>
    public double CaptionSeconds { get; init; } = 3;

    /// <summary>Video: caption the whole video instead of only its opening.</summary>
    public bool WholeVideo { get; init; }

    /// <summary>Audio: a spoken notice (espeak-ng) instead of the short-long-short-short rhythm cue.</summary>
    public bool Speech { get; init; }

    /// <summary>Images and video: a font file to use instead of the CJK font found on the system.</summary>
    public string? FontFile { get; init; }
}

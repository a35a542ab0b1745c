namespace Qinglang.Labels.Explicit;

/// <summary>
/// What a marker did and what it verified on its own output, e.g. "caption 56 px high = 5.2% of 1080 px",
/// "cue at 0.00–1.10 s, −18.3 LUFS matched to content −18.1 LUFS".
/// </summary>
public sealed record MarkResult(string Media, MarkPosition Position, IReadOnlyList<string> Checks);

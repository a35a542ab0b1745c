namespace Qinglang.Labels.Explicit;

/// <summary>A file to mark: its path and the format its content was detected as (a carrier's format name).</summary>
public sealed record MarkInput(string Path, string Format);

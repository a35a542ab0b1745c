namespace Qinglang.Labels.Explicit;

/// <summary>One notice: where it lies (UTF-16 offsets into the searched text) and the elements it holds, as written.</summary>
public sealed record NoticeMatch(int Index, int Length, string AiElement, string GenerationElement);

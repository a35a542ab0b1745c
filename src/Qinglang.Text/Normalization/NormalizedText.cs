namespace Qinglang.Text.Normalization;

/// <summary>
/// A text after normalization, with a map back to the original: normalized character <c>i</c> came from original
/// UTF-16 range <c>[OriginalStart[i], OriginalEnd[i])</c>. Dropped characters (noise, zero-width) have no entry;
/// one original unit may yield several normalized characters and several units one character.
/// </summary>
public sealed class NormalizedText(string original, string text, int[] originalStart, int[] originalEnd)
{
    public string Original { get; } = original;

    public string Text { get; } = text;

    public int[] OriginalStart { get; } = originalStart;

    public int[] OriginalEnd { get; } = originalEnd;

    /// <summary>The original range behind normalized range <c>[start, end)</c>.</summary>
    public (int Start, int End) ToOriginal(int start, int end) => (OriginalStart[start], OriginalEnd[end - 1]);
}

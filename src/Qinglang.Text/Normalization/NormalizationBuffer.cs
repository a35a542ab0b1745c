namespace Qinglang.Text.Normalization;

/// <summary>
/// Reusable output of <see cref="TextNormalizer.Normalize(ReadOnlySpan{char}, NormalizationBuffer)"/>: the
/// normalized characters and, per character, the original UTF-16 range it came from. Reusing one buffer across
/// texts keeps a scanning loop free of allocations once the buffer has grown to the largest text. One buffer per
/// thread: it is not safe to share while a normalization writes to it.
/// </summary>
public sealed class NormalizationBuffer
{
    private char[] text = [];
    private int[] starts = [];
    private int[] ends = [];

    /// <summary>How many normalized characters the last normalization produced.</summary>
    public int Length { get; internal set; }

    public ReadOnlySpan<char> Text => text.AsSpan(0, Length);

    /// <summary>Original start offset (inclusive) of each normalized character.</summary>
    public ReadOnlySpan<int> OriginalStarts => starts.AsSpan(0, Length);

    /// <summary>Original end offset (exclusive) of each normalized character.</summary>
    public ReadOnlySpan<int> OriginalEnds => ends.AsSpan(0, Length);

    internal char[] TextArray => text;

    internal int[] StartArray => starts;

    internal int[] EndArray => ends;

    /// <summary>The original range behind normalized range <c>[start, end)</c> (end exclusive, start &lt; end).</summary>
    public (int Start, int End) ToOriginal(int start, int end) => (starts[start], ends[end - 1]);

    /// <summary>Adds <paramref name="offset"/> to every map entry (a chunk's position in the whole text).</summary>
    internal void Shift(int offset)
    {
        foreach (ref var start in starts.AsSpan(0, Length))
        {
            start += offset;
        }

        foreach (ref var end in ends.AsSpan(0, Length))
        {
            end += offset;
        }
    }

    /// <summary>Grows the arrays (keeping their contents) to hold at least <paramref name="capacity"/> characters.</summary>
    internal void Reserve(long capacity)
    {
        if (capacity <= text.Length)
        {
            return;
        }

        if (capacity > Array.MaxLength)
        {
            throw new OutOfMemoryException($"normalized text of {capacity} characters exceeds the largest array.");
        }

        var size = (int)Math.Min(Array.MaxLength, Math.Max(capacity, (long)text.Length * 2));
        Array.Resize(ref text, size);
        Array.Resize(ref starts, size);
        Array.Resize(ref ends, size);
    }
}

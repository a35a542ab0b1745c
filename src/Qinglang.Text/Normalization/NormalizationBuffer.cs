namespace Qinglang.Text.Normalization;

/// <summary>
/// Reusable output of <see cref="TextNormalizer.Normalize(ReadOnlySpan{char}, NormalizationBuffer)"/>: the
/// normalized characters and, per character, the original UTF-16 range it came from. Reusing one buffer across
/// texts keeps a scanning loop free of allocations once the buffer has grown to the largest text. One buffer per
/// thread: it is not safe to share while a normalization writes to it, nor while its map is read (reading the
/// whole map completes it in place).
/// <para>
/// The map is written compactly: a character that is one original unit mapped to one character (nearly every
/// character) records only its start, its end being the next unit; any other records its start with
/// <see cref="Marked"/> set and its end. A scanner maps only its hits back (<see cref="ToOriginal"/>), so most texts
/// never need the ends written out; <see cref="OriginalStarts"/> and <see cref="OriginalEnds"/> complete the map first.
/// </para>
/// </summary>
public sealed class NormalizationBuffer
{
    /// <summary>Set on a start whose end is recorded (original offsets are below 2^31, so the sign bit is free).</summary>
    internal const int Marked = int.MinValue;

    private char[] text = [];
    private int[] starts = [];
    private int[] ends = [];
    private bool compact;

    /// <summary>How many normalized characters the last normalization produced.</summary>
    public int Length { get; private set; }

    public ReadOnlySpan<char> Text => text.AsSpan(0, Length);

    /// <summary>Original start offset (inclusive) of each normalized character.</summary>
    public ReadOnlySpan<int> OriginalStarts
    {
        get
        {
            Complete();
            return starts.AsSpan(0, Length);
        }
    }

    /// <summary>Original end offset (exclusive) of each normalized character.</summary>
    public ReadOnlySpan<int> OriginalEnds
    {
        get
        {
            Complete();
            return ends.AsSpan(0, Length);
        }
    }

    internal char[] TextArray => text;

    internal int[] StartArray => starts;

    internal int[] EndArray => ends;

    /// <summary>The original range behind normalized range <c>[start, end)</c> (end exclusive, start &lt; end).</summary>
    public (int Start, int End) ToOriginal(int start, int end)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)end, (uint)Length, nameof(end));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(start, end);
        if (!compact)
        {
            return (starts[start], ends[end - 1]);
        }

        var last = starts[end - 1];
        return (starts[start] & ~Marked, last < 0 ? ends[end - 1] : last + 1);
    }

    /// <summary>Ends a normalization of <paramref name="length"/> characters whose map is written compactly.</summary>
    internal void Written(int length)
    {
        Length = length;
        compact = true;
    }

    /// <summary>Writes the map out in full: every start plain, every end recorded.</summary>
    private void Complete()
    {
        if (!compact)
        {
            return;
        }

        for (var k = 0; k < Length; k++)
        {
            var start = starts[k];
            if (start < 0)
            {
                starts[k] = start & ~Marked;
            }
            else
            {
                ends[k] = start + 1;
            }
        }

        compact = false;
    }

    /// <summary>Adds <paramref name="offset"/> to every map entry (a chunk's position in the whole text).</summary>
    internal void Shift(int offset)
    {
        Complete();
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

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace Qinglang.Text.Normalization;

/// <summary>
/// Normalizes text for matching against a feature library, keeping an exact map back to the original UTF-16
/// offsets. One pass over the input with one table read per character (see <see cref="CharMap"/>); no allocation
/// per character. Never throws on content: a lone surrogate is dropped with <see cref="NormalizationOptions.DropInvisible"/>
/// and copied unchanged without it; any other code point, assigned or not, is mapped or kept.
/// </summary>
public sealed class TextNormalizer
{
    private const int ZeroWidthJoiner = 0x200D;

    /// <summary>Longest text <see cref="NormalizeText"/> normalizes in the thread's reused buffer (entries are short).</summary>
    private const int KeyBufferLength = 4096;

    [ThreadStatic]
    private static NormalizationBuffer? keyBuffer;

    private readonly CharMap map;
    private readonly int repeatThreshold;
    private readonly bool dropLoneSurrogates;
    private readonly EmojiHandling emoji;

    public TextNormalizer(NormalizationOptions? options = null)
    {
        Options = options ?? NormalizationOptions.Default;
        map = CharMap.For(Options);
        repeatThreshold = Options.CollapseRepeats ? Options.RepeatThreshold : 0;
        dropLoneSurrogates = Options.DropInvisible;
        emoji = Options.Emoji;
    }

    /// <summary>Every step on (<see cref="NormalizationOptions.Default"/>).</summary>
    public static TextNormalizer Default { get; } = new();

    public NormalizationOptions Options { get; }

    /// <summary>Normalizes <paramref name="text"/>; the result's map is exactly as long as its text.</summary>
    public NormalizedText Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var buffer = new NormalizationBuffer();
        Normalize(text, buffer);
        return new NormalizedText(text, new string(buffer.Text), buffer.OriginalStarts.ToArray(), buffer.OriginalEnds.ToArray());
    }

    /// <summary>
    /// The normalized text alone, without an offset map: what a lexicon entry is keyed by. <paramref name="text"/>
    /// itself when normalization leaves it unchanged, so keying a large library allocates a string only for the
    /// entries that change (the map and a buffer per entry were most of what building a normalizing matcher allocated).
    /// </summary>
    public string NormalizeText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var buffer = text.Length <= KeyBufferLength ? keyBuffer ??= new NormalizationBuffer() : new NormalizationBuffer();
        Normalize(text, buffer);
        return buffer.Text.SequenceEqual(text) ? text : new string(buffer.Text);
    }

    /// <summary>Normalizes <paramref name="input"/> into <paramref name="buffer"/> (reused, grown as needed); returns the length.</summary>
    public int Normalize(ReadOnlySpan<char> input, NormalizationBuffer buffer) => Normalize(input, buffer, 0);

    /// <summary>
    /// Normalizes one chunk of a longer text, its map offset by <paramref name="originalOffset"/> (where the chunk
    /// starts in the whole text), so a huge line can be processed in bounded memory. Cut chunks with
    /// <see cref="ChunkEnd"/>; repeats are not collapsed across a cut.
    /// </summary>
    public int Normalize(ReadOnlySpan<char> input, NormalizationBuffer buffer, int originalOffset)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentOutOfRangeException.ThrowIfNegative(originalOffset);
        buffer.Reserve(input.Length);
        // Runs long enough to collapse are rare: normalize without collapsing, then collapse the runs the output has.
        // A run collapses on its own (a different character ends it, dropped ones never do), so collapsing each
        // maximal run of the finished output equals tracking runs while writing, which cost the hot loop more.
        var writer = new OutputWriter(buffer, 0);
        var count = Run(input, ref writer, buffer);
        if (repeatThreshold != 0 && FirstRunNear(writer.Text.AsSpan(0, count), repeatThreshold) is var from and >= 0)
        {
            count = CollapseRuns(writer.Text, writer.Starts, writer.Ends, count, from, repeatThreshold);
        }

        buffer.Written(count);
        if (originalOffset != 0)
        {
            buffer.Shift(originalOffset);
        }

        return count;
    }

    /// <summary>
    /// The same normalization one character at a time through <see cref="OutputWriter.Emit"/>, which tracks runs
    /// itself: no fast path, no run state rebuilt from the output. The hot loops must produce exactly this (tests
    /// compare them on every kind of input).
    /// </summary>
    internal int NormalizeThroughWriter(ReadOnlySpan<char> input, NormalizationBuffer buffer)
    {
        buffer.Reserve(input.Length);
        var writer = new OutputWriter(buffer, repeatThreshold);
        for (var i = 0; i < input.Length;)
        {
            var entry = map.Bmp[input[i]];
            if (entry == CharMap.BmpDrop)
            {
                i++;
            }
            else if (entry <= char.MaxValue)
            {
                writer.Emit((char)entry, i, i + 1);
                i++;
            }
            else
            {
                i = EmitSpecial(entry, input, i, ref writer, buffer);
            }
        }

        buffer.Written(writer.Count);
        return writer.Count;
    }

    /// <summary>
    /// Where to end a chunk of <paramref name="text"/> that should end near <paramref name="desiredEnd"/>: moved back
    /// (at most 64 units) so no surrogate pair or emoji unit is cut — the cut falls between two BMP characters
    /// neither of which joins or decorates a neighbour.
    /// </summary>
    public static int ChunkEnd(ReadOnlySpan<char> text, int desiredEnd)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(desiredEnd);
        if (desiredEnd >= text.Length)
        {
            return text.Length;
        }

        for (var end = desiredEnd; end > 0 && end > desiredEnd - 64; end--)
        {
            if (IsFreeStanding(text[end - 1]) && IsFreeStanding(text[end]))
            {
                return end;
            }
        }

        return desiredEnd;
    }

    private static bool IsFreeStanding(char ch) =>
        !char.IsSurrogate(ch) && ch is not ((char)ZeroWidthJoiner or '\uFE0E' or '\uFE0F' or '\u20E3');

    /// <summary>
    /// Normalizes without collapsing repeats: the hot loop (<see cref="EmitPlain"/>) up to the next special entry,
    /// that entry through the writer, and on.
    /// </summary>
    private int Run(ReadOnlySpan<char> input, ref OutputWriter writer, NormalizationBuffer buffer)
    {
        var i = 0;
        while ((i = EmitPlain(input, i, map.Plain, ref writer)) < input.Length)
        {
            i = EmitSpecial(map.Bmp[input[i]], input, i, ref writer, buffer);
        }

        return writer.Count;
    }

    /// <summary>
    /// The hot loop: one-to-one BMP mappings and drops from <paramref name="i"/> until the end or the next character
    /// <see cref="CharMap.Plain"/> sends to the full table, whose index it returns. Its state lives in locals and it
    /// calls nothing, so the JIT keeps them in registers. Writes skip bounds checks: the buffer always has at least
    /// as much free space as input left (<see cref="OutputWriter"/>), and the table has an entry for every char. A
    /// dropped character is written like any other but not counted, so the next one overwrites it: noise comes at no
    /// predictable place in real text, and a branch on it would be mispredicted every few characters. Only the start
    /// of each character is recorded (its end is the next unit, see <see cref="NormalizationBuffer"/>).
    /// </summary>
    private static int EmitPlain(ReadOnlySpan<char> input, int i, char[] plain, ref OutputWriter writer)
    {
        ref var source = ref MemoryMarshal.GetReference(input);
        ref var table = ref MemoryMarshal.GetArrayDataReference(plain);
        ref var text = ref MemoryMarshal.GetArrayDataReference(writer.Text);
        ref var starts = ref MemoryMarshal.GetArrayDataReference(writer.Starts);
        var count = writer.Count;
        for (; i < input.Length; i++)
        {
            var mapped = Unsafe.Add(ref table, Unsafe.Add(ref source, i));
            if (char.IsSurrogate(mapped))
            {
                break;
            }

            Unsafe.Add(ref text, count) = mapped;
            Unsafe.Add(ref starts, count) = i;
            count += (int)((uint)-mapped >> 31); // 0 for CharMap.PlainDrop, 1 for any character
        }

        writer.Count = count;
        return i;
    }

    /// <summary>
    /// Where to start looking for runs of <paramref name="length"/> identical characters in <paramref name="text"/>:
    /// at or before the first one, -1 when there is none.
    /// </summary>
    private static int FirstRunNear(ReadOnlySpan<char> text, int length)
    {
        if (length >= 3 && text.Length >= Vector256<ushort>.Count + 2 && Vector256.IsHardwareAccelerated)
        {
            // Two neighbours equal, then the next two too: a run of three starts there, and every longer run starts
            // with one. Sixteen starts at a time, the last block overlapping the one before so every load stays inside.
            ref var first = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
            var lastBlock = (nuint)(text.Length - Vector256<ushort>.Count - 2);
            for (nuint k = 0; ; k += (nuint)Vector256<ushort>.Count)
            {
                k = Math.Min(k, lastBlock);
                var middle = Vector256.LoadUnsafe(ref first, k + 1);
                var triples = Vector256.Equals(Vector256.LoadUnsafe(ref first, k), middle) & Vector256.Equals(middle, Vector256.LoadUnsafe(ref first, k + 2));
                if (triples != Vector256<ushort>.Zero)
                {
                    return (int)k;
                }

                if (k == lastBlock)
                {
                    return -1;
                }
            }
        }

        for (var k = 0; k + length <= text.Length; k++)
        {
            var j = 1;
            while (j < length && text[k + j] == text[k])
            {
                j++;
            }

            if (j == length)
            {
                return k;
            }
        }

        return -1;
    }

    /// <summary>
    /// Collapses every maximal run of <paramref name="threshold"/> or more identical collapsible characters in the
    /// output from <paramref name="from"/> on into its first character, which maps back to the whole run; returns the
    /// new length. Runs are found a vector at a time and what lies between them is moved down in blocks, so a long text
    /// with a few runs (or with digit runs, which never collapse) costs little more than the check.
    /// </summary>
    private static int CollapseRuns(char[] text, int[] starts, int[] ends, int count, int from, int threshold)
    {
        while (from > 0 && text[from - 1] == text[from])
        {
            from--; // never start inside a run
        }

        var write = from;   // where the output continues
        var pending = from; // the first character read but not yet moved to write
        var read = from;
        while (read < count)
        {
            var next = FirstRunNear(text.AsSpan(read, count - read), threshold);
            if (next < 0)
            {
                break;
            }

            read += next;
            while (read > pending && text[read - 1] == text[read])
            {
                read--; // back to the run's first character, so it is seen whole
            }

            var ch = text[read];
            var runEnd = read + 1;
            while (runEnd < count && text[runEnd] == ch)
            {
                runEnd++;
            }

            if (runEnd - read >= threshold && OutputWriter.Collapses(ch))
            {
                var lastStart = starts[runEnd - 1];
                var end = lastStart < 0 ? ends[runEnd - 1] : lastStart + 1; // see NormalizationBuffer: the end may be implied
                write = MoveDown(text, starts, ends, pending, read + 1, write);
                starts[write - 1] |= NormalizationBuffer.Marked;
                ends[write - 1] = end;
                pending = runEnd;
            }

            read = runEnd;
        }

        return MoveDown(text, starts, ends, pending, count, write);
    }

    /// <summary>Moves output characters <c>[from, to)</c> down to <paramref name="write"/>; returns where they end.</summary>
    private static int MoveDown(char[] text, int[] starts, int[] ends, int from, int to, int write)
    {
        if (write != from)
        {
            text.AsSpan(from, to - from).CopyTo(text.AsSpan(write));
            starts.AsSpan(from, to - from).CopyTo(starts.AsSpan(write));
            ends.AsSpan(from, to - from).CopyTo(ends.AsSpan(write));
        }

        return write + to - from;
    }

    /// <summary>Everything but a one-to-one BMP mapping; returns where the next character starts.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int EmitSpecial(uint entry, ReadOnlySpan<char> input, int i, ref OutputWriter writer, NormalizationBuffer buffer)
    {
        if ((entry & CharMap.KindMask) != CharMap.HighSurrogate)
        {
            return EmitEntry(entry, input, i, 1, ref writer, buffer);
        }

        if (i + 1 < input.Length && char.IsLowSurrogate(input[i + 1]))
        {
            var codePoint = char.ConvertToUtf32(input[i], input[i + 1]);
            return EmitEntry(map.Supplementary(codePoint), input, i, 2, ref writer, buffer);
        }

        if (!dropLoneSurrogates)
        {
            writer.Emit(input[i], i, i + 1);
        }

        return i + 1;
    }

    /// <summary>Emits the entry of the code point at <paramref name="i"/>, <paramref name="width"/> UTF-16 units long.</summary>
    private int EmitEntry(uint entry, ReadOnlySpan<char> input, int i, int width, ref OutputWriter writer, NormalizationBuffer buffer)
    {
        var end = i + width;
        var payload = entry & CharMap.PayloadMask;
        switch (entry & CharMap.KindMask)
        {
            case CharMap.Char:
                writer.Emit((char)payload, i, end);
                break;
            case CharMap.Rune:
                writer.Reserve(buffer, 2, input.Length - end);
                Span<char> pair = stackalloc char[2];
                new Rune((int)payload).EncodeToUtf16(pair);
                writer.Emit(pair[0], i, end);
                writer.Emit(pair[1], i, end);
                break;
            case CharMap.Expansion:
                var expansion = map.Expansions.AsSpan((int)(payload >> 5), (int)(payload & 31));
                writer.Reserve(buffer, expansion.Length, input.Length - end);
                foreach (var ch in expansion)
                {
                    writer.Emit(ch, i, end);
                }

                break;
            case CharMap.Emoji:
                return EmitEmoji(input, i, ref writer);
            case CharMap.Keep:
                for (var k = i; k < end; k++)
                {
                    writer.Emit(input[k], i, end);
                }

                break;
        }

        // CharMap.Drop emits nothing.
        return end;
    }

    /// <summary>Drops or emits the whole emoji unit starting at <paramref name="start"/>; returns its end.</summary>
    private int EmitEmoji(ReadOnlySpan<char> input, int start, ref OutputWriter writer)
    {
        var end = EmojiUnitEnd(input, start);
        if (emoji != EmojiHandling.Token)
        {
            return end;
        }

        for (var k = start; k < end;)
        {
            var codePoint = CodePointAt(input, k, out var width);
            if (!IsEmojiDecoration(codePoint))
            {
                for (var unit = k; unit < k + width; unit++)
                {
                    writer.Emit(input[unit], start, end);
                }
            }

            k += width;
        }

        return end;
    }

    /// <summary>
    /// The end of the emoji unit at <paramref name="start"/>: a pair of regional indicators (a flag), or a pictograph
    /// with its variation selectors, skin tones, tags and keycap mark, joined by ZWJ to further pictographs.
    /// </summary>
    private int EmojiUnitEnd(ReadOnlySpan<char> input, int start)
    {
        var first = CodePointAt(input, start, out var width);
        var end = start + width;
        if (IsRegionalIndicator(first))
        {
            return end < input.Length && IsRegionalIndicator(CodePointAt(input, end, out var next)) ? end + next : end;
        }

        while (true)
        {
            while (end < input.Length)
            {
                var codePoint = CodePointAt(input, end, out width);
                if (!IsEmojiDecoration(codePoint) && codePoint is not (>= 0xE0020 and <= 0xE007F) && codePoint != 0x20E3)
                {
                    break;
                }

                end += width;
            }

            if (end + 1 >= input.Length || input[end] != ZeroWidthJoiner)
            {
                return end;
            }

            var joined = CodePointAt(input, end + 1, out width);
            if ((map.Entry(joined) & CharMap.KindMask) != CharMap.Emoji)
            {
                return end;
            }

            end += 1 + width;
        }
    }

    /// <summary>Variation selectors and skin-tone modifiers: they change how an emoji looks, not what it is.</summary>
    private static bool IsEmojiDecoration(int codePoint) => codePoint is 0xFE0E or 0xFE0F or (>= 0x1F3FB and <= 0x1F3FF);

    private static bool IsRegionalIndicator(int codePoint) => codePoint is >= 0x1F1E6 and <= 0x1F1FF;

    /// <summary>The code point at <paramref name="index"/>; a lone surrogate is returned as itself, one unit wide.</summary>
    private static int CodePointAt(ReadOnlySpan<char> input, int index, out int width)
    {
        if (char.IsHighSurrogate(input[index]) && index + 1 < input.Length && char.IsLowSurrogate(input[index + 1]))
        {
            width = 2;
            return char.ConvertToUtf32(input[index], input[index + 1]);
        }

        width = 1;
        return input[index];
    }
}

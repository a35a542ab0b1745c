using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
        var writer = new OutputWriter(buffer, repeatThreshold);
        var count = repeatThreshold == 0 ? Run(input, ref writer, buffer) : RunCollapsing(input, ref writer, buffer);
        buffer.Length = count;
        if (originalOffset != 0)
        {
            buffer.Shift(originalOffset);
        }

        return count;
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
    /// The hot loop without repeat collapsing. Its state lives in locals (the writer is only synced around the rare
    /// special cases, so the JIT keeps them in registers). Writes skip bounds checks: the buffer always has at least
    /// as much free space as input left (<see cref="OutputWriter"/>), and the BMP table has an entry for every char.
    /// </summary>
    private int Run(ReadOnlySpan<char> input, ref OutputWriter writer, NormalizationBuffer buffer)
    {
        ref var table = ref MemoryMarshal.GetArrayDataReference(map.Bmp);
        ref var text = ref MemoryMarshal.GetArrayDataReference(writer.Text);
        ref var starts = ref MemoryMarshal.GetArrayDataReference(writer.Starts);
        ref var ends = ref MemoryMarshal.GetArrayDataReference(writer.Ends);
        var count = 0;
        for (var i = 0; i < input.Length;)
        {
            var entry = Unsafe.Add(ref table, input[i]);
            if (entry <= char.MaxValue)
            {
                Unsafe.Add(ref text, count) = (char)entry;
                Unsafe.Add(ref starts, count) = i;
                Unsafe.Add(ref ends, count) = ++i;
                count++;
            }
            else if (entry == CharMap.Drop)
            {
                i++;
            }
            else
            {
                writer.Count = count;
                i = EmitSpecial(entry, input, i, ref writer, buffer);
                count = writer.Count;
                text = ref MemoryMarshal.GetArrayDataReference(writer.Text);
                starts = ref MemoryMarshal.GetArrayDataReference(writer.Starts);
                ends = ref MemoryMarshal.GetArrayDataReference(writer.Ends);
            }
        }

        return count;
    }

    /// <summary><see cref="Run"/> with the repeat collapsing of <see cref="OutputWriter.Emit"/> inlined.</summary>
    private int RunCollapsing(ReadOnlySpan<char> input, ref OutputWriter writer, NormalizationBuffer buffer)
    {
        ref var table = ref MemoryMarshal.GetArrayDataReference(map.Bmp);
        ref var text = ref MemoryMarshal.GetArrayDataReference(writer.Text);
        ref var starts = ref MemoryMarshal.GetArrayDataReference(writer.Starts);
        ref var ends = ref MemoryMarshal.GetArrayDataReference(writer.Ends);
        var threshold = repeatThreshold;
        var count = 0;
        var runChar = uint.MaxValue;
        var runLength = 0;
        for (var i = 0; i < input.Length;)
        {
            var entry = Unsafe.Add(ref table, input[i]);
            if (entry <= char.MaxValue)
            {
                // Branch-free run tracking: the loop body stays short when nothing repeats, the usual case.
                runLength = entry == runChar ? runLength + 1 : 1;
                runChar = entry;
                if (runLength >= threshold && OutputWriter.Collapses((char)entry))
                {
                    // The run reached the threshold: keep its first character, covering the whole run.
                    if (runLength == threshold)
                    {
                        count -= threshold - 2;
                    }

                    Unsafe.Add(ref ends, count - 1) = ++i;
                    continue;
                }

                Unsafe.Add(ref text, count) = (char)entry;
                Unsafe.Add(ref starts, count) = i;
                Unsafe.Add(ref ends, count) = ++i;
                count++;
            }
            else if (entry == CharMap.Drop)
            {
                i++;
            }
            else
            {
                writer.Count = count;
                writer.RunChar = (int)runChar;
                writer.RunLength = runLength;
                i = EmitSpecial(entry, input, i, ref writer, buffer);
                count = writer.Count;
                runChar = (uint)writer.RunChar;
                runLength = writer.RunLength;
                text = ref MemoryMarshal.GetArrayDataReference(writer.Text);
                starts = ref MemoryMarshal.GetArrayDataReference(writer.Starts);
                ends = ref MemoryMarshal.GetArrayDataReference(writer.Ends);
            }
        }

        return count;
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

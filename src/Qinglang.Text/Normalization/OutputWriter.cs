using System.Runtime.CompilerServices;

namespace Qinglang.Text.Normalization;

/// <summary>
/// The normalizer's output cursor over a <see cref="NormalizationBuffer"/>'s arrays, with the repeat-collapsing state.
/// Invariant kept by the caller: free space ≥ input still to read, so emitting at most one character per input unit
/// needs no capacity check; only expansions call <see cref="Reserve"/>.
/// </summary>
internal struct OutputWriter(NormalizationBuffer buffer, int repeatThreshold)
{
    public char[] Text = buffer.TextArray;
    public int[] Starts = buffer.StartArray;
    public int[] Ends = buffer.EndArray;
    public int Count;

    /// <summary>0 when repeats are not collapsed.</summary>
    public readonly int Threshold = repeatThreshold;

    /// <summary>The last character emitted and how many times in a row (dropped characters in between don't count).</summary>
    public int RunChar = -1;
    public int RunLength;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Emit(char ch, int start, int end)
    {
        if (Threshold != 0)
        {
            if (ch != RunChar)
            {
                RunChar = ch;
                RunLength = 1;
            }
            else if (++RunLength >= Threshold && Collapses(ch))
            {
                // The run reached the threshold: keep its first character, covering the whole run.
                if (RunLength == Threshold)
                {
                    Count -= Threshold - 2;
                }

                Starts[Count - 1] |= NormalizationBuffer.Marked;
                Ends[Count - 1] = end;
                return;
            }
        }

        // Marked: the end is recorded (the hot loops record only the start of a one-unit character).
        Text[Count] = ch;
        Starts[Count] = start | NormalizationBuffer.Marked;
        Ends[Count] = end;
        Count++;
    }

    /// <summary>ASCII digits (phone numbers, ids) and surrogate halves never collapse.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Collapses(char ch) => (uint)(ch - '0') > 9 && !char.IsSurrogate(ch);

    /// <summary>Makes room for <paramref name="extra"/> more characters than input units left.</summary>
    public void Reserve(NormalizationBuffer buffer, long extra, int remainingInput)
    {
        var needed = Count + extra + remainingInput;
        if (needed > Text.Length)
        {
            buffer.Reserve(needed);
            Text = buffer.TextArray;
            Starts = buffer.StartArray;
            Ends = buffer.EndArray;
        }
    }
}

namespace Qinglang.Labels.Carriers.Flv;

/// <summary>
/// Moves the byte offsets onMetaData holds when tags before them change size: <c>keyframes.filepositions</c> (ffmpeg's
/// <c>-flvflags add_keyframe_index</c>), <c>lastkeyframelocation</c>, and <c>filesize</c> when it was exact.
/// </summary>
internal static class FlvOffsets
{
    /// <summary>Applies <paramref name="shift"/> (old file offset → new) to the offsets inside <paramref name="metadata"/>.</summary>
    public static void Shift(Amf0Object metadata, Func<long, long> shift, long oldLength, long newLength)
    {
        if (metadata["keyframes"] is Amf0Object keyframes && keyframes["filepositions"] is Amf0StrictArray positions)
        {
            for (var i = 0; i < positions.Items.Count; i++)
            {
                if (positions.Items[i] is Amf0Number number && IsOffset(number.Value, oldLength))
                {
                    positions.Items[i] = new Amf0Number(shift((long)number.Value));
                }
            }
        }

        if (metadata["lastkeyframelocation"] is Amf0Number last && IsOffset(last.Value, oldLength))
        {
            metadata.Set("lastkeyframelocation", new Amf0Number(shift((long)last.Value)));
        }

        if (metadata["filesize"] is Amf0Number size && size.Value == oldLength)
        {
            metadata.Set("filesize", new Amf0Number(newLength));
        }
    }

    private static bool IsOffset(double value, long length) => value >= 0 && value <= length && value == Math.Floor(value);
}

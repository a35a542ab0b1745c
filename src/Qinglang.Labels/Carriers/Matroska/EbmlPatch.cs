namespace Qinglang.Labels.Carriers.Matroska;

/// <summary>
/// Replaces <paramref name="OldLength"/> bytes at <paramref name="Offset"/> with <paramref name="Head"/> followed by
/// <paramref name="Zeros"/> zero bytes (the data of a trailing Void element, which may be large).
/// </summary>
internal sealed record EbmlPatch(long Offset, long OldLength, byte[] Head, long Zeros = 0)
{
    public long NewLength => Head.Length + Zeros;

    /// <summary>A Void element of exactly <paramref name="totalSize"/> bytes (at least 2) at <paramref name="offset"/>.</summary>
    public static EbmlPatch Void(long offset, long totalSize)
    {
        var (head, zeros) = VoidOf(totalSize);
        return new EbmlPatch(offset, totalSize, head, zeros);
    }

    /// <summary>Header and data length of a Void element occupying exactly <paramref name="totalSize"/> bytes.</summary>
    public static (byte[] Head, long Zeros) VoidOf(long totalSize)
    {
        for (var width = 1; width <= EbmlVint.MaxSizeWidth; width++)
        {
            var data = totalSize - 1 - width;
            if (data >= 0 && (ulong)data < EbmlVint.AllOnes(width))
            {
                return (EbmlVint.Header(MatroskaIds.Void, (ulong)data, width), data);
            }
        }

        throw new ArgumentOutOfRangeException(nameof(totalSize), totalSize, "a Void element takes at least 2 bytes");
    }

    /// <summary>
    /// Packs <paramref name="items"/> into exactly <paramref name="room"/> bytes, padding with a Void element; a
    /// one-byte gap (too small for a Void) is absorbed by widening the last item's size field. Null when they do not
    /// fit. An open-ended room (the end of the Segment) takes exactly the items.
    /// </summary>
    public static (byte[] Head, long Zeros)? Pack(IReadOnlyList<EbmlNode> items, long room, bool openEnded)
    {
        var parts = items.Select(i => i.Serialize()).ToList();
        var gap = room - parts.Sum(p => (long)p.Length);
        if (openEnded)
        {
            return ([.. parts.SelectMany(p => p)], 0);
        }

        if (gap == 1 && parts.Count > 0)
        {
            try
            {
                parts[^1] = items[^1].Serialize(extraSizeWidth: 1);
                gap = 0;
            }
            catch (LabelingException)
            {
                return null;
            }
        }

        if (gap is < 0 or 1)
        {
            return null;
        }

        if (gap == 0)
        {
            return ([.. parts.SelectMany(p => p)], 0);
        }

        var (voidHead, zeros) = VoidOf(gap);
        return ([.. parts.SelectMany(p => p), .. voidHead], zeros);
    }

    /// <summary>
    /// Applies a same-length patch to the file itself, in an order that keeps the file valid at each step: the region
    /// first becomes one Void element, then its bytes after that Void header are written, and last its first bytes.
    /// </summary>
    public static void WriteInPlace(FileStream file, EbmlPatch patch)
    {
        if (patch.NewLength != patch.OldLength)
        {
            throw new InvalidOperationException("an in-place Matroska patch must keep its length");
        }

        var (voidHead, _) = VoidOf(patch.OldLength);
        file.Position = patch.Offset;
        file.Write(voidHead);
        file.Flush(flushToDisk: true);
        WriteContent(file, patch, voidHead.Length, patch.NewLength);
        file.Flush(flushToDisk: true);
        WriteContent(file, patch, 0, voidHead.Length);
        file.Flush(flushToDisk: false);
    }

    /// <summary>Writes bytes [<paramref name="from"/>, <paramref name="to"/>) of the patch's content (Head, then zeros) at their place.</summary>
    private static void WriteContent(FileStream file, EbmlPatch patch, long from, long to)
    {
        file.Position = patch.Offset + from;
        if (from < patch.Head.Length)
        {
            var end = (int)Math.Min(to, patch.Head.Length);
            file.Write(patch.Head, (int)from, end - (int)from);
            from = end;
        }

        var zeros = new byte[(int)Math.Min(64 * 1024, Math.Max(0, to - from))];
        for (; from < to; from += Math.Min(to - from, zeros.Length))
        {
            file.Write(zeros, 0, (int)Math.Min(to - from, zeros.Length));
        }
    }

    /// <summary>Copies <paramref name="input"/> to <paramref name="output"/> with the patches applied (they must not overlap).</summary>
    public static void Apply(Stream input, Stream output, IEnumerable<EbmlPatch> patches)
    {
        var at = 0L;
        var zeros = new byte[64 * 1024];
        foreach (var patch in patches.OrderBy(p => p.Offset))
        {
            if (patch.Offset < at)
            {
                throw new InvalidOperationException($"Matroska patches overlap at byte {patch.Offset}");
            }

            input.Position = at;
            IO.StreamExtensions.CopyRange(input, output, patch.Offset - at, "Matroska elements");
            output.Write(patch.Head);
            for (var left = patch.Zeros; left > 0; left -= Math.Min(left, zeros.Length))
            {
                output.Write(zeros, 0, (int)Math.Min(left, zeros.Length));
            }

            at = patch.Offset + patch.OldLength;
        }

        input.Position = at;
        IO.StreamExtensions.CopyRest(input, output);
    }
}

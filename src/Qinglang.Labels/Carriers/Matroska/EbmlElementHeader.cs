namespace Qinglang.Labels.Carriers.Matroska;

/// <summary>An EBML element header as found in a file: ID, where it starts, and how long its data is.</summary>
/// <param name="Offset">File offset of the element's first ID byte.</param>
/// <param name="HeaderLength">Bytes of ID plus size field.</param>
/// <param name="DataSize">Length of the data; for an unknown-size element, the length its children were found to span.</param>
/// <param name="UnknownSize">The size field held the reserved "unknown" value (live-written Segments and Clusters).</param>
internal readonly record struct EbmlElementHeader(uint Id, long Offset, int HeaderLength, long DataSize, bool UnknownSize = false)
{
    public long DataOffset => Offset + HeaderLength;

    public long End => DataOffset + DataSize;

    public long TotalSize => HeaderLength + DataSize;

    /// <summary>Width of the size field in bytes.</summary>
    public int SizeWidth => HeaderLength - EbmlVint.IdWidth(Id);

    /// <summary>
    /// Reads the header at <paramref name="offset"/>; the element must end by <paramref name="limit"/> (its parent's end)
    /// unless its size is unknown, which the caller resolves. A header cut short by the limit is corrupt.
    /// </summary>
    public static EbmlElementHeader Read(Stream input, long offset, long limit)
    {
        Span<byte> buffer = stackalloc byte[EbmlVint.MaxIdWidth + EbmlVint.MaxSizeWidth];
        input.Position = offset;
        var available = (int)Math.Min(buffer.Length, Math.Max(0, limit - offset));
        var read = input.ReadAtLeast(buffer[..available], available, throwOnEndOfStream: false);
        var bytes = buffer[..read];
        if (!EbmlVint.TryReadId(bytes, out var id, out var idWidth)
            || !EbmlVint.TryReadSize(bytes[idWidth..], out var size, out var sizeWidth, out var unknown))
        {
            throw new ContainerFormatException("EBML element header runs past the end of its parent", offset);
        }

        var header = new EbmlElementHeader(id, offset, idWidth + sizeWidth, unknown ? 0 : (long)Math.Min(size, long.MaxValue / 2), unknown);
        if (!unknown && (size > (ulong)(limit - header.DataOffset)))
        {
            throw new ContainerFormatException($"EBML element 0x{id:X} claims {size} bytes but its parent has only {limit - header.DataOffset} left", offset);
        }

        return header;
    }
}

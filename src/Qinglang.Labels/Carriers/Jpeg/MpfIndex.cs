namespace Qinglang.Labels.Carriers.Jpeg;

/// <summary>
/// The Multi-Picture Format index (CIPA DC-007) in an APP2 <c>MPF\0</c> segment. It gives each further image (gain
/// map, depth map, preview appended after the first EOI) as an offset from the MP header, so when segments between
/// that header and the appended images grow or shrink, the offsets must move by the same amount.
/// </summary>
internal static class MpfIndex
{
    public const byte App2 = 0xE2;
    private const ushort MpEntryTag = 0xB002;
    private const int MpEntryLength = 16;
    private const int DataOffsetField = 8;

    public static ReadOnlySpan<byte> Identifier => "MPF\0"u8;

    /// <summary>Adds <paramref name="delta"/> to every image offset of the index in <paramref name="segmentData"/>.</summary>
    public static void Shift(Span<byte> segmentData, long delta)
    {
        var tiff = segmentData[Identifier.Length..];
        var (bigEndian, ifd0) = TiffBlock.ReadHeader(tiff, "MP index");
        if (TiffBlock.FindEntry(tiff, ifd0, MpEntryTag, bigEndian) is not { } entry)
        {
            return;
        }

        var (offset, length) = TiffBlock.ValueLocation(tiff, entry, bigEndian);
        for (var at = offset; at + MpEntryLength <= offset + length; at += MpEntryLength)
        {
            var imageOffset = TiffBlock.U32(tiff, at + DataOffsetField, bigEndian);
            if (imageOffset == 0)
            {
                continue; // offset 0 marks the first image: this file's own, which does not move
            }

            var moved = imageOffset + delta;
            if (moved is <= 0 or > uint.MaxValue)
            {
                throw new ContainerFormatException($"MP index offset {imageOffset} cannot move by {delta}");
            }

            TiffBlock.WriteU32(tiff, at + DataOffsetField, (uint)moved, bigEndian);
        }
    }
}

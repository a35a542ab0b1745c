using Qinglang.Labels.Carriers.Jpeg;

namespace Qinglang.Labels.Carriers.Tiff;

/// <summary>
/// One IFD0 entry of an in-memory TIFF block: its tag and field type, and where its value lies in the block, or why it
/// cannot be read (<see cref="Problem"/>; the location is then empty).
/// </summary>
public readonly record struct TiffBlockField(ushort Tag, ushort Type, int ValueOffset, int ValueLength, string? Problem);

/// <summary>
/// Public read-only access to the IFD0 fields of a TIFF block held in memory: an EXIF block (JPEG APP1 after
/// <c>Exif\0\0</c>, PNG eXIf, WebP EXIF) or a small classic TIFF file. Uses the same checked reader as the EXIF
/// UserComment site (<see cref="TiffBlock"/>): every offset is checked against the block.
/// </summary>
public static class TiffBlockFields
{
    public const ushort ImageDescription = 0x010E;
    public const ushort Make = 0x010F;
    public const ushort Model = 0x0110;
    public const ushort Software = 0x0131;
    public const ushort Artist = 0x013B;
    public const ushort XmlPacket = 700;

    /// <summary>Field type ASCII (TIFF 6.0 §2): NUL-terminated text.</summary>
    public const ushort AsciiType = TiffFieldType.Ascii;

    /// <summary>
    /// The first IFD0 entry of each of <paramref name="tags"/> that the block has, in the order asked. Throws
    /// <see cref="ContainerFormatException"/> when the header or IFD0 lies; an entry whose value lies outside the block
    /// comes back with a <see cref="TiffBlockField.Problem"/> instead.
    /// </summary>
    public static List<TiffBlockField> Ifd0(ReadOnlySpan<byte> tiff, ReadOnlySpan<ushort> tags)
    {
        var (bigEndian, ifd0) = TiffBlock.ReadHeader(tiff, "TIFF block");
        var fields = new List<TiffBlockField>();
        foreach (var tag in tags)
        {
            if (TiffBlock.FindEntry(tiff, ifd0, tag, bigEndian) is not { } entry)
            {
                continue;
            }

            var type = TiffBlock.U16(tiff, entry + 2, bigEndian);
            try
            {
                var (offset, length) = TiffBlock.ValueLocation(tiff, entry, bigEndian);
                fields.Add(new TiffBlockField(tag, type, offset, length, null));
            }
            catch (ContainerFormatException ex)
            {
                fields.Add(new TiffBlockField(tag, type, 0, 0, ex.Message));
            }
        }

        return fields;
    }

    /// <summary>
    /// The decoded EXIF UserComment (tag 0x9286 in the Exif IFD) of an EXIF block, or null when it has none. Throws
    /// <see cref="ContainerFormatException"/> when the block's structure points outside itself.
    /// </summary>
    public static string? UserComment(ReadOnlySpan<byte> tiff) =>
        Jpeg.ExifUserComment.Locate(tiff) is { } at ? Jpeg.ExifUserComment.Decode(tiff.Slice(at.Offset, at.Length), at.BigEndian) : null;
}

using System.Buffers.Binary;
using Qinglang.Labels.Carriers.Tiff;

namespace Qinglang.Labels.Carriers.Jpeg;

/// <summary>
/// Reads the TIFF structure embedded in a JPEG segment (EXIF in APP1, the MP index in APP2): header, IFD entries and
/// value locations, in either byte order. Every offset is checked against the block; a lie is a
/// <see cref="ContainerFormatException"/>, never an out-of-range read.
/// </summary>
internal static class TiffBlock
{
    /// <summary>Checks the header; returns the byte order and the offset of IFD0.</summary>
    public static (bool BigEndian, uint FirstIfd) ReadHeader(ReadOnlySpan<byte> tiff, string what)
    {
        if (tiff.Length < 8)
        {
            throw new ContainerFormatException($"{what} is shorter than a TIFF header");
        }

        var bigEndian = tiff[0] == 'M' && tiff[1] == 'M';
        if (!bigEndian && !(tiff[0] == 'I' && tiff[1] == 'I'))
        {
            throw new ContainerFormatException($"{what} has no II/MM byte order mark");
        }

        if (U16(tiff, 2, bigEndian) != 42)
        {
            throw new ContainerFormatException($"{what}'s TIFF header lacks the number 42");
        }

        return (bigEndian, U32(tiff, 4, bigEndian));
    }

    /// <summary>Offset of the 12-byte entry for <paramref name="tag"/> in the IFD at <paramref name="ifd"/>, or null.</summary>
    public static int? FindEntry(ReadOnlySpan<byte> tiff, long ifd, ushort tag, bool bigEndian)
    {
        if (ifd < 8 || ifd + 2 > tiff.Length)
        {
            throw new ContainerFormatException($"IFD offset {ifd} lies outside its {tiff.Length}-byte TIFF block");
        }

        var count = U16(tiff, (int)ifd, bigEndian);
        if (ifd + 2 + (12L * count) > tiff.Length)
        {
            throw new ContainerFormatException($"IFD at {ifd} claims {count} entries, more than its TIFF block holds");
        }

        for (var i = 0; i < count; i++)
        {
            var entry = (int)ifd + 2 + (12 * i);
            if (U16(tiff, entry, bigEndian) == tag)
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>Where the value of the entry at <paramref name="entry"/> lies: inline when it fits in 4 bytes.</summary>
    public static (int Offset, int Length) ValueLocation(ReadOnlySpan<byte> tiff, int entry, bool bigEndian)
    {
        var size = TiffFieldType.Size(U16(tiff, entry + 2, bigEndian));
        if (size == 0)
        {
            throw new ContainerFormatException($"tag 0x{U16(tiff, entry, bigEndian):X4} has an unknown field type");
        }

        var length = (long)size * U32(tiff, entry + 4, bigEndian);
        long offset = length <= 4 ? entry + 8 : U32(tiff, entry + 8, bigEndian);
        if (offset + length > tiff.Length)
        {
            throw new ContainerFormatException($"tag 0x{U16(tiff, entry, bigEndian):X4} claims {length} bytes at {offset}, outside its {tiff.Length}-byte TIFF block");
        }

        return ((int)offset, (int)length);
    }

    public static ushort U16(ReadOnlySpan<byte> data, int at, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(data[at..]) : BinaryPrimitives.ReadUInt16LittleEndian(data[at..]);

    public static uint U32(ReadOnlySpan<byte> data, int at, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(data[at..]) : BinaryPrimitives.ReadUInt32LittleEndian(data[at..]);

    public static void WriteU32(Span<byte> data, int at, uint value, bool bigEndian)
    {
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(data[at..], value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(data[at..], value);
        }
    }
}

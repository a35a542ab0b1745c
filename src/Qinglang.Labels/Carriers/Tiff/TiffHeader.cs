using System.Buffers.Binary;
using Qinglang.Labels.IO;

namespace Qinglang.Labels.Carriers.Tiff;

/// <summary>
/// The TIFF file header (TIFF 6.0 §2): byte order, classic (42) or BigTIFF (43), and where IFD0 is.
/// Holds the byte-order aware number readers every other TIFF structure uses.
/// </summary>
internal sealed record TiffHeader(bool BigEndian, bool IsBig, long FirstIfdOffset)
{
    /// <summary>Bytes of the header: 8 for classic TIFF, 16 for BigTIFF.</summary>
    public int Length => IsBig ? 16 : 8;

    /// <summary>Where IFD0's offset is stored in the header.</summary>
    public int FirstIfdField => IsBig ? 8 : 4;

    /// <summary>Bytes of one IFD entry.</summary>
    public int EntryLength => IsBig ? 20 : 12;

    /// <summary>Bytes of an entry's value field (an inline value or an offset).</summary>
    public int ValueFieldLength => IsBig ? 8 : 4;

    /// <summary>Bytes of an IFD's entry count.</summary>
    public int CountLength => IsBig ? 8 : 2;

    public static bool IsSignature(ReadOnlySpan<byte> head) =>
        head.Length >= 4 && ((head[0] == 'I' && head[1] == 'I' && head[3] == 0 && head[2] is 42 or 43)
            || (head[0] == 'M' && head[1] == 'M' && head[2] == 0 && head[3] is 42 or 43));

    public static TiffHeader Read(Stream input)
    {
        input.Position = 0;
        Span<byte> head = stackalloc byte[16];
        input.ReadFully(head[..8], "TIFF header");
        if (!IsSignature(head))
        {
            throw new ContainerFormatException("not a TIFF header (II*/MM*)", 0);
        }

        var bigEndian = head[0] == 'M';
        var version = U16(head[2..], bigEndian);
        if (version == 42)
        {
            return new TiffHeader(bigEndian, IsBig: false, U32(head[4..], bigEndian));
        }

        input.ReadFully(head[8..], "BigTIFF header");
        if (U16(head[4..], bigEndian) != 8 || U16(head[6..], bigEndian) != 0)
        {
            throw new ContainerFormatException("BigTIFF header does not declare 8-byte offsets", 4);
        }

        var first = U64(head[8..], bigEndian);
        return new TiffHeader(bigEndian, IsBig: true, first > long.MaxValue ? long.MaxValue : (long)first);
    }

    public ushort U16(ReadOnlySpan<byte> data) => U16(data, BigEndian);

    public uint U32(ReadOnlySpan<byte> data) => U32(data, BigEndian);

    /// <summary>An offset or count field: 4 bytes in classic TIFF, 8 in BigTIFF (clamped so it never goes negative).</summary>
    public long Word(ReadOnlySpan<byte> data)
    {
        if (!IsBig)
        {
            return U32(data, BigEndian);
        }

        return U64Clamped(data);
    }

    /// <summary>An 8-byte unsigned number, clamped to <see cref="long.MaxValue"/>.</summary>
    public long U64Clamped(ReadOnlySpan<byte> data)
    {
        var value = U64(data, BigEndian);
        return value > long.MaxValue ? long.MaxValue : (long)value;
    }

    public void WriteU16(Span<byte> data, ushort value)
    {
        if (BigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(data, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(data, value);
        }
    }

    /// <summary>Writes an offset or count field: 4 bytes in classic TIFF, 8 in BigTIFF.</summary>
    public void WriteWord(Span<byte> data, long value)
    {
        if (!IsBig)
        {
            WriteU32(data, checked((uint)value));
        }
        else if (BigEndian)
        {
            BinaryPrimitives.WriteUInt64BigEndian(data, (ulong)value);
        }
        else
        {
            BinaryPrimitives.WriteUInt64LittleEndian(data, (ulong)value);
        }
    }

    public void WriteU32(Span<byte> data, uint value)
    {
        if (BigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(data, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(data, value);
        }
    }

    private static ushort U16(ReadOnlySpan<byte> data, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(data) : BinaryPrimitives.ReadUInt16LittleEndian(data);

    private static uint U32(ReadOnlySpan<byte> data, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(data) : BinaryPrimitives.ReadUInt32LittleEndian(data);

    private static ulong U64(ReadOnlySpan<byte> data, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(data) : BinaryPrimitives.ReadUInt64LittleEndian(data);
}

using System.Buffers.Binary;

namespace Qinglang.Labels.Carriers.Ooxml;

/// <summary>
/// Extra fields of zip headers (APPNOTE 4.5): a list of (id, size, data). Only the ZIP64 field (id 1) matters here:
/// it holds the 64-bit values whose 32-bit header fields are saturated, in a fixed order.
/// </summary>
internal static class ZipExtraFields
{
    public readonly record struct Zip64Values(long Uncompressed, long Compressed, long Offset, uint Disk);

    /// <summary>Resolves saturated header fields through the ZIP64 field; a saturated field without one is corrupt.</summary>
    public static Zip64Values ResolveZip64(ReadOnlySpan<byte> extra, uint uncompressed, uint compressed, uint offset, uint disk, long where)
    {
        var needUncompressed = uncompressed == ZipSignatures.Saturated32;
        var needCompressed = compressed == ZipSignatures.Saturated32;
        var needOffset = offset == ZipSignatures.Saturated32;
        var needDisk = disk == ZipSignatures.Saturated16;
        var result = new Zip64Values(uncompressed, compressed, offset, disk);
        if (!(needUncompressed || needCompressed || needOffset || needDisk))
        {
            return result;
        }

        var field = FindZip64(extra) ?? throw new ContainerFormatException("header fields defer to a ZIP64 extra field that is missing", where);
        var needed = (needUncompressed ? 8 : 0) + (needCompressed ? 8 : 0) + (needOffset ? 8 : 0) + (needDisk ? 4 : 0);
        if (field.Length < needed)
        {
            throw new ContainerFormatException($"ZIP64 extra field holds {field.Length} bytes, {needed} needed", where);
        }

        var at = 0;
        if (needUncompressed)
        {
            result = result with { Uncompressed = ReadLength(field, ref at, where) };
        }

        if (needCompressed)
        {
            result = result with { Compressed = ReadLength(field, ref at, where) };
        }

        if (needOffset)
        {
            result = result with { Offset = ReadLength(field, ref at, where) };
        }

        if (needDisk)
        {
            result = result with { Disk = BinaryPrimitives.ReadUInt32LittleEndian(field[at..]) };
        }

        return result;
    }

    /// <summary>True when the extra fields hold a ZIP64 field (then data descriptor sizes are 8 bytes each).</summary>
    public static bool HasZip64(ReadOnlySpan<byte> extra) => FindZip64(extra) is not null;

    /// <summary>The extra fields without the ZIP64 field; an unparsable tail is kept as it was.</summary>
    public static byte[] WithoutZip64(ReadOnlySpan<byte> extra)
    {
        var kept = new List<byte>(extra.Length);
        var at = 0;
        while (extra.Length - at >= 4)
        {
            var id = BinaryPrimitives.ReadUInt16LittleEndian(extra[at..]);
            var size = BinaryPrimitives.ReadUInt16LittleEndian(extra[(at + 2)..]);
            if (size > extra.Length - at - 4)
            {
                break;
            }

            if (id != ZipSignatures.Zip64ExtraId)
            {
                kept.AddRange(extra.Slice(at, 4 + size));
            }

            at += 4 + size;
        }

        kept.AddRange(extra[at..]);
        return [.. kept];
    }

    /// <summary>A ZIP64 field holding the given values, in APPNOTE order (empty when none is given).</summary>
    public static byte[] BuildZip64(long? uncompressed, long? compressed, long? offset)
    {
        var values = new[] { uncompressed, compressed, offset }.Where(v => v is not null).Select(v => v!.Value).ToArray();
        if (values.Length == 0)
        {
            return [];
        }

        var field = new byte[4 + (8 * values.Length)];
        BinaryPrimitives.WriteUInt16LittleEndian(field, ZipSignatures.Zip64ExtraId);
        BinaryPrimitives.WriteUInt16LittleEndian(field.AsSpan(2), (ushort)(8 * values.Length));
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(field.AsSpan(4 + (8 * i)), values[i]);
        }

        return field;
    }

    private static byte[]? FindZip64(ReadOnlySpan<byte> extra)
    {
        var at = 0;
        while (extra.Length - at >= 4)
        {
            var id = BinaryPrimitives.ReadUInt16LittleEndian(extra[at..]);
            var size = BinaryPrimitives.ReadUInt16LittleEndian(extra[(at + 2)..]);
            if (size > extra.Length - at - 4)
            {
                break;
            }

            if (id == ZipSignatures.Zip64ExtraId)
            {
                return extra.Slice(at + 4, size).ToArray();
            }

            at += 4 + size;
        }

        return null;
    }

    private static long ReadLength(ReadOnlySpan<byte> field, ref int at, long where)
    {
        var value = BinaryPrimitives.ReadUInt64LittleEndian(field[at..]);
        at += 8;
        if (value > long.MaxValue)
        {
            throw new ContainerFormatException($"ZIP64 value {value} is impossible", where);
        }

        return (long)value;
    }
}

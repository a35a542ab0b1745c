using System.Buffers.Binary;
using Qinglang.Labels.IO;

namespace Qinglang.Labels.Carriers.Ooxml;

/// <summary>
/// Checks an entry's local header against its central record and finds where the entry's bytes end (data plus data
/// descriptor). A reader that trusts the local headers and one that trusts the central directory must see the same
/// archive, so any disagreement is corruption.
/// </summary>
internal static class ZipLocalHeader
{
    public static void Check(Stream input, ZipEntry entry, long centralOffset)
    {
        var at = entry.LocalHeaderOffset;
        if (at < 0 || at > centralOffset - ZipSignatures.LocalHeaderSize)
        {
            throw new ContainerFormatException($"{entry}: local header offset lies outside the entry area", at);
        }

        input.Position = at;
        Span<byte> header = stackalloc byte[ZipSignatures.LocalHeaderSize];
        input.ReadFully(header, "local header");
        if (BinaryPrimitives.ReadUInt32LittleEndian(header) != ZipSignatures.LocalHeader)
        {
            throw new ContainerFormatException($"{entry}: no local header signature where the central directory points", at);
        }

        var flags = BinaryPrimitives.ReadUInt16LittleEndian(header[6..]);
        var method = BinaryPrimitives.ReadUInt16LittleEndian(header[8..]);
        var crc = BinaryPrimitives.ReadUInt32LittleEndian(header[14..]);
        var compressed = BinaryPrimitives.ReadUInt32LittleEndian(header[18..]);
        var uncompressed = BinaryPrimitives.ReadUInt32LittleEndian(header[22..]);
        var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(header[26..]);
        var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(header[28..]);
        var name = input.ReadBlock(nameLength, ushort.MaxValue, "local header name");
        var extra = input.ReadBlock(extraLength, ushort.MaxValue, "local header extra field");
        if (!name.AsSpan().SequenceEqual(entry.NameBytes))
        {
            throw new ContainerFormatException($"{entry}: local header names a different entry", at);
        }

        if (method != entry.Method || (flags & ZipEntry.DescriptorFlag) != (entry.Flags & ZipEntry.DescriptorFlag) || (flags & ZipEntry.EncryptedFlag) != (entry.Flags & ZipEntry.EncryptedFlag))
        {
            throw new ContainerFormatException($"{entry}: local header and central record disagree on method or flags", at);
        }

        var localZip64 = ZipExtraFields.HasZip64(extra);
        if (!entry.HasDescriptor)
        {
            var sizes = ZipExtraFields.ResolveZip64(extra, uncompressed, compressed, 0, 0, at);
            if (crc != entry.Crc || sizes.Compressed != entry.CompressedSize || sizes.Uncompressed != entry.UncompressedSize)
            {
                throw new ContainerFormatException($"{entry}: local header and central record disagree on CRC or sizes", at);
            }
        }

        entry.DataOffset = input.Position;
        if (entry.CompressedSize > centralOffset - entry.DataOffset)
        {
            throw new ContainerFormatException($"{entry}: {entry.CompressedSize} bytes of data run past the central directory", at);
        }

        var dataEnd = entry.DataOffset + entry.CompressedSize;
        entry.EntryEnd = entry.HasDescriptor ? dataEnd + DescriptorLength(input, entry, dataEnd, centralOffset, localZip64) : dataEnd;
    }

    /// <summary>
    /// Length of the data descriptor after a streamed entry: optional signature, CRC, then 4- or 8-byte sizes. The
    /// layout is the one whose values match the central record (which is authoritative for such entries).
    /// </summary>
    private static int DescriptorLength(Stream input, ZipEntry entry, long dataEnd, long centralOffset, bool zip64)
    {
        var available = (int)Math.Min(24, centralOffset - dataEnd);
        Span<byte> bytes = stackalloc byte[24];
        input.Position = dataEnd;
        input.ReadFully(bytes[..available], "data descriptor");
        var body = bytes[..available];
        var signed = available >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(body) == ZipSignatures.DataDescriptor;
        var start = signed ? 4 : 0;
        foreach (var wide in zip64 ? (bool[])[true, false] : [false, true])
        {
            var length = start + (wide ? 20 : 12);
            if (length > available)
            {
                continue;
            }

            var d = body[start..];
            var crc = BinaryPrimitives.ReadUInt32LittleEndian(d);
            var compressed = wide ? (long)BinaryPrimitives.ReadUInt64LittleEndian(d[4..]) : BinaryPrimitives.ReadUInt32LittleEndian(d[4..]);
            var uncompressed = wide ? (long)BinaryPrimitives.ReadUInt64LittleEndian(d[12..]) : BinaryPrimitives.ReadUInt32LittleEndian(d[8..]);
            if (crc == entry.Crc && compressed == entry.CompressedSize && uncompressed == entry.UncompressedSize)
            {
                return length;
            }
        }

        throw new ContainerFormatException($"{entry}: data descriptor missing or disagrees with the central record", dataEnd);
    }
}

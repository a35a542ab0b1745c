using System.Buffers.Binary;
using System.Text;
using Qinglang.Labels.IO;

namespace Qinglang.Labels.Carriers.Ooxml;

/// <summary>
/// A zip archive's central directory, read from the end record and checked entry by entry against the local headers:
/// every offset and size must lie inside the file, entries must not overlap, names must be unique, and each local
/// header must agree with its central record. Any lie is a <see cref="ContainerFormatException"/>.
/// </summary>
internal sealed class ZipDirectory
{
    /// <summary>A central directory larger than this is not an office document's; refusing it bounds memory.</summary>
    private const int MaxCentralDirectory = 64 << 20;

    private const int MaxEntries = 1 << 20;

    private ZipDirectory(IReadOnlyList<ZipEntry> entries, byte[] comment, long centralDirectoryOffset, long trailingOffset)
    {
        TrailingOffset = trailingOffset;
        Entries = entries;
        Comment = comment;
        CentralDirectoryOffset = centralDirectoryOffset;
    }

    /// <summary>Entries in central directory order.</summary>
    public IReadOnlyList<ZipEntry> Entries { get; }

    /// <summary>The archive comment of the end record.</summary>
    public byte[] Comment { get; }

    public long CentralDirectoryOffset { get; }

    /// <summary>Where bytes after the end record (and its comment) start; the file's length when there are none.</summary>
    public long TrailingOffset { get; }

    /// <summary>The entry of a part name; OPC part names compare case-insensitively.</summary>
    public ZipEntry? Find(string name) =>
        Entries.FirstOrDefault(e => e.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    public static ZipDirectory Read(Stream input)
    {
        var (endOffset, entryCount, centralSize, centralOffset, comment, trailing) = ReadEndRecords(input);
        if (centralOffset + centralSize > endOffset)
        {
            throw new ContainerFormatException($"central directory ({centralSize} bytes at {centralOffset}) runs past the end records", centralOffset);
        }

        if (entryCount > MaxEntries || entryCount * ZipSignatures.CentralHeaderSize > centralSize)
        {
            throw new ContainerFormatException($"end record claims {entryCount} entries in a central directory of {centralSize} bytes", endOffset);
        }

        input.Position = centralOffset;
        var central = input.ReadBlock(centralSize, MaxCentralDirectory, "central directory");
        var entries = ParseCentral(central, (int)entryCount, centralOffset);
        foreach (var entry in entries)
        {
            ZipLocalHeader.Check(input, entry, centralOffset);
        }

        CheckNoOverlap(entries, centralOffset);
        return new ZipDirectory(entries, comment, centralOffset, trailing);
    }

    private static (long EndOffset, long Entries, long CentralSize, long CentralOffset, byte[] Comment, long Trailing) ReadEndRecords(Stream input)
    {
        var length = input.Length;
        if (length < ZipSignatures.EndRecordSize)
        {
            throw new ContainerFormatException("file is too short to hold a zip end record");
        }

        // The end record is last, followed only by a comment of at most 65,535 bytes.
        var tailLength = (int)Math.Min(length, ZipSignatures.EndRecordSize + 0xFFFF);
        input.Position = length - tailLength;
        var tail = input.ReadBlock(tailLength, tailLength, "zip end record");
        // Prefer a record whose comment ends the file; else the last one that fits, with bytes after it (some
        // tools pad files) kept as they are.
        var at = -1;
        for (var i = tail.Length - ZipSignatures.EndRecordSize; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) == ZipSignatures.EndOfCentralDirectory)
            {
                var recordEnd = i + ZipSignatures.EndRecordSize + BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(i + 20));
                if (recordEnd == tail.Length)
                {
                    at = i;
                    break;
                }

                if (recordEnd < tail.Length && at < 0)
                {
                    at = i;
                }
            }
        }

        if (at < 0)
        {
            throw new ContainerFormatException("no zip end-of-central-directory record at the end of the file");
        }

        var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(at + 20));
        var record = tail.AsSpan(at, ZipSignatures.EndRecordSize + commentLength);
        var endOffset = length - tailLength + at;
        var disk = BinaryPrimitives.ReadUInt16LittleEndian(record[4..]);
        var centralDisk = BinaryPrimitives.ReadUInt16LittleEndian(record[6..]);
        long entriesHere = BinaryPrimitives.ReadUInt16LittleEndian(record[8..]);
        long entries = BinaryPrimitives.ReadUInt16LittleEndian(record[10..]);
        long centralSize = BinaryPrimitives.ReadUInt32LittleEndian(record[12..]);
        long centralOffset = BinaryPrimitives.ReadUInt32LittleEndian(record[16..]);
        var comment = record[ZipSignatures.EndRecordSize..].ToArray();
        var trailing = length - tailLength + at + record.Length;

        var locatorAt = endOffset - ZipSignatures.Zip64LocatorSize;
        if (locatorAt >= 0 && ReadUInt32At(input, locatorAt) == ZipSignatures.Zip64Locator)
        {
            (disk, centralDisk, entriesHere, entries, centralSize, centralOffset, endOffset) = ReadZip64End(input, locatorAt);
        }
        else if (entries == ZipSignatures.Saturated16 || centralSize == ZipSignatures.Saturated32 || centralOffset == ZipSignatures.Saturated32)
        {
            throw new ContainerFormatException("end record defers to ZIP64 but there is no ZIP64 locator", endOffset);
        }

        if (disk != 0 || centralDisk != 0 || entriesHere != entries)
        {
            throw new ContainerFormatException("multi-volume zip archives are not supported", endOffset);
        }

        return (endOffset, entries, centralSize, centralOffset, comment, trailing);
    }

    private static (ushort, ushort, long, long, long, long, long) ReadZip64End(Stream input, long locatorAt)
    {
        input.Position = locatorAt;
        Span<byte> locator = stackalloc byte[ZipSignatures.Zip64LocatorSize];
        input.ReadFully(locator, "ZIP64 locator");
        var recordAt = BinaryPrimitives.ReadUInt64LittleEndian(locator[8..]);
        if (locatorAt < ZipSignatures.Zip64EndRecordSize || recordAt > (ulong)(locatorAt - ZipSignatures.Zip64EndRecordSize))
        {
            throw new ContainerFormatException($"ZIP64 locator points at {recordAt}, outside the file", locatorAt);
        }

        input.Position = (long)recordAt;
        Span<byte> record = stackalloc byte[ZipSignatures.Zip64EndRecordSize];
        input.ReadFully(record, "ZIP64 end record");
        if (BinaryPrimitives.ReadUInt32LittleEndian(record) != ZipSignatures.Zip64EndOfCentralDirectory)
        {
            throw new ContainerFormatException("ZIP64 locator does not point at a ZIP64 end record", (long)recordAt);
        }

        var disk = BinaryPrimitives.ReadUInt32LittleEndian(record[16..]);
        var centralDisk = BinaryPrimitives.ReadUInt32LittleEndian(record[20..]);
        var entriesHere = BinaryPrimitives.ReadUInt64LittleEndian(record[24..]);
        var entries = BinaryPrimitives.ReadUInt64LittleEndian(record[32..]);
        var size = BinaryPrimitives.ReadUInt64LittleEndian(record[40..]);
        var offset = BinaryPrimitives.ReadUInt64LittleEndian(record[48..]);
        if (disk > 0 || centralDisk > 0 || entries > MaxEntries || entriesHere != entries || size > (ulong)input.Length || offset > (ulong)input.Length)
        {
            throw new ContainerFormatException("ZIP64 end record has impossible values", (long)recordAt);
        }

        return (0, 0, (long)entriesHere, (long)entries, (long)size, (long)offset, (long)recordAt);
    }

    private static List<ZipEntry> ParseCentral(byte[] central, int count, long centralOffset)
    {
        var entries = new List<ZipEntry>(count);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var position = 0;
        for (var i = 0; i < count; i++)
        {
            var where = centralOffset + position;
            if (central.Length - position < ZipSignatures.CentralHeaderSize)
            {
                throw new ContainerFormatException($"central directory ends inside record {i}", where);
            }

            var header = central.AsSpan(position);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) != ZipSignatures.CentralHeader)
            {
                throw new ContainerFormatException($"central directory record {i} has a bad signature", where);
            }

            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(header[28..]);
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(header[30..]);
            var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(header[32..]);
            var recordLength = ZipSignatures.CentralHeaderSize + nameLength + extraLength + commentLength;
            if (recordLength > central.Length - position)
            {
                throw new ContainerFormatException($"central directory record {i} runs past the directory", where);
            }

            var flags = BinaryPrimitives.ReadUInt16LittleEndian(header[8..]);
            var nameBytes = header.Slice(ZipSignatures.CentralHeaderSize, nameLength).ToArray();
            var extra = header.Slice(ZipSignatures.CentralHeaderSize + nameLength, extraLength);
            var name = ((flags & ZipEntry.Utf8Flag) != 0 ? Encoding.UTF8 : Encoding.Latin1).GetString(nameBytes);
            var sizes = ZipExtraFields.ResolveZip64(
                extra,
                BinaryPrimitives.ReadUInt32LittleEndian(header[24..]),
                BinaryPrimitives.ReadUInt32LittleEndian(header[20..]),
                BinaryPrimitives.ReadUInt32LittleEndian(header[42..]),
                BinaryPrimitives.ReadUInt16LittleEndian(header[34..]),
                where);
            if (sizes.Disk != 0)
            {
                throw new ContainerFormatException($"entry '{name}' lies on another volume", where);
            }

            if (!names.Add(name))
            {
                throw new ContainerFormatException($"entry name '{name}' appears twice; a reader could take either", where);
            }

            entries.Add(new ZipEntry
            {
                Name = name,
                NameBytes = nameBytes,
                VersionMadeBy = BinaryPrimitives.ReadUInt16LittleEndian(header[4..]),
                VersionNeeded = BinaryPrimitives.ReadUInt16LittleEndian(header[6..]),
                Flags = flags,
                Method = BinaryPrimitives.ReadUInt16LittleEndian(header[10..]),
                ModTime = BinaryPrimitives.ReadUInt16LittleEndian(header[12..]),
                ModDate = BinaryPrimitives.ReadUInt16LittleEndian(header[14..]),
                Crc = BinaryPrimitives.ReadUInt32LittleEndian(header[16..]),
                CompressedSize = sizes.Compressed,
                UncompressedSize = sizes.Uncompressed,
                InternalAttributes = BinaryPrimitives.ReadUInt16LittleEndian(header[36..]),
                ExternalAttributes = BinaryPrimitives.ReadUInt32LittleEndian(header[38..]),
                LocalHeaderOffset = sizes.Offset,
                SizesInZip64 = BinaryPrimitives.ReadUInt32LittleEndian(header[24..]) == ZipSignatures.Saturated32 || BinaryPrimitives.ReadUInt32LittleEndian(header[20..]) == ZipSignatures.Saturated32,
                CentralExtraWithoutZip64 = ZipExtraFields.WithoutZip64(extra),
                Comment = header.Slice(ZipSignatures.CentralHeaderSize + nameLength + extraLength, commentLength).ToArray(),
            });
            position += recordLength;
        }

        return entries;
    }

    private static void CheckNoOverlap(List<ZipEntry> entries, long centralOffset)
    {
        var ordered = entries.OrderBy(e => e.LocalHeaderOffset).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var limit = i + 1 < ordered.Count ? ordered[i + 1].LocalHeaderOffset : centralOffset;
            if (ordered[i].EntryEnd > limit)
            {
                // Overlapping entries are a zip-bomb technique and make "the" content of an entry ambiguous.
                throw new ContainerFormatException($"{ordered[i]} overlaps the next entry or the central directory", ordered[i].LocalHeaderOffset);
            }
        }
    }

    private static uint ReadUInt32At(Stream input, long offset)
    {
        input.Position = offset;
        Span<byte> bytes = stackalloc byte[4];
        input.ReadFully(bytes, "zip record signature");
        return BinaryPrimitives.ReadUInt32LittleEndian(bytes);
    }
}

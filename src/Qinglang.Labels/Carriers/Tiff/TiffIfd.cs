using Qinglang.Labels.IO;

namespace Qinglang.Labels.Carriers.Tiff;

/// <summary>One IFD entry as stored: its raw bytes (12, or 20 in BigTIFF) are kept so a rewrite can copy them.</summary>
internal sealed record TiffEntry(ushort Tag, ushort Type, long Count, long EntryOffset, byte[] Raw)
{
    /// <summary>Bytes of the value, or -1 when the type is unknown or the size overflows.</summary>
    public long ValueLength
    {
        get
        {
            var size = TiffFieldType.Size(Type);
            return size == 0 || Count > long.MaxValue / 8 ? -1 : size * Count;
        }
    }

    public bool IsInline(TiffHeader header) => ValueLength >= 0 && ValueLength <= header.ValueFieldLength;

    /// <summary>Where the value is: inside the entry when it fits there, else at the offset the entry gives.</summary>
    public long ValueOffset(TiffHeader header)
    {
        var field = header.IsBig ? 12 : 8;
        return IsInline(header) ? EntryOffset + field : header.Word(Raw.AsSpan(field));
    }
}

/// <summary>An image file directory (TIFF 6.0 §2): its entries and the offset of the next IFD (0 for none).</summary>
internal sealed record TiffIfd(long Offset, IReadOnlyList<TiffEntry> Entries, long NextIfdOffset)
{
    /// <summary>More entries than this in one IFD is not an image but a hostile file (real IFDs hold dozens).</summary>
    private const int MaxEntries = 4096;

    public static TiffIfd Read(Stream input, TiffHeader header, long offset)
    {
        if (offset < header.Length || offset > input.Length - header.CountLength)
        {
            throw new ContainerFormatException($"IFD offset {offset} lies outside the file", offset);
        }

        input.Position = offset;
        Span<byte> countField = stackalloc byte[8];
        input.ReadFully(countField[..header.CountLength], "IFD entry count");
        var count = header.IsBig ? header.Word(countField) : header.U16(countField);
        if (count > MaxEntries)
        {
            throw new ContainerFormatException($"IFD at {offset} claims {count} entries; more than {MaxEntries} is not believable", offset);
        }

        var tableLength = (count * header.EntryLength) + header.ValueFieldLength;
        var table = input.ReadBlock(tableLength, MaxEntries * 20 + 8, "IFD entries");
        var entries = new List<TiffEntry>((int)count);
        for (var i = 0; i < count; i++)
        {
            var raw = table.AsSpan(i * header.EntryLength, header.EntryLength);
            var entryCount = header.IsBig ? header.Word(raw[4..]) : header.U32(raw[4..]);
            entries.Add(new TiffEntry(header.U16(raw), header.U16(raw[2..]), entryCount, offset + header.CountLength + (i * header.EntryLength), raw.ToArray()));
        }

        var next = header.Word(table.AsSpan(table.Length - header.ValueFieldLength));
        return new TiffIfd(offset, entries, next);
    }

    public TiffEntry? Find(ushort tag) => Entries.FirstOrDefault(e => e.Tag == tag);

    /// <summary>An entry's value bytes, refused when it lies outside the file or is larger than <paramref name="max"/>.</summary>
    public static byte[] ReadValue(Stream input, TiffHeader header, TiffEntry entry, int max, string what)
    {
        var length = entry.ValueLength;
        if (length < 0)
        {
            throw new ContainerFormatException($"{what} has unknown field type {entry.Type}", entry.EntryOffset);
        }

        var at = entry.ValueOffset(header);
        if (at < 0 || at > input.Length - length)
        {
            throw new ContainerFormatException($"{what} claims {length} bytes at {at}, outside the file", entry.EntryOffset);
        }

        input.Position = at;
        return input.ReadBlock(length, max, what);
    }

    /// <summary>An unsigned integer array (SHORT, LONG, LONG8 or IFD), e.g. strip offsets.</summary>
    public static long[] ReadNumbers(Stream input, TiffHeader header, TiffEntry entry, string what)
    {
        var size = TiffFieldType.Size(entry.Type);
        if (entry.Type is not (3 or 4 or 13 or 16 or 18))
        {
            throw new ContainerFormatException($"{what} has field type {entry.Type}, not an unsigned integer", entry.EntryOffset);
        }

        var bytes = ReadValue(input, header, entry, 64 << 20, what);
        var numbers = new long[bytes.Length / size];
        for (var i = 0; i < numbers.Length; i++)
        {
            var field = bytes.AsSpan(i * size, size);
            numbers[i] = size switch
            {
                2 => header.U16(field),
                4 => header.U32(field),
                _ => header.U64Clamped(field),
            };
        }

        return numbers;
    }
}

namespace Qinglang.Labels.Carriers.Ooxml;

/// <summary>
/// One zip entry as its central directory record describes it (sizes and offset already resolved through the ZIP64
/// extra field), plus where its bytes lie once the local header was checked against the record.
/// </summary>
internal sealed class ZipEntry
{
    /// <summary>Flag bit 0: the entry is encrypted.</summary>
    public const ushort EncryptedFlag = 0x0001;

    /// <summary>Flag bit 3: sizes and CRC follow the data in a data descriptor (streamed writers).</summary>
    public const ushort DescriptorFlag = 0x0008;

    /// <summary>Flag bit 11: the name is UTF-8.</summary>
    public const ushort Utf8Flag = 0x0800;

    public const ushort Stored = 0;
    public const ushort Deflated = 8;

    public required string Name { get; init; }
    public required byte[] NameBytes { get; init; }
    public ushort VersionMadeBy { get; init; }
    public ushort VersionNeeded { get; init; }
    public ushort Flags { get; init; }
    public ushort Method { get; init; }
    public ushort ModTime { get; init; }
    public ushort ModDate { get; init; }
    public uint Crc { get; init; }
    public long CompressedSize { get; init; }
    public long UncompressedSize { get; init; }
    public ushort InternalAttributes { get; init; }
    public uint ExternalAttributes { get; init; }
    public long LocalHeaderOffset { get; init; }

    /// <summary>The central record kept its sizes in the ZIP64 field; a rewrite keeps them there (as the local header does).</summary>
    public bool SizesInZip64 { get; init; }

    /// <summary>The central record's extra fields without the ZIP64 field (which a rewrite recomputes).</summary>
    public byte[] CentralExtraWithoutZip64 { get; init; } = [];

    public byte[] Comment { get; init; } = [];

    /// <summary>Where the compressed data starts (after the local header, name and extra field).</summary>
    public long DataOffset { get; set; }

    /// <summary>Where this entry's bytes end: after the data and its data descriptor, if any.</summary>
    public long EntryEnd { get; set; }

    public bool IsEncrypted => (Flags & EncryptedFlag) != 0;

    public bool HasDescriptor => (Flags & DescriptorFlag) != 0;

    public override string ToString() => $"zip entry '{Name}' at {LocalHeaderOffset}";
}

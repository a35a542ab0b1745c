namespace Qinglang.Labels.Carriers.Flv;

/// <summary>
/// An FLV tag header (FLV spec §E.4.1): type, data size, and where it sits. The 11-byte header is followed by the
/// data and a 4-byte PreviousTagSize.
/// </summary>
/// <param name="TypeByte">The raw first byte: filter bit 0x20 and tag type in the low 5 bits.</param>
internal readonly record struct FlvTag(long Offset, byte TypeByte, int DataSize)
{
    public const int HeaderSize = 11;
    public const byte ScriptData = 18;

    public int Type => TypeByte & 0x1F;

    /// <summary>An unencrypted script data tag (the filter bit marks encrypted ones).</summary>
    public bool IsScript => TypeByte == ScriptData;

    public long DataOffset => Offset + HeaderSize;

    /// <summary>Offset just past the PreviousTagSize that follows the data.</summary>
    public long End => DataOffset + DataSize + 4;

    public long TotalSize => End - Offset;
}

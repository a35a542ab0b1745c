namespace Qinglang.Labels.Carriers.Flac;

/// <summary>A FLAC metadata block header as found in the file (FLAC format §METADATA_BLOCK_HEADER).</summary>
/// <param name="Offset">Offset of the 4-byte block header.</param>
/// <param name="Length">Length of the block data (24 bits).</param>
internal readonly record struct FlacBlock(FlacBlockType Type, long Offset, int Length, bool IsLast)
{
    public const int HeaderLength = 4;

    /// <summary>The largest block a 24-bit length field can describe.</summary>
    public const int MaxLength = (1 << 24) - 1;

    public long DataOffset => Offset + HeaderLength;

    public long End => DataOffset + Length;

    /// <summary>A block header: last-block flag, 7-bit type, 24-bit big-endian length.</summary>
    public static byte[] EncodeHeader(FlacBlockType type, int length, bool isLast)
    {
        if (length is < 0 or > MaxLength)
        {
            throw new LabelingException(Model.ProblemCodes.ContainerCorrupt, $"a FLAC {type} block of {length} bytes exceeds the 24-bit length limit");
        }

        return [(byte)((isLast ? 0x80 : 0) | (int)type), (byte)(length >> 16), (byte)(length >> 8), (byte)length];
    }
}

internal enum FlacBlockType
{
    StreamInfo = 0,
    Padding = 1,
    Application = 2,
    SeekTable = 3,
    VorbisComment = 4,
    CueSheet = 5,
    Picture = 6,
    Invalid = 127,
}

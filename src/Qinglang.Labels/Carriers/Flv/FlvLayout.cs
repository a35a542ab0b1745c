using System.Buffers.Binary;
using Qinglang.Labels.IO;

namespace Qinglang.Labels.Carriers.Flv;

/// <summary>
/// The tag layout of an FLV file: the header (signature, version, flags, header size), PreviousTagSize0, then tags
/// each followed by their PreviousTagSize. Only headers are read; every data size is checked against the file.
/// </summary>
internal sealed record FlvLayout(long FirstTagOffset, IReadOnlyList<FlvTag> Tags, IReadOnlyList<long> BadPreviousSizes)
{
    public static bool HasSignature(ReadOnlySpan<byte> head) =>
        head.Length >= 9 && head[0] == (byte)'F' && head[1] == (byte)'L' && head[2] == (byte)'V' && head[3] == 1
        && BinaryPrimitives.ReadUInt32BigEndian(head[5..]) >= 9;

    public static FlvLayout Read(Stream input)
    {
        input.Position = 0;
        Span<byte> header = stackalloc byte[FlvTag.HeaderSize];
        input.ReadFully(header[..9], "FLV header");
        if (!HasSignature(header))
        {
            throw new ContainerFormatException("not an FLV version 1 header", 0);
        }

        var dataOffset = BinaryPrimitives.ReadUInt32BigEndian(header[5..]);
        if (dataOffset + 4L > input.Length)
        {
            throw new ContainerFormatException($"FLV header size {dataOffset} runs past the end of the file", 5);
        }

        var tags = new List<FlvTag>();
        var badSizes = new List<long>();
        var position = dataOffset + 4L; // PreviousTagSize0 (always 0) comes first
        Span<byte> previousSize = stackalloc byte[4];
        while (position < input.Length)
        {
            input.Position = position;
            input.ReadFully(header, "FLV tag header");
            var tag = new FlvTag(position, header[0], (header[1] << 16) | (header[2] << 8) | header[3]);
            if ((tag.TypeByte & 0xC0) != 0)
            {
                throw new ContainerFormatException($"FLV tag type byte 0x{tag.TypeByte:X2} has reserved bits set", position);
            }

            if (tag.End > input.Length)
            {
                throw new ContainerFormatException($"FLV tag claims {tag.DataSize} bytes but the file ends first", position);
            }

            input.Position = tag.End - 4;
            input.ReadFully(previousSize, "PreviousTagSize");
            if (BinaryPrimitives.ReadUInt32BigEndian(previousSize) != FlvTag.HeaderSize + tag.DataSize)
            {
                badSizes.Add(tag.End - 4);
            }

            tags.Add(tag);
            position = tag.End;
        }

        return new FlvLayout(dataOffset + 4L, tags, badSizes);
    }
}

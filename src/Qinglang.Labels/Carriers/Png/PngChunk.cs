using System.Buffers.Binary;
using System.Text;
using Qinglang.Labels.IO;

namespace Qinglang.Labels.Carriers.Png;

/// <summary>A chunk header as read from a PNG stream: where its data starts and how long it is.</summary>
public readonly record struct PngChunk(string Type, long Offset, uint Length)
{
    /// <summary>Writes one chunk: length, type, data and the CRC over type and data.</summary>
    public static void Write(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)data.Length);
        Encoding.ASCII.GetBytes(type, header[4..]);
        output.Write(header);
        output.Write(data);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.Append(Crc32.Compute(header[4..]), data));
        output.Write(crc);
    }

    /// <summary>Offset of the chunk's data (after the length and type fields).</summary>
    public long DataOffset => Offset + 8;

    /// <summary>Offset just past the chunk's CRC.</summary>
    public long End => DataOffset + Length + 4;
}

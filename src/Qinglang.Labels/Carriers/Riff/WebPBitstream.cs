using System.Buffers.Binary;
using Qinglang.Labels.IO;

namespace Qinglang.Labels.Carriers.Riff;

/// <summary>The canvas a simple-format WebP image needs in its VP8X chunk, read from the bitstream header.</summary>
internal readonly record struct WebPCanvas(int Width, int Height, bool Alpha);

/// <summary>
/// Reads image size from the headers of the two WebP bitstreams: VP8 key frames (RFC 6386 §9.1) and VP8L
/// (WebP lossless bitstream specification §3), so a simple file can be promoted to the extended format.
/// </summary>
internal static class WebPBitstream
{
    private const byte Vp8LSignature = 0x2F;

    public static WebPCanvas Canvas(Stream input, RiffChunk image)
    {
        Span<byte> head = stackalloc byte[10];
        var need = image.Id == "VP8 " ? 10 : 5;
        if (image.Size < need)
        {
            throw new ContainerFormatException($"{image} is too short for its bitstream header", image.Offset);
        }

        input.Position = image.DataOffset;
        input.ReadFully(head[..need], "WebP bitstream header");
        return image.Id == "VP8 " ? Vp8(head, image) : Vp8L(head[..5], image);
    }

    private static WebPCanvas Vp8(ReadOnlySpan<byte> head, RiffChunk image)
    {
        // Frame tag (3 bytes, bit 0 clear for a key frame), start code 9D 01 2A, then 14-bit width and height
        // each with a 2-bit upscaling field on top.
        if ((head[0] & 1) != 0 || head[3] != 0x9D || head[4] != 0x01 || head[5] != 0x2A)
        {
            throw new ContainerFormatException($"{image} does not start with a VP8 key frame", image.Offset);
        }

        var width = BinaryPrimitives.ReadUInt16LittleEndian(head[6..]) & 0x3FFF;
        var height = BinaryPrimitives.ReadUInt16LittleEndian(head[8..]) & 0x3FFF;
        if (width == 0 || height == 0)
        {
            throw new ContainerFormatException($"{image} declares an empty {width}x{height} frame", image.Offset);
        }

        return new WebPCanvas(width, height, Alpha: false);
    }

    private static WebPCanvas Vp8L(ReadOnlySpan<byte> head, RiffChunk image)
    {
        // Signature 0x2F, then 14 bits width-1, 14 bits height-1, 1 bit alpha_is_used, 3 bits version (must be 0).
        var bits = BinaryPrimitives.ReadUInt32LittleEndian(head[1..]);
        if (head[0] != Vp8LSignature || bits >> 29 != 0)
        {
            throw new ContainerFormatException($"{image} does not start with a VP8L header", image.Offset);
        }

        return new WebPCanvas((int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1, Alpha: ((bits >> 28) & 1) == 1);
    }
}

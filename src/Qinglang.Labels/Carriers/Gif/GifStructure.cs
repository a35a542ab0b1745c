using System.Text;
using Qinglang.Labels.IO;

namespace Qinglang.Labels.Carriers.Gif;

/// <summary>
/// Walks a GIF87a/GIF89a file: header, logical screen descriptor, global color table, then extension and image
/// blocks with their sub-block chains up to the trailer. Every size is checked against the file.
/// </summary>
internal static class GifStructure
{
    public const int HeaderLength = 6;
    private const int ScreenDescriptorLength = 7;
    private const int ImageDescriptorLength = 9;

    public static bool IsSignature(ReadOnlySpan<byte> head) =>
        head.Length >= HeaderLength && (head[..HeaderLength].SequenceEqual("GIF89a"u8) || head[..HeaderLength].SequenceEqual("GIF87a"u8));

    /// <summary>Checks the header and returns the offset just past the global color table.</summary>
    public static long ReadHeader(Stream input)
    {
        input.Position = 0;
        Span<byte> header = stackalloc byte[HeaderLength + ScreenDescriptorLength];
        input.ReadFully(header, "GIF header");
        if (!IsSignature(header))
        {
            throw new ContainerFormatException("not a GIF87a/GIF89a signature", 0);
        }

        var packed = header[HeaderLength + 4];
        input.Skip(ColorTableLength(packed), "global color table");
        return input.Position;
    }

    /// <summary>The blocks after the global color table, ending with the trailer.</summary>
    public static IEnumerable<GifBlock> Blocks(Stream input)
    {
        var position = ReadHeader(input);
        var fixedPart = new byte[ImageDescriptorLength];
        while (true)
        {
            input.Position = position;
            var introducer = input.ReadByte();
            GifBlock block;
            switch (introducer)
            {
                case 0x21:
                    var label = input.ReadByte();
                    if (label < 0)
                    {
                        throw new ContainerFormatException("file ends inside an extension", position);
                    }

                    var application = label == GifBlock.ApplicationLabel ? ReadApplicationId(input) : null;
                    SkipSubBlocks(input, position);
                    block = new GifBlock(GifBlockKind.Extension, (byte)label, position, input.Position, application);
                    break;
                case 0x2C:
                    input.ReadFully(fixedPart, "image descriptor");
                    input.Skip(ColorTableLength(fixedPart[8]), "local color table");
                    if (input.ReadByte() < 0)
                    {
                        throw new ContainerFormatException("file ends before the image's LZW code size", position);
                    }

                    SkipSubBlocks(input, position);
                    block = new GifBlock(GifBlockKind.Image, 0, position, input.Position);
                    break;
                case 0x3B:
                    yield return new GifBlock(GifBlockKind.Trailer, 0, position, position + 1);
                    yield break;
                case < 0:
                    throw new ContainerFormatException("GIF ends without a trailer: the file is truncated", position);
                default:
                    throw new ContainerFormatException($"byte 0x{introducer:X2} does not start a GIF block", position);
            }

            position = block.End;
            yield return block;
        }
    }

    /// <summary>Bytes of a color table whose presence and size the packed field gives.</summary>
    private static int ColorTableLength(byte packed) => (packed & 0x80) != 0 ? 3 << ((packed & 0x07) + 1) : 0;

    /// <summary>Reads an application extension's first sub-block (its id) when it has the standard 11 bytes.</summary>
    private static string? ReadApplicationId(Stream input)
    {
        var start = input.Position;
        var size = input.ReadByte();
        if (size != 11 || input.Remaining() < 11)
        {
            input.Position = start; // not the standard layout: walk it as plain sub-blocks
            return null;
        }

        Span<byte> id = stackalloc byte[11];
        input.ReadFully(id, "application identifier");
        return Encoding.Latin1.GetString(id);
    }

    /// <summary>Follows a sub-block chain to its zero-length terminator.</summary>
    private static void SkipSubBlocks(Stream input, long blockStart)
    {
        while (true)
        {
            var size = input.ReadByte();
            if (size < 0)
            {
                throw new ContainerFormatException("GIF ends inside a sub-block chain: the file is truncated", blockStart);
            }

            if (size == 0)
            {
                return;
            }

            input.Skip(size, "GIF sub-block");
        }
    }
}

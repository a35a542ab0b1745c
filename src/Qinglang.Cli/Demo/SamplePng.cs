using System.Buffers.Binary;
using System.IO.Compression;
using Qinglang.Labels.Carriers.Png;

namespace Qinglang.Cli.Demo;

/// <summary>The demo's embedded input: a small RGB gradient PNG, encoded here so the demo needs no file.</summary>
internal static class SamplePng
{
    public static byte[] Create(int width = 96, int height = 64)
    {
        var raw = new byte[height * (1 + (width * 3))];
        for (var y = 0; y < height; y++)
        {
            var row = y * (1 + (width * 3));
            for (var x = 0; x < width; x++)
            {
                raw[row + 1 + (x * 3)] = (byte)(x * 255 / width);
                raw[row + 2 + (x * 3)] = (byte)(y * 255 / height);
                raw[row + 3 + (x * 3)] = 160;
            }
        }

        var deflated = new MemoryStream();
        using (var zlib = new ZLibStream(deflated, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        PngChunk.Write(png, "IHDR", header);
        PngChunk.Write(png, "IDAT", deflated.ToArray());
        PngChunk.Write(png, "IEND", []);
        return png.ToArray();
    }
}

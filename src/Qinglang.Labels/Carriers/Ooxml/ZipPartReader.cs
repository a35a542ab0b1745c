using System.IO.Compression;
using Qinglang.Labels.IO;

namespace Qinglang.Labels.Carriers.Ooxml;

/// <summary>
/// Inflates the few small XML parts a carrier needs, refusing zip bombs: a part may not claim more than
/// <see cref="MaxPartSize"/>, may not compress more than real XML does, and must inflate to exactly its claimed size
/// and CRC. Other entries are never inflated; they are copied raw.
/// </summary>
internal static class ZipPartReader
{
    /// <summary>Package metadata parts (content types, relationships, custom properties) are far smaller.</summary>
    public const int MaxPartSize = 16 << 20;

    /// <summary>
    /// XML compresses about 5–20×; even padding-heavy parts stay well under this. Deflate can reach ~1030× on
    /// repeated bytes, which only a crafted part does.
    /// </summary>
    public const int MaxRatio = 200;

    /// <summary>Parts smaller than this are not judged by ratio (a tiny header-only part can compress oddly).</summary>
    private const int RatioFloor = 64 << 10;

    public static byte[] Read(Stream input, ZipEntry entry)
    {
        if (entry.IsEncrypted)
        {
            // Office encrypts a whole document into a compound file, never single package parts.
            throw new ContainerFormatException($"{entry} is encrypted; package parts of an Office document never are", entry.LocalHeaderOffset);
        }

        if (entry.UncompressedSize > MaxPartSize)
        {
            throw new ContainerFormatException($"{entry} claims {entry.UncompressedSize} bytes uncompressed; package parts larger than {MaxPartSize} are refused (zip bomb?)", entry.LocalHeaderOffset);
        }

        if (entry.UncompressedSize > RatioFloor && entry.UncompressedSize > (long)MaxRatio * Math.Max(1, entry.CompressedSize))
        {
            throw new ContainerFormatException($"{entry} compresses {entry.UncompressedSize / Math.Max(1, entry.CompressedSize)}:1; more than {MaxRatio}:1 is not plausible XML (zip bomb?)", entry.LocalHeaderOffset);
        }

        input.Position = entry.DataOffset;
        var compressed = input.ReadBlock(entry.CompressedSize, MaxPartSize, $"{entry} data");
        var data = entry.Method switch
        {
            ZipEntry.Stored when entry.CompressedSize == entry.UncompressedSize => compressed,
            ZipEntry.Stored => throw new ContainerFormatException($"{entry} is stored but its two sizes differ", entry.LocalHeaderOffset),
            ZipEntry.Deflated => Inflate(compressed, entry),
            _ => throw new ContainerFormatException($"{entry} uses compression method {entry.Method}; package parts use deflate or store", entry.LocalHeaderOffset),
        };

        if (Crc32.Compute(data) != entry.Crc)
        {
            throw new ContainerFormatException($"{entry} fails its CRC-32", entry.LocalHeaderOffset);
        }

        return data;
    }

    private static byte[] Inflate(byte[] compressed, ZipEntry entry)
    {
        var data = new byte[entry.UncompressedSize];
        try
        {
            using var inflater = new DeflateStream(new MemoryStream(compressed, writable: false), CompressionMode.Decompress);
            var read = inflater.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
            Span<byte> probe = stackalloc byte[1];
            if (read != data.Length || inflater.Read(probe) != 0)
            {
                throw new ContainerFormatException($"{entry} does not inflate to its claimed {entry.UncompressedSize} bytes", entry.LocalHeaderOffset);
            }
        }
        catch (InvalidDataException ex)
        {
            throw new ContainerFormatException($"{entry} is not valid deflate data: {ex.Message}", entry.LocalHeaderOffset);
        }

        return data;
    }
}

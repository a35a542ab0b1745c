using System.IO.Compression;

namespace Qinglang.Labels.Carriers.Heif;

/// <summary>
/// Content encodings of MIME items (ISO/IEC 23008-12 §A.2.2 uses HTTP's names): libheif writes compressed XMP as
/// <c>deflate</c>, a zlib stream. Decoding is capped, so a compression bomb is refused, not inflated.
/// </summary>
internal static class XmpItemEncoding
{
    public static bool IsSupported(string encoding) => encoding.Length == 0 || IsDeflate(encoding) || IsGzip(encoding);

    public static byte[] Decode(byte[] data, string encoding, int max)
    {
        if (encoding.Length == 0)
        {
            return data;
        }

        if (IsGzip(encoding))
        {
            return Inflate(new GZipStream(new MemoryStream(data), CompressionMode.Decompress), max);
        }

        // HTTP "deflate" is a zlib stream; some writers store a raw deflate stream instead.
        var zlib = data.Length >= 2 && (data[0] & 0x0F) == 8 && ((data[0] << 8) | data[1]) % 31 == 0;
        return Inflate(zlib ? new ZLibStream(new MemoryStream(data), CompressionMode.Decompress) : new DeflateStream(new MemoryStream(data), CompressionMode.Decompress), max);
    }

    private static bool IsDeflate(string encoding) => encoding.Trim().Equals("deflate", StringComparison.OrdinalIgnoreCase);

    private static bool IsGzip(string encoding) => encoding.Trim().Equals("gzip", StringComparison.OrdinalIgnoreCase);

    private static byte[] Inflate(Stream decompressor, int max)
    {
        using (decompressor)
        {
            var output = new MemoryStream();
            var buffer = new byte[81920];
            try
            {
                int read;
                while ((read = decompressor.Read(buffer)) > 0)
                {
                    output.Write(buffer, 0, read);
                    if (output.Length > max)
                    {
                        throw new ContainerFormatException($"compressed XMP item inflates past {max} bytes");
                    }
                }
            }
            catch (InvalidDataException ex)
            {
                throw new ContainerFormatException($"compressed XMP item is corrupt: {ex.Message}");
            }

            return output.ToArray();
        }
    }
}

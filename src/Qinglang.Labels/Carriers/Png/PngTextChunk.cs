using System.IO.Compression;
using System.Text;

namespace Qinglang.Labels.Carriers.Png;

/// <summary>Decodes and encodes PNG tEXt, zTXt and iTXt chunk data (PNG 1.2 §11.3.4).</summary>
public static class PngTextChunk
{
    public const string XmpKeyword = "XML:com.adobe.xmp";

    /// <summary>Decompressed text larger than this is refused (a zTXt bomb).</summary>
    public const int MaxTextBytes = 16 << 20;

    /// <summary>The keyword of a text chunk, or null when the data has no NUL-terminated keyword.</summary>
    public static string? Keyword(ReadOnlySpan<byte> data)
    {
        var nul = data.IndexOf((byte)0);
        return nul is > 0 and < 80 ? Encoding.Latin1.GetString(data[..nul]) : null;
    }

    /// <summary>The text of a tEXt, zTXt or iTXt chunk.</summary>
    public static string Text(string type, ReadOnlySpan<byte> data)
    {
        var (bytes, utf8) = TextBytes(type, data);
        return (utf8 ? Encoding.UTF8 : Encoding.Latin1).GetString(bytes);
    }

    /// <summary>
    /// The text bytes of a tEXt, zTXt or iTXt chunk after its keyword, inflated when compressed (refused past
    /// <paramref name="maxTextBytes"/>), and whether they are UTF-8 by definition (iTXt) rather than Latin-1.
    /// </summary>
    public static (byte[] Bytes, bool Utf8) TextBytes(string type, ReadOnlySpan<byte> data, int maxTextBytes = MaxTextBytes)
    {
        var nul = data.IndexOf((byte)0);
        if (nul < 0)
        {
            throw new ContainerFormatException($"{type} chunk has no keyword terminator");
        }

        var rest = data[(nul + 1)..];
        switch (type)
        {
            case "tEXt":
                return (rest.ToArray(), false);
            case "zTXt":
                if (rest.Length < 1 || rest[0] != 0)
                {
                    throw new ContainerFormatException("zTXt chunk uses an unknown compression method");
                }

                return (Inflate(rest[1..], maxTextBytes), false);
            case "iTXt":
                if (rest.Length < 2)
                {
                    throw new ContainerFormatException("iTXt chunk is too short");
                }

                var compressed = rest[0] == 1;
                rest = rest[2..];
                for (var field = 0; field < 2; field++)
                {
                    var end = rest.IndexOf((byte)0);
                    if (end < 0)
                    {
                        throw new ContainerFormatException("iTXt chunk lacks its language or translated-keyword terminator");
                    }

                    rest = rest[(end + 1)..];
                }

                return (compressed ? Inflate(rest, maxTextBytes) : rest.ToArray(), true);
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "not a text chunk");
        }
    }

    /// <summary>Builds uncompressed iTXt chunk data: keyword, flags, empty language and translated keyword, text.</summary>
    public static byte[] BuildInternational(string keyword, ReadOnlySpan<byte> utf8Text)
    {
        var key = Encoding.Latin1.GetBytes(keyword);
        var data = new byte[key.Length + 5 + utf8Text.Length];
        key.CopyTo(data, 0);
        // After the keyword: NUL, compression flag 0, method 0, empty language NUL, empty translated keyword NUL.
        utf8Text.CopyTo(data.AsSpan(key.Length + 5));
        return data;
    }

    private static byte[] Inflate(ReadOnlySpan<byte> compressed, int maxTextBytes)
    {
        using var input = new MemoryStream(compressed.ToArray());
        using var zlib = new ZLibStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        try
        {
            while ((read = zlib.Read(buffer)) > 0)
            {
                output.Write(buffer, 0, read);
                if (output.Length > maxTextBytes)
                {
                    throw new ContainerFormatException($"compressed text inflates beyond {maxTextBytes} bytes");
                }
            }
        }
        catch (InvalidDataException ex)
        {
            throw new ContainerFormatException($"compressed text is corrupt: {ex.Message}");
        }

        return output.ToArray();
    }
}

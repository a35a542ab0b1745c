using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Qinglang.Review.Metadata;

/// <summary>
/// Walks PNG chunks: tEXt, zTXt and iTXt keyword/text pairs (an iTXt <c>XML:com.adobe.xmp</c> is an XMP packet),
/// eXIf (TIFF text tags) and caBX (C2PA JUMBF). Compressed text is inflated up to a fixed limit.
/// </summary>
internal static class PngMetadata
{
    public const int MaxInflated = 8 << 20;

    public static void Read(ReadOnlyMemory<byte> file, MetadataBuilder into)
    {
        var offset = 8;
        while (offset + 12 <= file.Length)
        {
            var span = file.Span;
            var length = BinaryPrimitives.ReadUInt32BigEndian(span[offset..]);
            var type = Encoding.Latin1.GetString(span.Slice(offset + 4, 4));
            if (length > (uint)(file.Length - offset - 12))
            {
                into.Problems.Add($"PNG: chunk '{type}' at offset {offset} claims {length} bytes beyond the file");
                return;
            }

            var body = file.Slice(offset + 8, (int)length);
            var where = $"PNG {type} chunk at offset {offset}";
            try
            {
                switch (type)
                {
                    case "tEXt":
                        Text(body.Span, compressed: false, international: false, where, into);
                        break;
                    case "zTXt":
                        Text(body.Span, compressed: true, international: false, where, into);
                        break;
                    case "iTXt":
                        Text(body.Span, compressed: false, international: true, where, into);
                        break;
                    case "eXIf":
                        TiffFields.Read(body.Span, where, into);
                        break;
                    case "caBX":
                        into.AddC2pa(body, where);
                        break;
                    case "IEND":
                        return;
                }
            }
            catch (InvalidDataException ex)
            {
                into.Problems.Add($"{where}: {ex.Message}");
            }

            offset += 12 + (int)length;
        }
    }

    private static void Text(ReadOnlySpan<byte> body, bool compressed, bool international, string where, MetadataBuilder into)
    {
        var nul = body.IndexOf((byte)0);
        if (nul <= 0)
        {
            throw new InvalidDataException("keyword is not NUL-terminated");
        }

        var key = Encoding.Latin1.GetString(body[..nul]);
        var rest = body[(nul + 1)..];
        if (international)
        {
            // compression flag, method, language tag\0, translated keyword\0, text
            if (rest.Length < 2)
            {
                throw new InvalidDataException("iTXt header truncated");
            }

            compressed = rest[0] == 1;
            rest = rest[2..];
            for (var skip = 0; skip < 2; skip++)
            {
                var end = rest.IndexOf((byte)0);
                if (end < 0)
                {
                    throw new InvalidDataException("iTXt language or translated keyword not NUL-terminated");
                }

                rest = rest[(end + 1)..];
            }
        }
        else if (compressed)
        {
            if (rest.Length < 1)
            {
                throw new InvalidDataException("zTXt compression method missing");
            }

            rest = rest[1..];
        }

        var bytes = compressed ? Inflate(rest) : rest.ToArray();
        var text = international ? Encoding.UTF8.GetString(bytes) : Encoding.Latin1.GetString(bytes);
        if (key == "XML:com.adobe.xmp")
        {
            into.Xmp.Add(new MetadataText("xmp", text, where));
        }
        else
        {
            // Generators write UTF-8 into tEXt despite the Latin-1 rule; prefer UTF-8 when it decodes cleanly.
            if (!international && !compressed && IsUtf8(bytes))
            {
                text = Encoding.UTF8.GetString(bytes);
            }

            into.Texts.Add(new MetadataText(key, text, $"{where} '{key}'"));
        }
    }

    private static bool IsUtf8(byte[] bytes)
    {
        try
        {
            _ = new UTF8Encoding(false, true).GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static byte[] Inflate(ReadOnlySpan<byte> data)
    {
        using var input = new MemoryStream(data.ToArray());
        using var zlib = new ZLibStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = zlib.Read(buffer)) > 0)
        {
            if (output.Length + read > MaxInflated)
            {
                throw new InvalidDataException($"compressed text inflates beyond {MaxInflated} bytes");
            }

            output.Write(buffer, 0, read);
        }

        return output.ToArray();
    }
}

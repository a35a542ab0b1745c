using System.Text;
using Qinglang.Labels.Carriers;
using Qinglang.Labels.Carriers.Png;

namespace Qinglang.Review.Metadata;

/// <summary>
/// Reads the PNG chunks the Labels PNG walker finds: tEXt, zTXt and iTXt keyword/text pairs (an iTXt
/// <c>XML:com.adobe.xmp</c> is an XMP packet), eXIf (TIFF text tags) and caBX (C2PA JUMBF). Compressed text is
/// inflated up to <see cref="MaxInflated"/> bytes, tighter than the label reader's limit: traces are short.
/// </summary>
internal static class PngMetadata
{
    public const int MaxInflated = 8 << 20;

    public static void Read(ReadOnlyMemory<byte> file, Stream stream, MetadataBuilder into) =>
        into.Walk(PngCarrier.Chunks(stream), "PNG", chunk =>
        {
            var body = file.Slice((int)chunk.DataOffset, (int)chunk.Length);
            var where = $"PNG {chunk.Type} chunk at offset {chunk.Offset}";
            try
            {
                switch (chunk.Type)
                {
                    case "tEXt" or "zTXt" or "iTXt":
                        Text(chunk.Type, body.Span, where, into);
                        break;
                    case "eXIf":
                        TiffFields.Read(body.Span, where, into);
                        break;
                    case "caBX":
                        into.AddC2pa(body, where);
                        break;
                }
            }
            catch (ContainerFormatException ex)
            {
                into.Problems.Add($"{where}: {ex.Message}"); // one bad text chunk does not hide the chunks after it
            }
        });

    private static void Text(string type, ReadOnlySpan<byte> body, string where, MetadataBuilder into)
    {
        var nul = body.IndexOf((byte)0);
        if (nul <= 0)
        {
            throw new ContainerFormatException("keyword is not NUL-terminated");
        }

        var key = Encoding.Latin1.GetString(body[..nul]);
        var (bytes, utf8) = PngTextChunk.TextBytes(type, body, MaxInflated);
        var text = (utf8 ? Encoding.UTF8 : Encoding.Latin1).GetString(bytes);
        if (key == PngTextChunk.XmpKeyword)
        {
            into.Xmp.Add(new MetadataText("xmp", text, where));
            return;
        }

        // Generators write UTF-8 into tEXt despite the Latin-1 rule; prefer UTF-8 when it decodes cleanly.
        if (type == "tEXt" && IsUtf8(bytes))
        {
            text = Encoding.UTF8.GetString(bytes);
        }

        into.Texts.Add(new MetadataText(key, text, $"{where} '{key}'"));
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
}

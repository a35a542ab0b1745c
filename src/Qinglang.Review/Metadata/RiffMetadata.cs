using System.Buffers.Binary;
using System.Text;

namespace Qinglang.Review.Metadata;

/// <summary>
/// Walks the top-level chunks of a RIFF file (WebP, WAV, AVI): <c>XMP </c> packets, <c>EXIF</c> blocks and
/// <c>C2PA</c> chunks holding JUMBF. Chunk sizes are checked; odd sizes are padded to even as RIFF requires.
/// </summary>
internal static class RiffMetadata
{
    private static readonly byte[] ExifId = "Exif\0\0"u8.ToArray();

    public static void Read(ReadOnlyMemory<byte> file, MetadataBuilder into)
    {
        var offset = 12;
        while (offset + 8 <= file.Length)
        {
            var span = file.Span;
            var id = Encoding.Latin1.GetString(span.Slice(offset, 4));
            var size = BinaryPrimitives.ReadUInt32LittleEndian(span[(offset + 4)..]);
            if (size > (uint)(file.Length - offset - 8))
            {
                into.Problems.Add($"RIFF: chunk '{id}' at offset {offset} claims {size} bytes beyond the file");
                return;
            }

            var body = file.Slice(offset + 8, (int)size);
            var where = $"RIFF '{id}' chunk at offset {offset}";
            switch (id)
            {
                case "XMP ":
                    into.Xmp.Add(new MetadataText("xmp", Encoding.UTF8.GetString(body.Span), where));
                    break;
                case "EXIF":
                    TiffFields.Read(body.Span.StartsWith(ExifId) ? body.Span[ExifId.Length..] : body.Span, where, into);
                    break;
                case "C2PA":
                    into.AddC2pa(body, where);
                    break;
            }

            offset += 8 + (int)size + (int)(size & 1);
        }
    }
}

using System.Text;
using Qinglang.Labels.Carriers.Riff;

namespace Qinglang.Review.Metadata;

/// <summary>
/// Reads the top-level chunks of a RIFF file (WebP, WAV, AVI) that the Labels RIFF walker finds: <c>XMP </c>
/// packets, <c>EXIF</c> blocks and <c>C2PA</c> chunks holding JUMBF.
/// </summary>
internal static class RiffMetadata
{
    public static void Read(ReadOnlyMemory<byte> file, Stream stream, MetadataBuilder into) =>
        into.Walk(RiffChunks.TopLevel(stream), "RIFF", chunk =>
        {
            var body = file.Slice((int)chunk.DataOffset, (int)chunk.Size);
            var where = $"RIFF '{chunk.Id}' chunk at offset {chunk.Offset}";
            switch (chunk.Id)
            {
                case "XMP ":
                    into.Xmp.Add(new MetadataText("xmp", Encoding.UTF8.GetString(body.Span), where));
                    break;
                case "EXIF":
                    TiffFields.Read(body.Span.StartsWith(TiffFields.ExifIdentifier) ? body.Span[TiffFields.ExifIdentifier.Length..] : body.Span, where, into);
                    break;
                case "C2PA":
                    into.AddC2pa(body, where);
                    break;
            }
        });
}

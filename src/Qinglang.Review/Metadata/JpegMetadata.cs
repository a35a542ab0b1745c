using System.Buffers.Binary;
using System.Text;

namespace Qinglang.Review.Metadata;

/// <summary>
/// Walks JPEG marker segments up to the first scan: APP1 EXIF (TIFF text tags) and XMP, COM comments, and APP11
/// JPEG XT boxes (ISO/IEC 18477-3) carrying JUMBF. APP11 segments of one box instance are joined in sequence order:
/// the first holds the whole box header, the others repeat it and add only payload.
/// </summary>
internal static class JpegMetadata
{
    private static readonly byte[] ExifId = "Exif\0\0"u8.ToArray();
    private static readonly byte[] XmpId = "http://ns.adobe.com/xap/1.0/\0"u8.ToArray();

    public static void Read(ReadOnlyMemory<byte> file, MetadataBuilder into)
    {
        var data = file.Span;
        var jumbf = new SortedDictionary<ushort, SortedDictionary<uint, ReadOnlyMemory<byte>>>();
        var offset = 2;
        while (offset + 4 <= data.Length)
        {
            if (data[offset] != 0xFF)
            {
                into.Problems.Add($"JPEG: marker expected at offset {offset}");
                break;
            }

            var marker = data[offset + 1];
            if (marker == 0xFF)
            {
                offset++;
                continue;
            }

            if (marker is 0xD9 or 0xDA)
            {
                break;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                offset += 2;
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 2)..]);
            if (length < 2 || offset + 2 + length > data.Length)
            {
                into.Problems.Add($"JPEG: segment 0x{marker:X2} at offset {offset} claims {length} bytes beyond the file");
                break;
            }

            var body = file.Slice(offset + 4, length - 2);
            var where = $"JPEG 0x{marker:X2} segment at offset {offset}";
            switch (marker)
            {
                case 0xE1 when body.Span.StartsWith(ExifId):
                    TiffFields.Read(body.Span[ExifId.Length..], $"{where} (EXIF)", into);
                    break;
                case 0xE1 when body.Span.StartsWith(XmpId):
                    into.Xmp.Add(new MetadataText("xmp", Encoding.UTF8.GetString(body.Span[XmpId.Length..]), $"{where} (XMP)"));
                    break;
                case 0xFE:
                    into.Texts.Add(new MetadataText("Comment", Encoding.UTF8.GetString(body.Span), where));
                    break;
                case 0xEB when body.Length >= 16 && body.Span[0] == 'J' && body.Span[1] == 'P':
                    var instance = BinaryPrimitives.ReadUInt16BigEndian(body.Span[2..]);
                    var sequence = BinaryPrimitives.ReadUInt32BigEndian(body.Span[4..]);
                    if (!jumbf.TryGetValue(instance, out var parts))
                    {
                        jumbf[instance] = parts = [];
                    }

                    if (!parts.TryAdd(sequence, body[8..]))
                    {
                        into.Problems.Add($"{where}: APP11 box instance {instance} repeats packet {sequence}");
                    }

                    break;
            }

            offset += 2 + length;
        }

        foreach (var (instance, parts) in jumbf)
        {
            Join(instance, parts, into);
        }
    }

    private static void Join(ushort instance, SortedDictionary<uint, ReadOnlyMemory<byte>> parts, MetadataBuilder into)
    {
        var where = $"JPEG APP11 JUMBF instance {instance}";
        var joined = new List<byte>();
        var first = true;
        foreach (var (_, part) in parts)
        {
            var header = 8;
            if (part.Length >= 8 && BinaryPrimitives.ReadUInt32BigEndian(part.Span) == 1)
            {
                header = 16;
            }

            if (part.Length < header)
            {
                into.Problems.Add($"{where}: packet shorter than its box header");
                return;
            }

            joined.AddRange(first ? part.Span : part.Span[header..]);
            first = false;
        }

        into.AddC2pa(joined.ToArray(), where);
    }
}

using System.Buffers.Binary;
using System.Text;
using Qinglang.Labels.Carriers.Jpeg;

namespace Qinglang.Review.Metadata;

/// <summary>
/// Reads the JPEG marker segments the Labels JPEG walker finds before the first scan: APP1 EXIF (TIFF text tags)
/// and XMP, COM comments, and APP11 JPEG XT boxes (ISO/IEC 18477-3) carrying JUMBF. APP11 segments of one box instance are joined in sequence order:
/// the first holds the whole box header, the others repeat it and add only payload.
/// </summary>
internal static class JpegMetadata
{
    private static readonly byte[] XmpId = "http://ns.adobe.com/xap/1.0/\0"u8.ToArray();

    public static void Read(ReadOnlyMemory<byte> file, Stream stream, MetadataBuilder into)
    {
        var jumbf = new SortedDictionary<ushort, SortedDictionary<uint, ReadOnlyMemory<byte>>>();
        into.Walk(JpegMarkers.Walk(stream), "JPEG", segment =>
        {
            if (!segment.HasLength || segment.IsStartOfScan)
            {
                return; // a restart marker, or SOS: the walk ends there, before the image data
            }

            var body = file.Slice((int)segment.DataOffset, segment.DataLength);
            var where = $"JPEG 0x{segment.Marker:X2} segment at offset {segment.Start}";
            switch (segment.Marker)
            {
                case 0xE1 when body.Span.StartsWith(TiffFields.ExifIdentifier):
                    TiffFields.Read(body.Span[TiffFields.ExifIdentifier.Length..], $"{where} (EXIF)", into);
                    break;
                case 0xE1 when body.Span.StartsWith(XmpId):
                    into.Xmp.Add(new MetadataText("xmp", Encoding.UTF8.GetString(body.Span[XmpId.Length..]), $"{where} (XMP)"));
                    break;
                case 0xFE:
                    into.Texts.Add(new MetadataText("Comment", Encoding.UTF8.GetString(body.Span), where));
                    break;
                case 0xEB when body.Length >= 16 && body.Span[0] == 'J' && body.Span[1] == 'P':
                    AddPacket(jumbf, body, where, into);
                    break;
            }
        });

        foreach (var (instance, parts) in jumbf)
        {
            Join(instance, parts, into);
        }
    }

    /// <summary>Files an APP11 packet under its box instance and sequence number.</summary>
    private static void AddPacket(SortedDictionary<ushort, SortedDictionary<uint, ReadOnlyMemory<byte>>> jumbf, ReadOnlyMemory<byte> body, string where, MetadataBuilder into)
    {
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

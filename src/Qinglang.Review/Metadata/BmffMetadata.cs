using System.Text;
using Qinglang.Labels.Carriers.IsoBmff;

namespace Qinglang.Review.Metadata;

/// <summary>
/// Reads the <c>uuid</c> boxes among the top-level boxes the Labels ISO-BMFF walker finds (MP4, MOV, HEIF, AVIF):
/// the C2PA box (a full box holding the purpose string <c>manifest</c>, a 64-bit merkle offset, then the JUMBF
/// manifest store) and the XMP box. XMP stored elsewhere (HEIF items, udta) is found by the packet scan.
/// </summary>
internal static class BmffMetadata
{
    public static readonly Guid C2paUuid = new("d8fec3d6-1b0e-483c-9297-5828877ec481");
    public static readonly Guid XmpUuid = new("be7acfcb-97a9-42e8-9c71-999491e3afac");

    public static void Read(ReadOnlyMemory<byte> file, Stream stream, MetadataBuilder into) =>
        into.Walk(BoxWalk.Children(stream, 0, stream.Length), "ISO-BMFF", box =>
        {
            if (box.Type != "uuid" || box.PayloadLength < 16)
            {
                return;
            }

            var body = file.Slice((int)box.PayloadOffset, (int)box.PayloadLength);
            var uuid = new Guid(body.Span[..16], bigEndian: true);
            var where = $"ISO-BMFF uuid box at offset {box.Offset}";
            if (uuid == C2paUuid)
            {
                C2pa(body[16..], where, into);
            }
            else if (uuid == XmpUuid)
            {
                into.Xmp.Add(new MetadataText("xmp", Encoding.UTF8.GetString(body.Span[16..]), where));
            }
        });

    private static void C2pa(ReadOnlyMemory<byte> body, string where, MetadataBuilder into)
    {
        // version(1) flags(3) box_purpose(NUL-terminated) [merkle_offset(8) when the purpose is "manifest"] data
        if (body.Length < 5)
        {
            into.Problems.Add($"{where}: C2PA box truncated");
            return;
        }

        var rest = body[4..];
        var nul = rest.Span.IndexOf((byte)0);
        if (nul < 0)
        {
            into.Problems.Add($"{where}: C2PA box purpose is not NUL-terminated");
            return;
        }

        var purpose = Encoding.ASCII.GetString(rest.Span[..nul]);
        rest = rest[(nul + 1)..];
        if (purpose != "manifest")
        {
            return;
        }

        if (rest.Length < 8)
        {
            into.Problems.Add($"{where}: C2PA manifest box lacks its merkle offset");
            return;
        }

        into.AddC2pa(rest[8..], where);
    }
}

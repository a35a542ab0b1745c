using System.Buffers.Binary;
using System.Text;

namespace Qinglang.Review.Metadata;

/// <summary>
/// Walks the top-level boxes of an ISO-BMFF file (MP4, MOV, HEIF, AVIF) for <c>uuid</c> boxes: the C2PA box
/// (a full box holding the purpose string <c>manifest</c>, a 64-bit merkle offset, then the JUMBF manifest store)
/// and the XMP box. XMP stored elsewhere (HEIF items, udta) is found by the packet scan.
/// </summary>
internal static class BmffMetadata
{
    public static readonly Guid C2paUuid = new("d8fec3d6-1b0e-483c-9297-5828877ec481");
    public static readonly Guid XmpUuid = new("be7acfcb-97a9-42e8-9c71-999491e3afac");

    public static void Read(ReadOnlyMemory<byte> file, MetadataBuilder into)
    {
        long offset = 0;
        while (offset + 8 <= file.Length)
        {
            var span = file.Span[(int)offset..];
            ulong size = BinaryPrimitives.ReadUInt32BigEndian(span);
            var type = Encoding.Latin1.GetString(span.Slice(4, 4));
            var header = 8;
            if (size == 1)
            {
                if (span.Length < 16)
                {
                    into.Problems.Add($"ISO-BMFF: box '{type}' at offset {offset} truncated");
                    return;
                }

                size = BinaryPrimitives.ReadUInt64BigEndian(span[8..]);
                header = 16;
            }
            else if (size == 0)
            {
                size = (ulong)span.Length;
            }

            if (size < (ulong)header || size > (ulong)span.Length)
            {
                into.Problems.Add($"ISO-BMFF: box '{type}' at offset {offset} claims {size} bytes; {span.Length} are left");
                return;
            }

            if (type == "uuid" && size >= (ulong)header + 16)
            {
                var body = file.Slice((int)offset + header, (int)size - header);
                var uuid = new Guid(body.Span[..16], bigEndian: true);
                var where = $"ISO-BMFF uuid box at offset {offset}";
                if (uuid == C2paUuid)
                {
                    C2pa(body[16..], where, into);
                }
                else if (uuid == XmpUuid)
                {
                    into.Xmp.Add(new MetadataText("xmp", Encoding.UTF8.GetString(body.Span[16..]), where));
                }
            }

            offset += (long)size;
        }
    }

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

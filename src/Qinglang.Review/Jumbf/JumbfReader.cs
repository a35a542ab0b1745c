using System.Buffers.Binary;
using System.Text;

namespace Qinglang.Review.Jumbf;

/// <summary>
/// Walks JUMBF boxes: LBox (4 bytes, big-endian), TBox (4 characters), XLBox (8 bytes) when LBox is 1, LBox 0 meaning
/// "to the end". A superbox <c>jumb</c> must start with a <c>jumd</c> description box: a 16-byte content-type UUID,
/// a toggles byte and, when toggle bit 1 is set, a NUL-terminated UTF-8 label. Every length is checked.
/// </summary>
public static class JumbfReader
{
    public const int MaxDepth = 16;
    public const int MaxBoxes = 10_000;

    public static JumbfBox ReadSuperbox(ReadOnlyMemory<byte> data)
    {
        var boxes = 0;
        var all = ReadBoxes(data, 0, 0, ref boxes);
        if (all.Count == 0 || all[0].Type != "jumb")
        {
            throw new JumbfException("the data does not start with a JUMBF superbox ('jumb')");
        }

        return all[0];
    }

    private static List<JumbfBox> ReadBoxes(ReadOnlyMemory<byte> data, long baseOffset, int depth, ref int boxes)
    {
        if (depth > MaxDepth)
        {
            throw new JumbfException($"superboxes nested deeper than {MaxDepth} at offset {baseOffset}");
        }

        var result = new List<JumbfBox>();
        var offset = 0;
        while (offset < data.Length)
        {
            if (++boxes > MaxBoxes)
            {
                throw new JumbfException($"more than {MaxBoxes} boxes");
            }

            var span = data.Span[offset..];
            if (span.Length < 8)
            {
                throw new JumbfException($"truncated box header at offset {baseOffset + offset}");
            }

            ulong length = BinaryPrimitives.ReadUInt32BigEndian(span);
            var type = Encoding.Latin1.GetString(span.Slice(4, 4));
            var header = 8;
            if (length == 1)
            {
                if (span.Length < 16)
                {
                    throw new JumbfException($"truncated extended length of '{type}' at offset {baseOffset + offset}");
                }

                length = BinaryPrimitives.ReadUInt64BigEndian(span[8..]);
                header = 16;
            }
            else if (length == 0)
            {
                length = (ulong)span.Length;
            }

            if (length < (ulong)header || length > (ulong)span.Length)
            {
                throw new JumbfException($"box '{type}' at offset {baseOffset + offset} claims {length} bytes; {span.Length} are left");
            }

            var body = data.Slice(offset + header, (int)length - header);
            var bodyOffset = baseOffset + offset + header;
            result.Add(type == "jumb" ? ReadSuper(body, bodyOffset, baseOffset + offset, depth, ref boxes) : new JumbfBox(type, baseOffset + offset, null, null, [], body));
            offset += (int)length;
        }

        return result;
    }

    private static JumbfBox ReadSuper(ReadOnlyMemory<byte> body, long bodyOffset, long boxOffset, int depth, ref int boxes)
    {
        var children = ReadBoxes(body, bodyOffset, depth + 1, ref boxes);
        if (children.Count == 0 || children[0].Type != "jumd")
        {
            throw new JumbfException($"superbox at offset {boxOffset} does not start with a description box ('jumd')");
        }

        var (contentType, label) = ReadDescription(children[0].Payload.Span, children[0].Offset);
        return new JumbfBox("jumb", boxOffset, label, contentType, children.Skip(1).ToList(), ReadOnlyMemory<byte>.Empty);
    }

    private static (Guid ContentType, string? Label) ReadDescription(ReadOnlySpan<byte> payload, long offset)
    {
        if (payload.Length < 17)
        {
            throw new JumbfException($"description box at offset {offset} is {payload.Length} bytes; it needs at least 17");
        }

        var contentType = new Guid(payload[..16], bigEndian: true);
        var toggles = payload[16];
        if ((toggles & 0x02) == 0)
        {
            return (contentType, null);
        }

        var rest = payload[17..];
        var end = rest.IndexOf((byte)0);
        if (end < 0)
        {
            throw new JumbfException($"label of the description box at offset {offset} is not NUL-terminated");
        }

        try
        {
            return (contentType, new UTF8Encoding(false, true).GetString(rest[..end]));
        }
        catch (DecoderFallbackException)
        {
            throw new JumbfException($"label of the description box at offset {offset} is not UTF-8");
        }
    }
}

using System.Buffers.Binary;
using Qinglang.Labels.IO;

namespace Qinglang.Labels.Carriers.Heif;

/// <summary>
/// One ISO-BMFF box header (ISO/IEC 14496-12 §4.2): where the box starts, how long its header is, and its total size.
/// A 32-bit size of 1 means a 64-bit largesize follows; a size of 0 means the box runs to the end of its container.
/// </summary>
internal readonly record struct HeifBox(string Type, long Offset, int HeaderLength, long Size, bool SizeToEnd = false)
{
    public long DataOffset => Offset + HeaderLength;

    public long DataLength => Size - HeaderLength;

    public long End => Offset + Size;

    /// <summary>Reads the header at <paramref name="offset"/>; the box must end by <paramref name="limit"/>.</summary>
    public static HeifBox ReadHeader(Stream input, long offset, long limit)
    {
        if (limit - offset < 8)
        {
            throw new ContainerFormatException($"{limit - offset} stray bytes where a box header should be", offset);
        }

        Span<byte> header = stackalloc byte[16];
        input.Position = offset;
        input.ReadFully(header[..8], "box header");
        var size = (long)BinaryPrimitives.ReadUInt32BigEndian(header);
        var type = TypeName(header.Slice(4, 4));
        var headerLength = 8;
        var toEnd = false;
        if (size == 1)
        {
            if (limit - offset < 16)
            {
                throw new ContainerFormatException($"'{type}' box has a largesize flag but no room for it", offset);
            }

            input.ReadFully(header.Slice(8, 8), "box largesize");
            var large = BinaryPrimitives.ReadUInt64BigEndian(header[8..]);
            size = large > long.MaxValue ? -1 : (long)large;
            headerLength = 16;
        }
        else if (size == 0)
        {
            size = limit - offset;
            toEnd = true;
        }

        return Checked(type, offset, headerLength, size, limit, toEnd);
    }

    /// <summary>Reads the header at <paramref name="offset"/> of an in-memory box body that ends at <paramref name="limit"/>.</summary>
    public static HeifBox ReadHeader(ReadOnlySpan<byte> data, int offset, int limit)
    {
        if (limit - offset < 8)
        {
            throw new ContainerFormatException($"{limit - offset} stray bytes where a box header should be", offset);
        }

        var size = (long)BinaryPrimitives.ReadUInt32BigEndian(data[offset..]);
        var type = TypeName(data.Slice(offset + 4, 4));
        var headerLength = 8;
        var toEnd = false;
        if (size == 1)
        {
            if (limit - offset < 16)
            {
                throw new ContainerFormatException($"'{type}' box has a largesize flag but no room for it", offset);
            }

            var large = BinaryPrimitives.ReadUInt64BigEndian(data[(offset + 8)..]);
            size = large > long.MaxValue ? -1 : (long)large;
            headerLength = 16;
        }
        else if (size == 0)
        {
            size = limit - offset;
            toEnd = true;
        }

        return Checked(type, offset, headerLength, size, limit, toEnd);
    }

    /// <summary>Every box of an in-memory box body, in order; each size is checked against the body.</summary>
    public static List<HeifBox> Children(ReadOnlySpan<byte> data, int start, int end)
    {
        var boxes = new List<HeifBox>();
        var position = start;
        while (position < end)
        {
            var box = ReadHeader(data, position, end);
            boxes.Add(box);
            position = (int)box.End;
        }

        return boxes;
    }

    /// <summary>Every top-level box of a file, in order; each size is checked against the file length.</summary>
    public static List<HeifBox> TopLevel(Stream input)
    {
        var boxes = new List<HeifBox>();
        var position = 0L;
        var length = input.Length;
        while (position < length)
        {
            var box = ReadHeader(input, position, length);
            boxes.Add(box);
            position = box.End;
            if (boxes.Count > 100_000)
            {
                throw new ContainerFormatException("more than 100000 top-level boxes", position);
            }
        }

        return boxes;
    }

    private static HeifBox Checked(string type, long offset, int headerLength, long size, long limit, bool toEnd)
    {
        if (size < headerLength)
        {
            throw new ContainerFormatException($"'{type}' box claims {size} bytes, less than its own header", offset);
        }

        if (size > limit - offset)
        {
            throw new ContainerFormatException($"'{type}' box claims {size} bytes but only {limit - offset} remain", offset);
        }

        return new HeifBox(type, offset, headerLength, size, toEnd);
    }

    private static string TypeName(ReadOnlySpan<byte> fourCc)
    {
        Span<char> chars = stackalloc char[4];
        for (var i = 0; i < 4; i++)
        {
            chars[i] = fourCc[i] is >= 0x20 and < 0x7F ? (char)fourCc[i] : '?';
        }

        return new string(chars);
    }
}

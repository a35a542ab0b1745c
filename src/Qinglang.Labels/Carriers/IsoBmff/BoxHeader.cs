using System.Buffers.Binary;
using System.Text;
using Qinglang.Labels.IO;

namespace Qinglang.Labels.Carriers.IsoBmff;

/// <summary>
/// An ISO BMFF / QuickTime box header (ISO/IEC 14496-12 §4.2): 32-bit size and type, a 64-bit largesize when the
/// size is 1, and "to the end of the enclosing space" when the size is 0. Every size is checked against its parent.
/// The one header reader and writer of both BMFF carriers (MP4/MOV/M4A and HEIF/AVIF), so they agree on every size.
/// </summary>
public readonly record struct BoxHeader(uint Code, long Offset, int HeaderLength, long Size, bool SizeToEnd)
{
    public string Type => TypeName(Code);

    public long End => Offset + Size;

    public long PayloadOffset => Offset + HeaderLength;

    public long PayloadLength => Size - HeaderLength;

    public bool LargeSize => HeaderLength == 16;

    public static uint Code4(string type) => BinaryPrimitives.ReadUInt32BigEndian(Encoding.Latin1.GetBytes(type));

    public static string TypeName(uint code)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, code);
        return Encoding.Latin1.GetString(bytes);
    }

    /// <summary>Reads the header at <paramref name="offset"/> in a stream; the box must end by <paramref name="parentEnd"/>.</summary>
    public static BoxHeader Read(Stream input, long offset, long parentEnd)
    {
        if (parentEnd - offset < 8)
        {
            throw new ContainerFormatException($"{parentEnd - offset} stray bytes where a box header should be", offset);
        }

        Span<byte> bytes = stackalloc byte[16];
        input.Position = offset;
        input.ReadFully(bytes[..8], "box header");
        var headerLength = 8;
        if (BinaryPrimitives.ReadUInt32BigEndian(bytes) == 1)
        {
            if (parentEnd - offset < 16)
            {
                throw new ContainerFormatException("box with a 64-bit size has no room for it", offset);
            }

            input.ReadFully(bytes[8..16], "box largesize");
            headerLength = 16;
        }

        return FromBytes(bytes[..headerLength], offset, parentEnd);
    }

    /// <summary>Parses the header at the start of <paramref name="bytes"/>, which lie at <paramref name="offset"/>.</summary>
    public static BoxHeader Parse(ReadOnlySpan<byte> bytes, long offset)
    {
        if (bytes.Length < 8)
        {
            throw new ContainerFormatException($"{bytes.Length} stray bytes where a box header should be", offset);
        }

        var headerLength = BinaryPrimitives.ReadUInt32BigEndian(bytes) == 1 ? 16 : 8;
        if (bytes.Length < headerLength)
        {
            throw new ContainerFormatException("box with a 64-bit size has no room for it", offset);
        }

        return FromBytes(bytes[..headerLength], offset, offset + bytes.Length);
    }

    private static BoxHeader FromBytes(ReadOnlySpan<byte> bytes, long offset, long parentEnd)
    {
        var size32 = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        var code = BinaryPrimitives.ReadUInt32BigEndian(bytes[4..]);
        long size;
        var toEnd = false;
        if (size32 == 1)
        {
            var large = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
            if (large > long.MaxValue)
            {
                throw new ContainerFormatException($"'{TypeName(code)}' box largesize {large} is impossible", offset);
            }

            size = (long)large;
        }
        else if (size32 == 0)
        {
            size = parentEnd - offset;
            toEnd = true;
        }
        else
        {
            size = size32;
        }

        if (size < bytes.Length)
        {
            throw new ContainerFormatException($"'{TypeName(code)}' box size {size} is smaller than its header", offset);
        }

        if (size > parentEnd - offset)
        {
            throw new ContainerFormatException($"'{TypeName(code)}' box claims {size} bytes but its parent has only {parentEnd - offset} left", offset);
        }

        return new BoxHeader(code, offset, bytes.Length, size, toEnd);
    }

    /// <summary>
    /// Every box of a file, header by header (payloads are skipped, so a multi-GB mdat costs one seek). Fewer than 8
    /// bytes after the last box cannot be a box: with <paramref name="allowZeroTail"/> they may be zeros (MP4 keeps
    /// them as trailing bytes), otherwise they are refused like any stray bytes.
    /// </summary>
    public static List<BoxHeader> ReadTopLevel(Stream input, int maxBoxes, bool allowZeroTail)
    {
        var boxes = new List<BoxHeader>();
        var length = input.Length;
        var position = 0L;
        while (length - position >= 8 || (!allowZeroTail && position < length))
        {
            var box = Read(input, position, length);
            boxes.Add(box);
            position = box.End;
            if (boxes.Count > maxBoxes)
            {
                throw new ContainerFormatException($"more than {maxBoxes} top-level boxes", position);
            }
        }

        if (position < length)
        {
            input.Position = position;
            Span<byte> rest = stackalloc byte[8];
            input.ReadFully(rest[..(int)(length - position)], "trailing bytes");
            if (rest[..(int)(length - position)].ContainsAnyExcept((byte)0))
            {
                throw new ContainerFormatException($"{length - position} stray bytes after the last box", position);
            }
        }

        return boxes;
    }

    /// <summary>
    /// Every box of <paramref name="bytes"/> (which lie at <paramref name="offset"/>), in order; the bytes must be
    /// whole boxes and nothing else, so a stray byte is an error rather than silently ignored.
    /// </summary>
    public static List<BoxHeader> ParseAll(ReadOnlySpan<byte> bytes, long offset)
    {
        var boxes = new List<BoxHeader>();
        var at = 0;
        while (at < bytes.Length)
        {
            var box = Parse(bytes[at..], offset + at);
            boxes.Add(box);
            at += (int)box.Size;
        }

        return boxes;
    }

    /// <summary>The boxes between <paramref name="start"/> and <paramref name="end"/> of a buffer, offsets counted in the buffer.</summary>
    public static List<BoxHeader> ParseAll(byte[] buffer, int start, int end) => ParseAll(buffer.AsSpan(start..end), start);

    /// <summary>
    /// How long the header of a box with <paramref name="payloadLength"/> bytes after it is: 8, or 16 when asked or
    /// when the total would not fit the 32-bit size.
    /// </summary>
    public static int LengthFor(long payloadLength, bool largeSize = false) => largeSize || payloadLength + 8 > uint.MaxValue ? 16 : 8;

    /// <summary>A new header for a box of <paramref name="payloadLength"/> payload bytes (a largesize only when needed).</summary>
    public static byte[] ForPayload(uint code, long payloadLength)
    {
        var header = new byte[LengthFor(payloadLength)];
        Write(header, code, header.Length + payloadLength, header.Length == 16);
        return header;
    }

    /// <summary>Writes a box header for <paramref name="size"/> bytes, using a largesize when asked or needed.</summary>
    public static int Write(Span<byte> destination, uint code, long size, bool largeSize = false)
    {
        if (largeSize || size > uint.MaxValue)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination, 1);
            BinaryPrimitives.WriteUInt32BigEndian(destination[4..], code);
            BinaryPrimitives.WriteUInt64BigEndian(destination[8..], (ulong)size);
            return 16;
        }

        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)size);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], code);
        return 8;
    }
}

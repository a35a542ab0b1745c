namespace Qinglang.Labels.Carriers.Matroska;

/// <summary>
/// EBML variable-length integers (RFC 8794 §4): the count of leading zero bits of the first byte gives the width.
/// Element IDs keep their marker bit and are at most 4 bytes; data sizes drop it, are at most 8 bytes, and the
/// all-ones value means "unknown size".
/// </summary>
internal static class EbmlVint
{
    public const int MaxIdWidth = 4;
    public const int MaxSizeWidth = 8;

    /// <summary>Width in bytes announced by a vint's first byte, or 0 when the byte is 0 (no marker within 8 bits).</summary>
    public static int Width(byte first) => first == 0 ? 0 : System.Numerics.BitOperations.LeadingZeroCount((uint)first) - 23;

    /// <summary>Reads an element ID (marker kept). Returns false when <paramref name="data"/> is too short.</summary>
    public static bool TryReadId(ReadOnlySpan<byte> data, out uint id, out int width)
    {
        id = 0;
        width = data.IsEmpty ? 0 : Width(data[0]);
        if (data.IsEmpty)
        {
            return false;
        }

        if (width is 0 or > MaxIdWidth)
        {
            throw new ContainerFormatException($"EBML element ID starting 0x{data[0]:X2} is not a valid 1-4 byte ID");
        }

        if (data.Length < width)
        {
            return false;
        }

        for (var i = 0; i < width; i++)
        {
            id = (id << 8) | data[i];
        }

        return true;
    }

    /// <summary>Reads a data size (marker dropped). Returns false when <paramref name="data"/> is too short.</summary>
    public static bool TryReadSize(ReadOnlySpan<byte> data, out ulong size, out int width, out bool unknown)
    {
        size = 0;
        unknown = false;
        width = data.IsEmpty ? 0 : Width(data[0]);
        if (data.IsEmpty)
        {
            return false;
        }

        if (width == 0)
        {
            throw new ContainerFormatException("EBML data size starts with a zero byte (wider than 8 bytes)");
        }

        if (data.Length < width)
        {
            return false;
        }

        size = data[0] & (0xFFu >> width);
        for (var i = 1; i < width; i++)
        {
            size = (size << 8) | data[i];
        }

        unknown = size == AllOnes(width);
        return true;
    }

    /// <summary>The reserved "unknown size" value of a size field <paramref name="width"/> bytes wide.</summary>
    public static ulong AllOnes(int width) => (1UL << (7 * width)) - 1;

    /// <summary>Bytes an element ID occupies (IDs are stored with their marker, so the value tells the width).</summary>
    public static int IdWidth(uint id) => id switch
    {
        < 0x100 => 1,
        < 0x10000 => 2,
        < 0x1000000 => 3,
        _ => 4,
    };

    /// <summary>Smallest size-field width that can hold <paramref name="size"/> (all-ones is reserved).</summary>
    public static int MinSizeWidth(ulong size)
    {
        for (var width = 1; width <= MaxSizeWidth; width++)
        {
            if (size < AllOnes(width))
            {
                return width;
            }
        }

        throw new LabelingException(Model.ProblemCodes.ContainerCorrupt, $"EBML size {size} is too large to encode");
    }

    public static void WriteId(Span<byte> destination, uint id)
    {
        var width = IdWidth(id);
        for (var i = 0; i < width; i++)
        {
            destination[i] = (byte)(id >> (8 * (width - 1 - i)));
        }
    }

    /// <summary>Writes <paramref name="size"/> as a size field exactly <paramref name="width"/> bytes wide.</summary>
    public static void WriteSize(Span<byte> destination, ulong size, int width)
    {
        if (width is < 1 or > MaxSizeWidth || size >= AllOnes(width))
        {
            throw new ArgumentOutOfRangeException(nameof(size), $"{size} does not fit a {width}-byte EBML size");
        }

        var value = size | (1UL << (7 * width));
        for (var i = 0; i < width; i++)
        {
            destination[i] = (byte)(value >> (8 * (width - 1 - i)));
        }
    }

    /// <summary>An element header (ID and size field of the given width, or the minimal width when 0).</summary>
    public static byte[] Header(uint id, ulong size, int sizeWidth = 0)
    {
        var width = Math.Max(sizeWidth, MinSizeWidth(size));
        var idWidth = IdWidth(id);
        var header = new byte[idWidth + width];
        WriteId(header, id);
        WriteSize(header.AsSpan(idWidth), size, width);
        return header;
    }
}

using System.Buffers.Binary;
using System.Text;
using Qinglang.Labels.Carriers.Tiff;

namespace Qinglang.Labels.Carriers.Jpeg;

/// <summary>
/// Finds the EXIF UserComment (tag 0x9286 in the Exif IFD) inside the TIFF structure of a JPEG <c>Exif</c> APP1
/// segment, decodes it (8-byte character-code prefix, EXIF 2.32 §4.6.5) and blanks it in place. Every offset is
/// checked against the block, in either byte order.
/// </summary>
internal static class ExifUserComment
{
    public const ushort UserCommentTag = 0x9286;
    private const ushort ExifIfdPointerTag = 0x8769;
    private const int PrefixLength = 8;

    /// <summary>The APP1 identifier of an EXIF block.</summary>
    public static ReadOnlySpan<byte> Identifier => "Exif\0\0"u8;

    /// <summary>
    /// Where the UserComment value lies within <paramref name="tiff"/> (the bytes after the identifier), or null when
    /// the block has none. Throws <see cref="ContainerFormatException"/> when the TIFF structure points outside itself.
    /// </summary>
    public static (int Offset, int Length, bool BigEndian)? Locate(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length < 8)
        {
            throw new ContainerFormatException("EXIF block is shorter than a TIFF header");
        }

        bool bigEndian;
        if (tiff[0] == 'M' && tiff[1] == 'M')
        {
            bigEndian = true;
        }
        else if (tiff[0] == 'I' && tiff[1] == 'I')
        {
            bigEndian = false;
        }
        else
        {
            throw new ContainerFormatException("EXIF block has no II/MM byte order mark");
        }

        if (U16(tiff, 2, bigEndian) != 42)
        {
            throw new ContainerFormatException("EXIF block's TIFF header lacks the number 42");
        }

        var ifd0 = U32(tiff, 4, bigEndian);
        var exifPointer = FindEntry(tiff, ifd0, ExifIfdPointerTag, bigEndian);
        if (exifPointer is null)
        {
            return null;
        }

        var exifIfd = U32(tiff, exifPointer.Value + 8, bigEndian);
        var entry = FindEntry(tiff, exifIfd, UserCommentTag, bigEndian);
        if (entry is not { } at)
        {
            return null;
        }

        var size = TiffFieldType.Size(U16(tiff, at + 2, bigEndian));
        var count = U32(tiff, at + 4, bigEndian);
        if (size == 0)
        {
            throw new ContainerFormatException("EXIF UserComment has an unknown field type");
        }

        var length = (long)size * count;
        long offset = length <= 4 ? at + 8 : U32(tiff, at + 8, bigEndian);
        if (offset + length > tiff.Length)
        {
            throw new ContainerFormatException($"EXIF UserComment claims {length} bytes at {offset}, outside its {tiff.Length}-byte block");
        }

        return ((int)offset, (int)length, bigEndian);
    }

    /// <summary>The comment text: the character code in the first 8 bytes says how the rest is encoded.</summary>
    public static string Decode(ReadOnlySpan<byte> value, bool bigEndian)
    {
        if (value.Length < PrefixLength)
        {
            return Encoding.UTF8.GetString(value).TrimEnd('\0', ' ');
        }

        var prefix = value[..PrefixLength];
        var text = value[PrefixLength..];
        string decoded;
        if (prefix.SequenceEqual("UNICODE\0"u8))
        {
            decoded = DecodeUtf16(text, bigEndian);
        }
        else if (prefix.SequenceEqual("ASCII\0\0\0"u8) || prefix.SequenceEqual("\0\0\0\0\0\0\0\0"u8) || prefix.StartsWith("JIS"u8))
        {
            // Many writers put UTF-8 behind the ASCII code; UTF-8 decodes ASCII unchanged.
            decoded = Encoding.UTF8.GetString(text);
        }
        else
        {
            decoded = Encoding.UTF8.GetString(value); // no prefix at all: some writers omit it
        }

        return decoded.TrimEnd('\0', ' ');
    }

    /// <summary>True when a comment holds label JSON rather than a person's remark.</summary>
    public static bool HoldsLabel(string text) =>
        text.Contains('{') && text.Contains("AIGC", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Blanks a comment where it lies: the character code stays, the text becomes NUL bytes, so the value keeps its
    /// byte count and no offset in the EXIF block moves.
    /// </summary>
    public static void Blank(Span<byte> value)
    {
        var keep = value.Length >= PrefixLength && IsKnownPrefix(value[..PrefixLength]) ? PrefixLength : 0;
        value[keep..].Clear();
    }

    private static bool IsKnownPrefix(ReadOnlySpan<byte> prefix) =>
        prefix.SequenceEqual("UNICODE\0"u8) || prefix.SequenceEqual("ASCII\0\0\0"u8) || prefix.StartsWith("JIS"u8);

    private static string DecodeUtf16(ReadOnlySpan<byte> text, bool bigEndian)
    {
        if (text.Length >= 2 && text[0] == 0xFE && text[1] == 0xFF)
        {
            return Encoding.BigEndianUnicode.GetString(text[2..]);
        }

        if (text.Length >= 2 && text[0] == 0xFF && text[1] == 0xFE)
        {
            return Encoding.Unicode.GetString(text[2..]);
        }

        // Writers disagree on the byte order; ASCII-range text shows it (a zero high byte comes first in big-endian).
        if (text.Length >= 2 && (text[0] == 0) != (text[1] == 0))
        {
            bigEndian = text[0] == 0;
        }

        return (bigEndian ? Encoding.BigEndianUnicode : Encoding.Unicode).GetString(text);
    }

    /// <summary>Offset of the 12-byte entry for <paramref name="tag"/> in the IFD at <paramref name="ifd"/>, or null.</summary>
    private static int? FindEntry(ReadOnlySpan<byte> tiff, long ifd, ushort tag, bool bigEndian)
    {
        if (ifd < 8 || ifd + 2 > tiff.Length)
        {
            throw new ContainerFormatException($"EXIF IFD offset {ifd} lies outside its {tiff.Length}-byte block");
        }

        var count = U16(tiff, (int)ifd, bigEndian);
        if (ifd + 2 + (12L * count) > tiff.Length)
        {
            throw new ContainerFormatException($"EXIF IFD at {ifd} claims {count} entries, more than its block holds");
        }

        for (var i = 0; i < count; i++)
        {
            var entry = (int)ifd + 2 + (12 * i);
            if (U16(tiff, entry, bigEndian) == tag)
            {
                return entry;
            }
        }

        return null;
    }

    private static ushort U16(ReadOnlySpan<byte> data, int at, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(data[at..]) : BinaryPrimitives.ReadUInt16LittleEndian(data[at..]);

    private static uint U32(ReadOnlySpan<byte> data, int at, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(data[at..]) : BinaryPrimitives.ReadUInt32LittleEndian(data[at..]);
}

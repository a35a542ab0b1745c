using System.Text;

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
        var (bigEndian, ifd0) = TiffBlock.ReadHeader(tiff, "EXIF block");
        if (TiffBlock.FindEntry(tiff, ifd0, ExifIfdPointerTag, bigEndian) is not { } pointer)
        {
            return null;
        }

        var exifIfd = TiffBlock.U32(tiff, pointer + 8, bigEndian);
        if (TiffBlock.FindEntry(tiff, exifIfd, UserCommentTag, bigEndian) is not { } entry)
        {
            return null;
        }

        var (offset, length) = TiffBlock.ValueLocation(tiff, entry, bigEndian);
        return (offset, length, bigEndian);
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

        // Writers disagree on the byte order; ASCII-range characters show it (their zero high byte comes first in
        // big-endian). Counted over the whole text, since one CJK character can have a zero low byte (U+4E00 一).
        int zeroFirst = 0, zeroSecond = 0;
        for (var i = 0; i + 1 < text.Length; i += 2)
        {
            zeroFirst += text[i] == 0 && text[i + 1] != 0 ? 1 : 0;
            zeroSecond += text[i + 1] == 0 && text[i] != 0 ? 1 : 0;
        }

        if (zeroFirst != zeroSecond)
        {
            bigEndian = zeroFirst > zeroSecond;
        }

        return (bigEndian ? Encoding.BigEndianUnicode : Encoding.Unicode).GetString(text);
    }
}

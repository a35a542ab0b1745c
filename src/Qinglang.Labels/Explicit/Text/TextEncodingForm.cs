using System.Text;

namespace Qinglang.Labels.Explicit.Text;

/// <summary>
/// How a text file is encoded: UTF-8 with or without a byte order mark, or UTF-16 (LE/BE) with one. Decoding is
/// strict, so a decoded text encodes back to exactly the bytes it came from.
/// </summary>
internal sealed record TextEncodingForm(string Name, Encoding Encoding, int PreambleLength)
{
    public static readonly TextEncodingForm Utf8 = new("UTF-8", new UTF8Encoding(false, throwOnInvalidBytes: true), 0);
    public static readonly TextEncodingForm Utf8Bom = new("UTF-8 with BOM", new UTF8Encoding(false, throwOnInvalidBytes: true), 3);
    public static readonly TextEncodingForm Utf16LittleEndian = new("UTF-16 LE", new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), 2);
    public static readonly TextEncodingForm Utf16BigEndian = new("UTF-16 BE", new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), 2);

    /// <summary>The form the byte order mark names (UTF-8 without one); UTF-32 is refused.</summary>
    public static TextEncodingForm Of(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]) || bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            throw new TextFormatException(NoticeProblemCodes.Encoding, "UTF-32 text is not supported; convert it to UTF-8");
        }

        return bytes switch
        {
            [0xEF, 0xBB, 0xBF, ..] => Utf8Bom,
            [0xFF, 0xFE, ..] => Utf16LittleEndian,
            [0xFE, 0xFF, ..] => Utf16BigEndian,
            _ => Utf8,
        };
    }
}

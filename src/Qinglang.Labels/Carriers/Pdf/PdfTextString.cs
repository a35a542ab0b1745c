using System.Text;

namespace Qinglang.Labels.Carriers.Pdf;

/// <summary>
/// PDF text strings (ISO 32000-1 §7.9.2.2): UTF-16BE with a byte order mark, UTF-8 with one (PDF 2.0), or
/// PDFDocEncoding, which is Latin-1 except for the code points listed in Annex D.
/// </summary>
internal static class PdfTextString
{
    private static readonly Dictionary<byte, char> PdfDocDifferences = new()
    {
        [0x18] = '\u02D8', [0x19] = '\u02C7', [0x1A] = '\u02C6', [0x1B] = '\u02D9',
        [0x1C] = '\u02DD', [0x1D] = '\u02DB', [0x1E] = '\u02DA', [0x1F] = '\u02DC',
        [0x80] = '\u2022', [0x81] = '\u2020', [0x82] = '\u2021', [0x83] = '\u2026',
        [0x84] = '\u2014', [0x85] = '\u2013', [0x86] = '\u0192', [0x87] = '\u2044',
        [0x88] = '\u2039', [0x89] = '\u203A', [0x8A] = '\u2212', [0x8B] = '\u2030',
        [0x8C] = '\u201E', [0x8D] = '\u201C', [0x8E] = '\u201D', [0x8F] = '\u2018',
        [0x90] = '\u2019', [0x91] = '\u201A', [0x92] = '\u2122', [0x93] = '\uFB01',
        [0x94] = '\uFB02', [0x95] = '\u0141', [0x96] = '\u0152', [0x97] = '\u0160',
        [0x98] = '\u0178', [0x99] = '\u017D', [0x9A] = '\u0131', [0x9B] = '\u0142',
        [0x9C] = '\u0153', [0x9D] = '\u0161', [0x9E] = '\u017E', [0xA0] = '\u20AC',
    };

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            return Encoding.BigEndianUnicode.GetString(bytes[2..(2 + ((bytes.Length - 2) & ~1))]);
        }

        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        {
            // Not allowed by the standard, but written by some producers; readers such as exiftool accept it.
            return Encoding.Unicode.GetString(bytes[2..(2 + ((bytes.Length - 2) & ~1))]);
        }

        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            return Encoding.UTF8.GetString(bytes[3..]);
        }

        var builder = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            builder.Append(PdfDocDifferences.TryGetValue(b, out var special) ? special : (char)b);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Encodes text for a string object: printable ASCII as a literal string (readable in the file, and what every
    /// reader handles), anything else as UTF-16BE with a byte order mark.
    /// </summary>
    public static PdfString Encode(string text)
    {
        if (text.All(c => c is >= ' ' and <= '~'))
        {
            return new PdfString(Encoding.ASCII.GetBytes(text), IsHex: false);
        }

        return new PdfString([0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(text)], IsHex: true);
    }
}

using System.Buffers.Binary;
using System.Text;

namespace Qinglang.Labels.Carriers.Mp3;

/// <summary>
/// The user-defined text frame TXXX (TXX in ID3v2.2): encoding byte, description, value (ID3v2.4 frames §4.2.6).
/// Encodings: 0 ISO-8859-1, 1 UTF-16 with byte-order mark, 2 UTF-16BE (v2.4), 3 UTF-8 (v2.4).
/// </summary>
internal static class Id3UserText
{
    public static bool IsUserTextId(string id) => id is "TXXX" or "TXX";

    /// <summary>Decodes a TXXX frame's content into description and (first) value; null when the encoding is unknown.</summary>
    public static (string Description, string Value)? Decode(ReadOnlySpan<byte> content)
    {
        if (content.Length < 1 || content[0] > 3)
        {
            return null;
        }

        var encoding = content[0];
        var rest = content[1..];
        var description = NextString(ref rest, encoding);
        var value = NextString(ref rest, encoding);
        return (description, value);
    }

    /// <summary>Frame content (no header) holding <paramref name="description"/> and <paramref name="value"/>.</summary>
    public static byte[] Encode(byte major, string description, string value)
    {
        if (major == 4)
        {
            return [3, .. Encoding.UTF8.GetBytes(description), 0, .. Encoding.UTF8.GetBytes(value)];
        }

        // ID3v2.3 knows only ISO-8859-1 and UTF-16: the former for text it can hold (labels are ASCII), else UTF-16.
        if ((description + value).All(c => c <= 0xFF))
        {
            return [0, .. Encoding.Latin1.GetBytes(description), 0, .. Encoding.Latin1.GetBytes(value)];
        }

        byte[] bom = [0xFF, 0xFE];
        return [1, .. bom, .. Encoding.Unicode.GetBytes(description), 0, 0, .. bom, .. Encoding.Unicode.GetBytes(value)];
    }

    /// <summary>A whole frame: header (id, size, flags) and content. The size is synchsafe in v2.4 unless told otherwise.</summary>
    public static byte[] Frame(byte major, ReadOnlySpan<byte> content, ushort flags = 0, bool plainSize = false)
    {
        var frame = new byte[10 + content.Length];
        Encoding.ASCII.GetBytes("TXXX", frame);
        if (major == 4 && !plainSize)
        {
            Synchsafe.Write(frame.AsSpan(4, 4), content.Length);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)content.Length);
        }

        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(8), flags);
        content.CopyTo(frame.AsSpan(10));
        return frame;
    }

    /// <summary>Reads one terminated string (or the rest) and moves past its terminator.</summary>
    private static string NextString(ref ReadOnlySpan<byte> rest, byte encoding)
    {
        var wide = encoding is 1 or 2;
        var end = -1;
        if (wide)
        {
            for (var i = 0; i + 1 < rest.Length; i += 2)
            {
                if (rest[i] == 0 && rest[i + 1] == 0)
                {
                    end = i;
                    break;
                }
            }
        }
        else
        {
            end = rest.IndexOf((byte)0);
        }

        var text = end < 0 ? rest : rest[..end];
        rest = end < 0 ? [] : rest[(end + (wide ? 2 : 1))..];
        return encoding switch
        {
            0 => Encoding.Latin1.GetString(text),
            3 => Encoding.UTF8.GetString(text),
            2 => Encoding.BigEndianUnicode.GetString(text[..(text.Length & ~1)]),
            _ => Utf16WithBom(text),
        };
    }

    private static string Utf16WithBom(ReadOnlySpan<byte> text)
    {
        var bigEndian = text.Length >= 2 && text[0] == 0xFE && text[1] == 0xFF;
        var littleEndian = text.Length >= 2 && text[0] == 0xFF && text[1] == 0xFE;
        if (bigEndian || littleEndian)
        {
            text = text[2..];
        }

        text = text[..(text.Length & ~1)];
        return bigEndian ? Encoding.BigEndianUnicode.GetString(text) : Encoding.Unicode.GetString(text);
    }
}

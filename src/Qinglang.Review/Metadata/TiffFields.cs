using System.Buffers.Binary;
using System.Text;

namespace Qinglang.Review.Metadata;

/// <summary>
/// Reads the text tags of a TIFF/EXIF IFD0 that name a maker: ImageDescription, Make, Model, Software, Artist, and
/// the XMP packet (tag 700). Byte order, entry counts and value offsets are all checked against the block.
/// </summary>
internal static class TiffFields
{
    private static readonly Dictionary<ushort, string> Names = new()
    {
        [0x010E] = "ImageDescription", [0x010F] = "Make", [0x0110] = "Model", [0x0131] = "Software", [0x013B] = "Artist",
    };

    public static void Read(ReadOnlySpan<byte> tiff, string where, MetadataBuilder into)
    {
        if (tiff.Length < 8)
        {
            into.Problems.Add($"{where}: TIFF header truncated");
            return;
        }

        bool little;
        if (tiff[0] == 'I' && tiff[1] == 'I')
        {
            little = true;
        }
        else if (tiff[0] == 'M' && tiff[1] == 'M')
        {
            little = false;
        }
        else
        {
            into.Problems.Add($"{where}: not a TIFF byte-order mark");
            return;
        }

        var ifd = U32(tiff[4..], little);
        if (ifd > (uint)tiff.Length - 2 || ifd < 8)
        {
            into.Problems.Add($"{where}: IFD0 offset {ifd} outside the {tiff.Length}-byte block");
            return;
        }

        var count = U16(tiff[(int)ifd..], little);
        if ((long)ifd + 2 + count * 12L > tiff.Length)
        {
            into.Problems.Add($"{where}: IFD0 claims {count} entries beyond the block");
            return;
        }

        for (var i = 0; i < count; i++)
        {
            var entry = tiff.Slice((int)ifd + 2 + i * 12, 12);
            var tag = U16(entry, little);
            var type = U16(entry[2..], little);
            var n = U32(entry[4..], little);
            var isText = Names.TryGetValue(tag, out var name) && type == 2;
            var isXmp = tag == 700 && type is 1 or 7;
            if (!isText && !isXmp)
            {
                continue;
            }

            ReadOnlySpan<byte> value;
            if (n <= 4)
            {
                value = entry.Slice(8, (int)n);
            }
            else
            {
                var at = U32(entry[8..], little);
                if (at > (uint)tiff.Length || n > (uint)tiff.Length - at)
                {
                    into.Problems.Add($"{where}: tag {tag} points {n} bytes at offset {at}, outside the block");
                    continue;
                }

                value = tiff.Slice((int)at, (int)n);
            }

            var text = Encoding.UTF8.GetString(value).TrimEnd('\0', ' ');
            if (isXmp)
            {
                into.Xmp.Add(new MetadataText("xmp", text, $"{where} tag 700"));
            }
            else if (text.Length > 0)
            {
                into.Texts.Add(new MetadataText(name!, text, $"{where} IFD0 {name}"));
            }
        }
    }

    private static ushort U16(ReadOnlySpan<byte> s, bool little) => little ? BinaryPrimitives.ReadUInt16LittleEndian(s) : BinaryPrimitives.ReadUInt16BigEndian(s);

    private static uint U32(ReadOnlySpan<byte> s, bool little) => little ? BinaryPrimitives.ReadUInt32LittleEndian(s) : BinaryPrimitives.ReadUInt32BigEndian(s);
}

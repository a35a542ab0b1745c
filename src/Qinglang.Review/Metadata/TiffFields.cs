using System.Text;
using Qinglang.Labels.Carriers;
using Qinglang.Labels.Carriers.Tiff;

namespace Qinglang.Review.Metadata;

/// <summary>
/// The text tags of a TIFF/EXIF IFD0 that name a maker (ImageDescription, Make, Model, Software, Artist) and the XMP
/// packet (tag 700), read through the Labels TIFF block reader, which checks every offset against the block.
/// </summary>
internal static class TiffFields
{
    /// <summary>What precedes the TIFF block of an EXIF APP1 segment (and, by some writers, of a WebP EXIF chunk).</summary>
    public static ReadOnlySpan<byte> ExifIdentifier => "Exif\0\0"u8;

    private static readonly ushort[] Tags =
    [
        TiffBlockFields.ImageDescription, TiffBlockFields.Make, TiffBlockFields.Model, TiffBlockFields.Software,
        TiffBlockFields.Artist, TiffBlockFields.XmlPacket,
    ];

    private static readonly Dictionary<ushort, string> Names = new()
    {
        [TiffBlockFields.ImageDescription] = "ImageDescription", [TiffBlockFields.Make] = "Make", [TiffBlockFields.Model] = "Model",
        [TiffBlockFields.Software] = "Software", [TiffBlockFields.Artist] = "Artist",
    };

    public static void Read(ReadOnlySpan<byte> tiff, string where, MetadataBuilder into)
    {
        List<TiffBlockField> fields;
        try
        {
            fields = TiffBlockFields.Ifd0(tiff, Tags);
        }
        catch (ContainerFormatException ex)
        {
            into.Problems.Add($"{where}: {ex.Message}");
            return;
        }

        foreach (var field in fields)
        {
            var isXmp = field.Tag == TiffBlockFields.XmlPacket && field.Type is 1 or 7;
            if (!isXmp && field.Type != TiffBlockFields.AsciiType)
            {
                continue; // a maker tag of another type, or an XMP tag of the wrong type, holds no text to read
            }

            if (field.Problem is { } problem)
            {
                into.Problems.Add($"{where}: {problem}");
                continue;
            }

            var text = Encoding.UTF8.GetString(tiff.Slice(field.ValueOffset, field.ValueLength)).TrimEnd('\0', ' ');
            if (isXmp)
            {
                into.Xmp.Add(new MetadataText("xmp", text, $"{where} tag 700"));
            }
            else if (text.Length > 0)
            {
                var name = Names[field.Tag];
                into.Texts.Add(new MetadataText(name, text, $"{where} IFD0 {name}"));
            }
        }

        ReadUserComment(tiff, where, into);
    }

    /// <summary>
    /// The Exif IFD's UserComment: where Stable Diffusion WebUI puts its generation parameters in a JPEG or WebP
    /// (the same text a PNG carries in its <c>parameters</c> chunk).
    /// </summary>
    private static void ReadUserComment(ReadOnlySpan<byte> tiff, string where, MetadataBuilder into)
    {
        try
        {
            if (TiffBlockFields.UserComment(tiff) is { Length: > 0 } comment)
            {
                into.Texts.Add(new MetadataText(UserCommentKey, comment, $"{where} ExifIFD UserComment"));
            }
        }
        catch (ContainerFormatException ex)
        {
            into.Problems.Add($"{where}: {ex.Message}");
        }
    }

    public const string UserCommentKey = "UserComment";
}

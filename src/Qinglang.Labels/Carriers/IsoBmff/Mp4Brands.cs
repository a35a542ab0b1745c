using System.Buffers.Binary;
using System.Text;

namespace Qinglang.Labels.Carriers.IsoBmff;

/// <summary>
/// Tells MP4, QuickTime and M4A apart by the ftyp brands, and keeps HEIF/AVIF images (also ftyp-led ISO BMFF, but
/// labeled through an XMP item rather than moov metadata) for their own carrier.
/// </summary>
internal static class Mp4Brands
{
    /// <summary>Brands of still-image files (ISO/IEC 23008-12, AVIF) and Canon raw: not movies for this carrier.</summary>
    private static readonly HashSet<string> ImageBrands =
    [
        "mif1", "mif2", "msf1", "heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs", "heif",
        "avif", "avis", "avci", "avcs", "jpeg", "jpgs", "crx ",
    ];

    /// <summary>Top-level boxes a QuickTime file without ftyp starts with.</summary>
    private static readonly HashSet<string> LegacyFirstBoxes = ["moov", "mdat", "wide", "free", "skip", "pnot"];

    public static bool Detect(ReadOnlySpan<byte> head)
    {
        if (head.Length < 8)
        {
            return false;
        }

        var size = BinaryPrimitives.ReadUInt32BigEndian(head);
        var type = Encoding.Latin1.GetString(head[4..8]);
        if (type == "ftyp")
        {
            return size >= 16 && head.Length >= 12 && !ImageBrands.Contains(Encoding.Latin1.GetString(head[8..12]));
        }

        return LegacyFirstBoxes.Contains(type) && (size >= 8 || size == 1 || (size == 0 && type == "mdat"));
    }

    /// <summary>The precise format from the ftyp payload; empty for a file without ftyp, which is old QuickTime.</summary>
    public static string FormatOf(ReadOnlySpan<byte> ftypPayload)
    {
        if (ftypPayload.Length < 4)
        {
            return "mov";
        }

        var major = Encoding.Latin1.GetString(ftypPayload[..4]);
        return major switch
        {
            "qt  " => "mov",
            "M4A " or "M4B " or "M4P " => "m4a",
            _ => "mp4",
        };
    }
}

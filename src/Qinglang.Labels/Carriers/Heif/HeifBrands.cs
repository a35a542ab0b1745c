using System.Buffers.Binary;
using System.Text;

namespace Qinglang.Labels.Carriers.Heif;

/// <summary>
/// The ftyp brands that make a file a HEIF image file (ISO/IEC 23008-12 §10, AV1-ISOBMFF/AVIF §9). An MP4 or
/// QuickTime file carries none of these, so detection by brand keeps this carrier off plain movies.
/// </summary>
internal static class HeifBrands
{
    /// <summary>HEVC-coded HEIF (still images and sequences).</summary>
    private static readonly HashSet<string> Hevc = ["heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs"];

    /// <summary>AV1-coded HEIF.</summary>
    private static readonly HashSet<string> Av1 = ["avif", "avis", "avio"];

    /// <summary>
    /// Brands that promise image items in a meta box (ISO/IEC 23008-12 §10, Annex E for AVC and JPEG; AVIF §9).
    /// </summary>
    private static readonly HashSet<string> StillImage = ["mif1", "mif2", "heic", "heix", "heim", "heis", "avif", "avci", "jpeg"];

    /// <summary>Image-sequence brands: tracks, and a meta box only when the file also has image items.</summary>
    private static readonly HashSet<string> Sequence = ["msf1", "hevc", "hevx", "hevm", "hevs", "avis", "avio", "avcs", "jpgs"];

    /// <summary>
    /// True when the head starts with an ftyp box naming a still-image brand, or a sequence brand as major brand (the
    /// MP4 carrier refuses image major brands), or a sequence brand among the compatible ones and a top-level meta box
    /// follows. A movie that only lists a sequence brand as compatible is left to the MP4 carrier.
    /// </summary>
    public static bool Detect(ReadOnlySpan<byte> head)
    {
        var brands = Brands(head);
        return brands.Count > 0
            && (brands.Any(StillImage.Contains) || Sequence.Contains(brands[0]) || (brands.Any(Sequence.Contains) && HasTopLevelMeta(head)));
    }

    /// <summary>
    /// The precise format: <c>avif</c> or <c>heic</c> when the major brand (else any compatible brand) names the codec,
    /// else <c>heif</c>.
    /// </summary>
    public static string FormatOf(IReadOnlyList<string> brands)
    {
        foreach (var brand in brands)
        {
            if (Av1.Contains(brand))
            {
                return "avif";
            }

            if (Hevc.Contains(brand))
            {
                return "heic";
            }
        }

        return "heif";
    }

    public static bool IsImageBrand(string brand) => StillImage.Contains(brand) || Sequence.Contains(brand);

    /// <summary>Walks the top-level boxes that lie within the head, looking for meta.</summary>
    private static bool HasTopLevelMeta(ReadOnlySpan<byte> head)
    {
        var at = 0L;
        while (at + 8 <= head.Length)
        {
            var box = head[(int)at..];
            if (box.Slice(4, 4).SequenceEqual("meta"u8))
            {
                return true;
            }

            var size = (long)BinaryPrimitives.ReadUInt32BigEndian(box);
            if (size == 1 && box.Length >= 16)
            {
                size = (long)Math.Min(BinaryPrimitives.ReadUInt64BigEndian(box[8..]), long.MaxValue / 2);
            }

            if (size < 8)
            {
                return false;
            }

            at += size;
        }

        return false;
    }

    /// <summary>Major brand first, then the compatible brands; empty when the bytes do not start with an ftyp box.</summary>
    public static List<string> Brands(ReadOnlySpan<byte> head)
    {
        var brands = new List<string>();
        if (head.Length < 16 || !head.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            return brands;
        }

        var size = BinaryPrimitives.ReadUInt32BigEndian(head);
        if (size < 16 || size % 4 != 0)
        {
            return brands;
        }

        brands.Add(Encoding.ASCII.GetString(head.Slice(8, 4)));
        var end = (int)Math.Min(size, (uint)head.Length);
        for (var at = 16; at + 4 <= end; at += 4)
        {
            brands.Add(Encoding.ASCII.GetString(head.Slice(at, 4)));
        }

        return brands;
    }
}

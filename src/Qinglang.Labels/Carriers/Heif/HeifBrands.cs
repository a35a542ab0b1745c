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

    /// <summary>Codec-neutral HEIF structural brands.</summary>
    private static readonly HashSet<string> Structural = ["mif1", "msf1", "mif2"];

    /// <summary>True when the head starts with an ftyp box naming a HEIF brand as major or compatible brand.</summary>
    public static bool Detect(ReadOnlySpan<byte> head) => Brands(head) is { Count: > 0 } brands && brands.Any(IsImageBrand);

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

    public static bool IsImageBrand(string brand) => Hevc.Contains(brand) || Av1.Contains(brand) || Structural.Contains(brand);

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

using Qinglang.Labels.Carriers.IsoBmff;
using Qinglang.Labels.IO;

namespace Qinglang.Labels.Carriers.Heif;

/// <summary>An XMP item: its info entry and location (null when iloc has no entry for it).</summary>
internal sealed record XmpItem(ItemInfo Info, ItemLocation? Location);

/// <summary>A HEIF file's structure: top-level boxes (sizes checked), ftyp brands and the parsed top-level meta box.</summary>
internal sealed class HeifFile
{
    /// <summary>More top-level boxes than this is refused: a still image or short sequence has a handful.</summary>
    public const int MaxTopLevelBoxes = 100_000;

    private HeifFile(List<BoxHeader> boxes, List<string> brands, HeifMeta? meta, long length)
    {
        Boxes = boxes;
        Brands = brands;
        Meta = meta;
        Length = length;
    }

    public List<BoxHeader> Boxes { get; }

    public List<string> Brands { get; }

    public HeifMeta? Meta { get; }

    public long Length { get; }

    public string Format => HeifBrands.FormatOf(Brands);

    public static HeifFile Open(Stream input)
    {
        var boxes = BoxHeader.ReadTopLevel(input, MaxTopLevelBoxes, allowZeroTail: false);
        if (boxes.Count == 0 || boxes[0].Type != "ftyp")
        {
            throw new ContainerFormatException("HEIF file does not start with an ftyp box", 0);
        }

        input.Position = 0;
        var ftyp = input.ReadBlock(boxes[0].Size, 4096, "ftyp box");
        var brands = HeifBrands.Brands(ftyp);
        if (!brands.Any(HeifBrands.IsImageBrand))
        {
            throw new ContainerFormatException("ftyp names no HEIF brand", 0);
        }

        var metas = boxes.Where(b => b.Type == "meta").ToList();
        if (metas.Count > 1)
        {
            throw new ContainerFormatException($"{metas.Count} top-level meta boxes; HEIF allows one", metas[1].Offset);
        }

        var meta = metas.Count == 1 ? HeifMeta.Read(input, metas[0]) : null;
        return new HeifFile(boxes, brands, meta, input.Length);
    }

    /// <summary>Every XMP item of the meta box, in iinf order.</summary>
    public List<XmpItem> XmpItems() => Meta is null
        ? []
        : [.. Meta.Infos.Entries.Where(e => e.IsXmp).Select(e => new XmpItem(e, Meta.Locations.Find(e.ItemId)))];

    /// <summary>
    /// Why an XMP item's bytes cannot be read here (null when they can): stored elsewhere, content-encoded or
    /// built from other items, or encoded in an unknown way.
    /// </summary>
    public static string? Unreadable(XmpItem item) => item switch
    {
        { Location: null } => "has no iloc entry",
        _ when !XmpItemEncoding.IsSupported(item.Info.ContentEncoding) => $"has an unknown content encoding ({item.Info.ContentEncoding})",
        { Location.IsLocal: false } => "is stored in another file",
        { Location.ConstructionMethod: not (0 or 1) } => $"uses construction method {item.Location!.ConstructionMethod}",
        _ => null,
    };

    /// <summary>The XMP packet of a readable item, decoded when it is content-encoded.</summary>
    public byte[] ReadXmp(Stream input, XmpItem item) =>
        XmpItemEncoding.Decode(ItemData.Read(input, Meta!, item.Location!, Xmp.XmpLabel.MaxPacketBytes), item.Info.ContentEncoding, Xmp.XmpLabel.MaxPacketBytes);
}

namespace Qinglang.Labels.Carriers.Gif;

/// <summary>What a top-level GIF block is (GIF89a §15–§27).</summary>
internal enum GifBlockKind
{
    Extension,
    Image,
    Trailer,
}

/// <summary>
/// One top-level block after the header, logical screen descriptor and global color table: [Start, End) holds its
/// introducer, fixed part and the whole sub-block chain with its terminator.
/// </summary>
/// <param name="Label">The extension label (0xF9 graphic control, 0xFE comment, 0xFF application, …); 0 otherwise.</param>
/// <param name="Application">For an application extension, its 8-byte identifier and 3-byte authentication code.</param>
internal readonly record struct GifBlock(GifBlockKind Kind, byte Label, long Start, long End, string? Application = null)
{
    public const byte GraphicControlLabel = 0xF9;
    public const byte PlainTextLabel = 0x01;
    public const byte ApplicationLabel = 0xFF;

    /// <summary>Identifier and authentication code of the XMP application extension (XMP part 3 §1.1.2).</summary>
    public const string XmpApplication = "XMP DataXMP";

    public bool IsXmp => Kind == GifBlockKind.Extension && Label == ApplicationLabel && Application == XmpApplication;

    /// <summary>
    /// True for the blocks that begin the first frame: a graphic control extension belongs to the image after it,
    /// so new metadata goes before it, not between it and its image.
    /// </summary>
    public bool StartsFrame => Kind is GifBlockKind.Image or GifBlockKind.Trailer
        || (Kind == GifBlockKind.Extension && Label is GraphicControlLabel or PlainTextLabel);

    public override string ToString() => Kind switch
    {
        GifBlockKind.Extension when Application is not null => $"application extension '{Application}' at {Start}",
        GifBlockKind.Extension => $"extension 0x{Label:X2} at {Start}",
        GifBlockKind.Image => $"image at {Start}",
        _ => $"trailer at {Start}",
    };
}

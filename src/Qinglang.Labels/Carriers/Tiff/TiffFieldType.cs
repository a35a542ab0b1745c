namespace Qinglang.Labels.Carriers.Tiff;

/// <summary>Sizes of TIFF 6.0 field types (and the BigTIFF 8-byte types), shared by TIFF files and EXIF blocks.</summary>
internal static class TiffFieldType
{
    public const ushort Byte = 1;
    public const ushort Ascii = 2;
    public const ushort Long = 4;
    public const ushort Undefined = 7;
    public const ushort Ifd = 13;

    /// <summary>Bytes per value of <paramref name="type"/>, or 0 for a type this reader does not know.</summary>
    public static int Size(ushort type) => type switch
    {
        1 or 2 or 6 or 7 => 1,
        3 or 8 => 2,
        4 or 9 or 11 or 13 => 4,
        5 or 10 or 12 or 16 or 17 or 18 => 8,
        _ => 0,
    };
}

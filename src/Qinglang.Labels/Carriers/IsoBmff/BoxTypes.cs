namespace Qinglang.Labels.Carriers.IsoBmff;

/// <summary>The four-character codes this carrier looks at, as big-endian integers.</summary>
internal static class BoxTypes
{
    public static readonly uint Ftyp = BoxHeader.Code4("ftyp");
    public static readonly uint Moov = BoxHeader.Code4("moov");
    public static readonly uint Mdat = BoxHeader.Code4("mdat");
    public static readonly uint Free = BoxHeader.Code4("free");
    public static readonly uint Skip = BoxHeader.Code4("skip");
    public static readonly uint Wide = BoxHeader.Code4("wide");
    public static readonly uint Moof = BoxHeader.Code4("moof");
    public static readonly uint Mfra = BoxHeader.Code4("mfra");
    public static readonly uint Sidx = BoxHeader.Code4("sidx");
    public static readonly uint Mvex = BoxHeader.Code4("mvex");
    public static readonly uint Uuid = BoxHeader.Code4("uuid");
    public static readonly uint Trak = BoxHeader.Code4("trak");
    public static readonly uint Mdia = BoxHeader.Code4("mdia");
    public static readonly uint Minf = BoxHeader.Code4("minf");
    public static readonly uint Stbl = BoxHeader.Code4("stbl");
    public static readonly uint Cmov = BoxHeader.Code4("cmov");
    public static readonly uint Dinf = BoxHeader.Code4("dinf");
    public static readonly uint Dref = BoxHeader.Code4("dref");
    public static readonly uint Stco = BoxHeader.Code4("stco");
    public static readonly uint Co64 = BoxHeader.Code4("co64");
    public static readonly uint Saio = BoxHeader.Code4("saio");
    public static readonly uint Stsc = BoxHeader.Code4("stsc");
    public static readonly uint Stsz = BoxHeader.Code4("stsz");
    public static readonly uint Stz2 = BoxHeader.Code4("stz2");
    public static readonly uint Iloc = BoxHeader.Code4("iloc");
    public static readonly uint Traf = BoxHeader.Code4("traf");
    public static readonly uint Tfhd = BoxHeader.Code4("tfhd");
    public static readonly uint Tfra = BoxHeader.Code4("tfra");
    public static readonly uint Udta = BoxHeader.Code4("udta");
    public static readonly uint Meta = BoxHeader.Code4("meta");
    public static readonly uint Hdlr = BoxHeader.Code4("hdlr");
    public static readonly uint Keys = BoxHeader.Code4("keys");
    public static readonly uint Ilst = BoxHeader.Code4("ilst");
    public static readonly uint Data = BoxHeader.Code4("data");
    public static readonly uint Name = BoxHeader.Code4("name");
    public static readonly uint Mean = BoxHeader.Code4("mean");
    public static readonly uint FreeForm = BoxHeader.Code4("----");
    public static readonly uint Xmp = BoxHeader.Code4("XMP_");
    public static readonly uint Mdta = BoxHeader.Code4("mdta");

    /// <summary>The extended type of Adobe's XMP box (XMP spec part 3, §1.1.4).</summary>
    public static readonly byte[] XmpUuid = Convert.FromHexString("BE7ACFCB97A942E89C71999491E3AFAC");

    public static bool IsFree(uint code) => code == Free || code == Skip;
}

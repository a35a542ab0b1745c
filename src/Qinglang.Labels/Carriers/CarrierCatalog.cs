namespace Qinglang.Labels.Carriers;

/// <summary>The list of carriers, in detection order. Each container family adds its carrier here.</summary>
internal static class CarrierCatalog
{
    public static IEnumerable<ILabelCarrier> All() =>
    [
        new Png.PngCarrier(),
        new Jpeg.JpegCarrier(),
        new Gif.GifCarrier(),
        new Tiff.TiffCarrier(),
        new Flac.FlacCarrier(),
        new Ogg.OggCarrier(),
        new Mp3.Mp3Carrier(),
        new Matroska.MatroskaCarrier(),
        new Flv.FlvCarrier(),
        new IsoBmff.Mp4Carrier(),
        new Riff.WebPCarrier(),
        new Riff.WavCarrier(),
        new Riff.AviCarrier(),
        new Text.PlainTextCarrier(),
    ];
}

namespace Qinglang.Labels.Carriers;

/// <summary>The list of carriers, in detection order: exact magic numbers first, guesses and text sniffing last.</summary>
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
        new Matroska.MatroskaCarrier(),
        new Flv.FlvCarrier(),
        // HEIF before MP4: both see an ftyp box; HEIF claims only the image brands (mif1, heic, avif, …).
        new Heif.HeifCarrier(),
        new IsoBmff.Mp4Carrier(),
        new Riff.WebPCarrier(),
        new Riff.WavCarrier(),
        new Riff.AviCarrier(),
        new Ooxml.OoxmlCarrier(),
        new Pdf.PdfCarrier(),
        // MP3 without an ID3 tag is recognised by its first frames alone: a guess, so it comes after every magic number.
        new Mp3.Mp3Carrier(),
        new Markdown.MarkdownCarrier(),
        new Text.PlainTextCarrier(),
    ];
}

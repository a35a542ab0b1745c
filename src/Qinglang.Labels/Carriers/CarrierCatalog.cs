namespace Qinglang.Labels.Carriers;

/// <summary>The list of carriers, in detection order. Each container family adds its carrier here.</summary>
internal static class CarrierCatalog
{
    public static IEnumerable<ILabelCarrier> All() =>
    [
        new Png.PngCarrier(),
        new Pdf.PdfCarrier(),
        new Text.PlainTextCarrier(),
    ];
}

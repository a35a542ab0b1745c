namespace Qinglang.Labels.Carriers;

/// <summary>The list of carriers, in detection order. Each container family adds its carrier here.</summary>
internal static class CarrierCatalog
{
    public static IEnumerable<ILabelCarrier> All() =>
    [
        new Png.PngCarrier(),
        new Ooxml.OoxmlCarrier(),
        new Markdown.MarkdownCarrier(),
        new Text.PlainTextCarrier(),
    ];
}

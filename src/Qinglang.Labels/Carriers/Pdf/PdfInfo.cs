using Qinglang.Labels.Xmp;

namespace Qinglang.Labels.Carriers.Pdf;

/// <summary>The document information dictionary (ISO 32000-1 §14.3.3), the trailer's /Info, and its label entries.</summary>
internal sealed class PdfInfo
{
    private PdfInfo(PdfReference? reference, PdfDictionary dictionary)
    {
        Reference = reference;
        Dictionary = dictionary;
        LabelEntries = [.. dictionary.Entries.Where(e => IsLabelKey(e.Key))];
    }

    /// <summary>The indirect object holding the dictionary; null when it is direct in the trailer or absent.</summary>
    public PdfReference? Reference { get; }

    public PdfDictionary Dictionary { get; }

    /// <summary>Entries whose key names a label: <c>/AIGC</c>, and the variants vendors write (<c>/aigc</c>, <c>/TC260:AIGC</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, PdfObject>> LabelEntries { get; }

    public static PdfInfo Find(PdfDocument document)
    {
        switch (document.Trailer["Info"])
        {
            case null or PdfNull:
                return new PdfInfo(null, new PdfDictionary([]));
            case PdfDictionary direct:
                return new PdfInfo(null, direct);
            case PdfReference reference:
                return document.Resolve(reference) switch
                {
                    // A dangling /Info reference: the update defines a fresh dictionary under a new number.
                    null => new PdfInfo(null, new PdfDictionary([])),
                    PdfDictionary dictionary => new PdfInfo(reference, dictionary),
                    var other => throw new ContainerFormatException($"trailer /Info {reference} is {PdfObjectText.Describe(other)}, not a dictionary"),
                };
            case var other:
                throw new ContainerFormatException($"trailer /Info is {PdfObjectText.Describe(other)}, not a dictionary");
        }
    }

    public string Describe() => Reference is { } r ? $"Info dictionary (object {r.Number} {r.Generation})" : "Info dictionary (in the trailer)";

    /// <summary>A copy of the dictionary with every label entry replaced by one <c>/AIGC</c> string.</summary>
    public PdfDictionary WithLabel(string json) =>
        new([.. Dictionary.Entries.Where(e => !IsLabelKey(e.Key)), new(XmpNames.Property, PdfTextString.Encode(json))]);

    private static bool IsLabelKey(string key) => key.Contains(XmpNames.Property, StringComparison.OrdinalIgnoreCase);
}

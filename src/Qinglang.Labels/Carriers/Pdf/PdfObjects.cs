using System.Text;

namespace Qinglang.Labels.Carriers.Pdf;

/// <summary>A PDF object (ISO 32000-1 §7.3) as parsed: enough of the model to read dictionaries and copy them back.</summary>
internal abstract record PdfObject;

internal sealed record PdfNull : PdfObject
{
    public static PdfNull Instance { get; } = new();
}

internal sealed record PdfBoolean(bool Value) : PdfObject;

/// <summary>A number; <see cref="Raw"/> keeps its spelling so a copied value is written back byte for byte.</summary>
internal sealed record PdfNumber(string Raw, double Value) : PdfObject
{
    public bool IsInteger => !Raw.Contains('.');

    /// <summary>The value as a non-negative integer, or null when it is not one (or too large to be an offset).</summary>
    public long? AsNonNegativeLong => IsInteger && Value >= 0 && Value <= long.MaxValue / 2 ? (long)Value : null;

    public static PdfNumber Of(long value) => new(value.ToString(System.Globalization.CultureInfo.InvariantCulture), value);
}

internal sealed record PdfName(string Value) : PdfObject;

/// <summary>A string object: its bytes, and whether it was spelled as a hex string (kept when copied).</summary>
internal sealed record PdfString(byte[] Bytes, bool IsHex) : PdfObject
{
    public string Text => PdfTextString.Decode(Bytes);
}

internal sealed record PdfArray(IReadOnlyList<PdfObject> Items) : PdfObject;

internal sealed record PdfReference(int Number, int Generation) : PdfObject
{
    public override string ToString() => $"{Number} {Generation} R";
}

/// <summary>A dictionary; entries keep their order so a copied dictionary reads the same.</summary>
internal sealed record PdfDictionary(IReadOnlyList<KeyValuePair<string, PdfObject>> Entries) : PdfObject
{
    public PdfObject? this[string key]
    {
        get
        {
            foreach (var entry in Entries)
            {
                if (entry.Key == key)
                {
                    return entry.Value;
                }
            }

            return null;
        }
    }

    public bool IsType(string type) => this["Type"] is PdfName name && name.Value == type;
}

/// <summary>A stream: its dictionary and where its (still encoded) data lies in the bytes it was parsed from.</summary>
internal sealed record PdfStream(PdfDictionary Dictionary, long DataOffset, long DataLength) : PdfObject;

/// <summary>An indirect object as found: its number, generation, value and where it starts.</summary>
internal sealed record PdfIndirectObject(int Number, int Generation, PdfObject Value, long Offset);

/// <summary>Debug-friendly text of a name, used in messages and locations.</summary>
internal static class PdfObjectText
{
    public static string Describe(PdfObject? value) => value switch
    {
        null => "nothing",
        PdfNull => "null",
        PdfBoolean b => b.Value ? "true" : "false",
        PdfNumber n => n.Raw,
        PdfName n => "/" + n.Value,
        PdfString => "a string",
        PdfArray => "an array",
        PdfReference r => r.ToString(),
        PdfDictionary => "a dictionary",
        PdfStream => "a stream",
        _ => value.GetType().Name,
    };

    public static string Ascii(ReadOnlySpan<byte> bytes) => Encoding.ASCII.GetString(bytes);
}

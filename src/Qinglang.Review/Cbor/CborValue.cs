namespace Qinglang.Review.Cbor;

/// <summary>A decoded CBOR data item (RFC 8949).</summary>
public abstract record CborValue
{
    /// <summary>The value under a text key when this is a map, else null.</summary>
    public CborValue? this[string key] =>
        this is CborMap map ? map.Entries.FirstOrDefault(e => e.Key is CborText t && t.Value == key).Value : null;

    public string? AsText() => this switch
    {
        CborText t => t.Value,
        CborTagged { Content: CborText t } => t.Value,
        _ => null,
    };
}

/// <summary>Major types 0 and 1; negative values down to -2^64 are kept exactly.</summary>
public sealed record CborInteger(System.Numerics.BigInteger Value) : CborValue;

public sealed record CborBytes(byte[] Value) : CborValue;

public sealed record CborText(string Value) : CborValue;

public sealed record CborArray(IReadOnlyList<CborValue> Items) : CborValue;

public sealed record CborMap(IReadOnlyList<KeyValuePair<CborValue, CborValue>> Entries) : CborValue;

public sealed record CborTagged(ulong Tag, CborValue Content) : CborValue;

/// <summary>Major type 7: false, true, null, undefined and other simple values.</summary>
public sealed record CborSimple(int Value) : CborValue
{
    public static readonly CborSimple False = new(20);
    public static readonly CborSimple True = new(21);
    public static readonly CborSimple Null = new(22);
    public static readonly CborSimple Undefined = new(23);
}

public sealed record CborFloat(double Value) : CborValue;

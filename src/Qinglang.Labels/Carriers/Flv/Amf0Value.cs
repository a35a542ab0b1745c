using System.Text;

namespace Qinglang.Labels.Carriers.Flv;

/// <summary>
/// An AMF0 value (Adobe AMF0 specification §2) as found in FLV script data. Strings keep their raw bytes and numbers
/// their exact bits, so a value decoded and encoded again is the same bytes.
/// </summary>
internal abstract record Amf0Value;

internal sealed record Amf0Number(double Value) : Amf0Value;

internal sealed record Amf0Boolean(byte Raw) : Amf0Value;

/// <summary>A string (type 2, 16-bit length), long string (type 12, 32-bit length) or XML document (type 15).</summary>
internal sealed record Amf0String(byte[] Utf8, Amf0StringKind Kind = Amf0StringKind.Short) : Amf0Value
{
    public string Text => Encoding.UTF8.GetString(Utf8);

    /// <summary>A string of the shortest kind that holds <paramref name="text"/>.</summary>
    public static Amf0String Of(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return new Amf0String(bytes, bytes.Length > ushort.MaxValue ? Amf0StringKind.Long : Amf0StringKind.Short);
    }
}

internal enum Amf0StringKind
{
    Short,
    Long,
    Xml,
}

/// <summary>Null (5), undefined (6) or unsupported (13): markers without data.</summary>
internal sealed record Amf0Marker(byte Type) : Amf0Value;

internal sealed record Amf0Reference(ushort Index) : Amf0Value;

internal sealed record Amf0Date(double Milliseconds, short TimeZone) : Amf0Value;

internal sealed record Amf0StrictArray(List<Amf0Value> Items) : Amf0Value;

/// <summary>One named member of an object or ECMA array; the name keeps its raw bytes.</summary>
internal sealed record Amf0Property(byte[] RawName, Amf0Value Value)
{
    public string Name => Encoding.UTF8.GetString(RawName);

    public static Amf0Property Of(string name, Amf0Value value) => new(Encoding.UTF8.GetBytes(name), value);
}

internal enum Amf0ObjectKind
{
    /// <summary>Anonymous object (type 3).</summary>
    Object,

    /// <summary>ECMA (associative) array (type 8), with a count hint.</summary>
    EcmaArray,

    /// <summary>Typed object (type 16), with a class name.</summary>
    Typed,
}

/// <summary>An object, ECMA array or typed object: named members in file order.</summary>
internal sealed record Amf0Object(Amf0ObjectKind Kind, List<Amf0Property> Properties) : Amf0Value
{
    /// <summary>An ECMA array's declared count as read; a writer keeps its offset from the real count.</summary>
    public uint DeclaredCount { get; init; }

    /// <summary>How many members the object had when read (to carry a non-standard count hint over).</summary>
    public int ReadCount { get; init; }

    /// <summary>A typed object's class name.</summary>
    public byte[] ClassName { get; init; } = [];

    public Amf0Value? this[string name] => Properties.FirstOrDefault(p => p.Name == name)?.Value;

    public void Set(string name, Amf0Value value)
    {
        var index = Properties.FindIndex(p => p.Name == name);
        if (index >= 0)
        {
            Properties[index] = Properties[index] with { Value = value };
        }
        else
        {
            Properties.Add(Amf0Property.Of(name, value));
        }
    }
}

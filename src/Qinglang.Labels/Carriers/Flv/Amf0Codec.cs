using System.Buffers.Binary;

namespace Qinglang.Labels.Carriers.Flv;

/// <summary>Decodes and encodes AMF0 (the script data of FLV tags). Decoding checks every length against the data.</summary>
internal static class Amf0Codec
{
    private const int MaxDepth = 32;

    private const byte Number = 0, Boolean = 1, String = 2, Object = 3, Null = 5, Undefined = 6, Reference = 7,
        EcmaArray = 8, ObjectEnd = 9, StrictArray = 10, Date = 11, LongString = 12, Unsupported = 13, Xml = 15, Typed = 16;

    /// <summary>Every value in <paramref name="data"/>, one after another (a script tag holds a name and a value).</summary>
    public static List<Amf0Value> DecodeAll(ReadOnlySpan<byte> data)
    {
        var values = new List<Amf0Value>();
        var position = 0;
        while (position < data.Length)
        {
            values.Add(Decode(data, ref position, 0));
        }

        return values;
    }

    public static byte[] EncodeAll(IEnumerable<Amf0Value> values)
    {
        var output = new MemoryStream();
        foreach (var value in values)
        {
            Encode(output, value);
        }

        return output.ToArray();
    }

    private static Amf0Value Decode(ReadOnlySpan<byte> data, ref int position, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ContainerFormatException($"AMF0 values nest deeper than {MaxDepth} levels");
        }

        var type = Take(data, ref position, 1)[0];
        switch (type)
        {
            case Number:
                return new Amf0Number(BinaryPrimitives.ReadDoubleBigEndian(Take(data, ref position, 8)));
            case Boolean:
                return new Amf0Boolean(Take(data, ref position, 1)[0]);
            case String:
                return new Amf0String(Take(data, ref position, BinaryPrimitives.ReadUInt16BigEndian(Take(data, ref position, 2))).ToArray());
            case LongString or Xml:
                var length = BinaryPrimitives.ReadUInt32BigEndian(Take(data, ref position, 4));
                var kind = type == Xml ? Amf0StringKind.Xml : Amf0StringKind.Long;
                return new Amf0String(Take(data, ref position, length).ToArray(), kind);
            case Null or Undefined or Unsupported:
                return new Amf0Marker(type);
            case Reference:
                return new Amf0Reference(BinaryPrimitives.ReadUInt16BigEndian(Take(data, ref position, 2)));
            case Date:
                var milliseconds = BinaryPrimitives.ReadDoubleBigEndian(Take(data, ref position, 8));
                return new Amf0Date(milliseconds, BinaryPrimitives.ReadInt16BigEndian(Take(data, ref position, 2)));
            case StrictArray:
                var count = BinaryPrimitives.ReadUInt32BigEndian(Take(data, ref position, 4));
                if (count > (uint)(data.Length - position))
                {
                    throw new ContainerFormatException($"AMF0 strict array claims {count} items in {data.Length - position} bytes");
                }

                var items = new List<Amf0Value>((int)count);
                for (var i = 0; i < count; i++)
                {
                    items.Add(Decode(data, ref position, depth + 1));
                }

                return new Amf0StrictArray(items);
            case Object:
                return DecodeProperties(data, ref position, depth, Amf0ObjectKind.Object, 0, []);
            case EcmaArray:
                var declared = BinaryPrimitives.ReadUInt32BigEndian(Take(data, ref position, 4));
                return DecodeProperties(data, ref position, depth, Amf0ObjectKind.EcmaArray, declared, []);
            case Typed:
                var className = Take(data, ref position, BinaryPrimitives.ReadUInt16BigEndian(Take(data, ref position, 2))).ToArray();
                return DecodeProperties(data, ref position, depth, Amf0ObjectKind.Typed, 0, className);
            default:
                throw new ContainerFormatException($"AMF0 value type {type} is not one this reader accepts");
        }
    }

    private static Amf0Object DecodeProperties(ReadOnlySpan<byte> data, ref int position, int depth, Amf0ObjectKind kind, uint declared, byte[] className)
    {
        var properties = new List<Amf0Property>();
        while (true)
        {
            if (kind == Amf0ObjectKind.EcmaArray && position == data.Length)
            {
                break; // some encoders end onMetaData's ECMA array with the tag instead of an end marker
            }

            var nameLength = BinaryPrimitives.ReadUInt16BigEndian(Take(data, ref position, 2));
            if (nameLength == 0 && position < data.Length && data[position] == ObjectEnd)
            {
                position++;
                break;
            }

            var name = Take(data, ref position, nameLength).ToArray();
            properties.Add(new Amf0Property(name, Decode(data, ref position, depth + 1)));
        }

        return new Amf0Object(kind, properties) { DeclaredCount = declared, ReadCount = properties.Count, ClassName = className };
    }

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> data, ref int position, long count)
    {
        if (count > data.Length - position)
        {
            throw new ContainerFormatException($"AMF0 value claims {count} bytes but only {data.Length - position} remain in the script tag");
        }

        var slice = data.Slice(position, (int)count);
        position += (int)count;
        return slice;
    }

    private static void Encode(Stream output, Amf0Value value)
    {
        Span<byte> buffer = stackalloc byte[10];
        switch (value)
        {
            case Amf0Number number:
                output.WriteByte(Number);
                BinaryPrimitives.WriteDoubleBigEndian(buffer, number.Value);
                output.Write(buffer[..8]);
                break;
            case Amf0Boolean boolean:
                output.WriteByte(Boolean);
                output.WriteByte(boolean.Raw);
                break;
            case Amf0String { Kind: Amf0StringKind.Short } text when text.Utf8.Length <= ushort.MaxValue:
                output.WriteByte(String);
                WriteShortBytes(output, text.Utf8);
                break;
            case Amf0String text:
                output.WriteByte(text.Kind == Amf0StringKind.Xml ? Xml : LongString);
                BinaryPrimitives.WriteUInt32BigEndian(buffer, (uint)text.Utf8.Length);
                output.Write(buffer[..4]);
                output.Write(text.Utf8);
                break;
            case Amf0Marker marker:
                output.WriteByte(marker.Type);
                break;
            case Amf0Reference reference:
                output.WriteByte(Reference);
                BinaryPrimitives.WriteUInt16BigEndian(buffer, reference.Index);
                output.Write(buffer[..2]);
                break;
            case Amf0Date date:
                output.WriteByte(Date);
                BinaryPrimitives.WriteDoubleBigEndian(buffer, date.Milliseconds);
                BinaryPrimitives.WriteInt16BigEndian(buffer[8..], date.TimeZone);
                output.Write(buffer);
                break;
            case Amf0StrictArray array:
                output.WriteByte(StrictArray);
                BinaryPrimitives.WriteUInt32BigEndian(buffer, (uint)array.Items.Count);
                output.Write(buffer[..4]);
                foreach (var item in array.Items)
                {
                    Encode(output, item);
                }

                break;
            case Amf0Object obj:
                EncodeObject(output, obj);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(value), value.GetType().Name, "not an AMF0 value");
        }
    }

    private static void EncodeObject(Stream output, Amf0Object obj)
    {
        Span<byte> buffer = stackalloc byte[4];
        switch (obj.Kind)
        {
            case Amf0ObjectKind.EcmaArray:
                output.WriteByte(EcmaArray);
                // Keep a writer's count hint as it was, moved by the members added or removed.
                var count = Math.Max(0L, (long)obj.DeclaredCount + obj.Properties.Count - obj.ReadCount);
                BinaryPrimitives.WriteUInt32BigEndian(buffer, (uint)Math.Min(count, uint.MaxValue));
                output.Write(buffer);
                break;
            case Amf0ObjectKind.Typed:
                output.WriteByte(Typed);
                WriteShortBytes(output, obj.ClassName);
                break;
            default:
                output.WriteByte(Object);
                break;
        }

        foreach (var property in obj.Properties)
        {
            WriteShortBytes(output, property.RawName);
            Encode(output, property.Value);
        }

        output.Write([0, 0, ObjectEnd]);
    }

    private static void WriteShortBytes(Stream output, byte[] bytes)
    {
        if (bytes.Length > ushort.MaxValue)
        {
            throw new LabelingException(Model.ProblemCodes.Unsupported, "an AMF0 name is longer than 65535 bytes");
        }

        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)bytes.Length);
        output.Write(length);
        output.Write(bytes);
    }
}

using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace Qinglang.Review.Cbor;

/// <summary>
/// Decodes one CBOR data item (RFC 8949): all eight major types, definite and indefinite lengths, half/single/double
/// floats. Every length is checked against the bytes left, nesting depth and item count are bounded, so hostile input
/// gives a <see cref="CborException"/>, never an overflow or a huge allocation.
/// </summary>
public static class CborReader
{
    public const int MaxDepth = 64;
    public const int MaxItems = 100_000;

    private const byte Break = 0xFF;

    public static CborValue Decode(ReadOnlySpan<byte> data)
    {
        var state = new State();
        var offset = 0;
        var value = Read(data, ref offset, 0, ref state);
        if (offset != data.Length)
        {
            throw new CborException($"{data.Length - offset} byte(s) after the data item at offset {offset}");
        }

        return value;
    }

    private struct State
    {
        public int Items;
    }

    private static CborValue Read(ReadOnlySpan<byte> data, ref int offset, int depth, ref State state)
    {
        if (depth > MaxDepth)
        {
            throw new CborException($"nesting deeper than {MaxDepth} at offset {offset}");
        }

        if (++state.Items > MaxItems)
        {
            throw new CborException($"more than {MaxItems} data items");
        }

        if (offset >= data.Length)
        {
            throw new CborException($"truncated: data item expected at offset {offset}");
        }

        var start = offset;
        var initial = data[offset++];
        var major = initial >> 5;
        var info = initial & 0x1F;
        if (major == 7)
        {
            return ReadSimple(data, ref offset, info, start);
        }

        var indefinite = info == 31;
        if (indefinite && major is 0 or 1 or 6)
        {
            throw new CborException($"indefinite length is not allowed for major type {major} at offset {start}");
        }

        var argument = indefinite ? 0 : ReadArgument(data, ref offset, info, start);
        switch (major)
        {
            case 0:
                return new CborInteger(argument);
            case 1:
                return new CborInteger(-1 - (BigInteger)argument);
            case 2:
            case 3:
                var bytes = indefinite ? ReadChunks(data, ref offset, major, start) : Take(data, ref offset, argument, start);
                if (major == 2)
                {
                    return new CborBytes(bytes);
                }

                try
                {
                    return new CborText(new UTF8Encoding(false, true).GetString(bytes));
                }
                catch (DecoderFallbackException)
                {
                    throw new CborException($"text string at offset {start} is not valid UTF-8");
                }

            case 4:
                var items = new List<CborValue>();
                if (indefinite)
                {
                    while (!AtBreak(data, ref offset, start))
                    {
                        items.Add(Read(data, ref offset, depth + 1, ref state));
                    }
                }
                else
                {
                    CheckCount(data, offset, argument, 1, start);
                    for (ulong i = 0; i < argument; i++)
                    {
                        items.Add(Read(data, ref offset, depth + 1, ref state));
                    }
                }

                return new CborArray(items);
            case 5:
                var entries = new List<KeyValuePair<CborValue, CborValue>>();
                if (indefinite)
                {
                    while (!AtBreak(data, ref offset, start))
                    {
                        var key = Read(data, ref offset, depth + 1, ref state);
                        entries.Add(new(key, Read(data, ref offset, depth + 1, ref state)));
                    }
                }
                else
                {
                    CheckCount(data, offset, argument, 2, start);
                    for (ulong i = 0; i < argument; i++)
                    {
                        var key = Read(data, ref offset, depth + 1, ref state);
                        entries.Add(new(key, Read(data, ref offset, depth + 1, ref state)));
                    }
                }

                return new CborMap(entries);
            default:
                return new CborTagged(argument, Read(data, ref offset, depth + 1, ref state));
        }
    }

    private static ulong ReadArgument(ReadOnlySpan<byte> data, ref int offset, int info, int start)
    {
        if (info < 24)
        {
            return (ulong)info;
        }

        var size = info switch { 24 => 1, 25 => 2, 26 => 4, 27 => 8, _ => throw new CborException($"reserved additional information {info} at offset {start}") };
        if (data.Length - offset < size)
        {
            throw new CborException($"truncated: {size}-byte argument at offset {start}");
        }

        var span = data.Slice(offset, size);
        offset += size;
        return size switch
        {
            1 => span[0],
            2 => BinaryPrimitives.ReadUInt16BigEndian(span),
            4 => BinaryPrimitives.ReadUInt32BigEndian(span),
            _ => BinaryPrimitives.ReadUInt64BigEndian(span),
        };
    }

    /// <summary>Each element takes at least one byte, so a count beyond the bytes left is a lie.</summary>
    private static void CheckCount(ReadOnlySpan<byte> data, int offset, ulong count, int perItem, int start)
    {
        if (count > (ulong)(data.Length - offset) / (ulong)perItem)
        {
            throw new CborException($"length {count} at offset {start} exceeds the {data.Length - offset} byte(s) left");
        }
    }

    private static byte[] Take(ReadOnlySpan<byte> data, ref int offset, ulong length, int start)
    {
        if (length > (ulong)(data.Length - offset))
        {
            throw new CborException($"string length {length} at offset {start} exceeds the {data.Length - offset} byte(s) left");
        }

        var bytes = data.Slice(offset, (int)length).ToArray();
        offset += (int)length;
        return bytes;
    }

    private static byte[] ReadChunks(ReadOnlySpan<byte> data, ref int offset, int major, int start)
    {
        var buffer = new List<byte>();
        while (!AtBreak(data, ref offset, start))
        {
            var chunkStart = offset;
            var initial = data[offset++];
            if (initial >> 5 != major || (initial & 0x1F) == 31)
            {
                throw new CborException($"indefinite string at offset {start} holds a chunk of another type at offset {chunkStart}");
            }

            var length = ReadArgument(data, ref offset, initial & 0x1F, chunkStart);
            buffer.AddRange(Take(data, ref offset, length, chunkStart));
        }

        return [.. buffer];
    }

    private static bool AtBreak(ReadOnlySpan<byte> data, ref int offset, int start)
    {
        if (offset >= data.Length)
        {
            throw new CborException($"truncated: indefinite item at offset {start} has no break");
        }

        if (data[offset] != Break)
        {
            return false;
        }

        offset++;
        return true;
    }

    private static CborValue ReadSimple(ReadOnlySpan<byte> data, ref int offset, int info, int start)
    {
        switch (info)
        {
            case < 24:
                return new CborSimple(info);
            case 24:
                return new CborSimple((int)ReadArgument(data, ref offset, info, start));
            case 25:
                return new CborFloat((double)BitConverter.UInt16BitsToHalf((ushort)ReadArgument(data, ref offset, info, start)));
            case 26:
                return new CborFloat(BitConverter.UInt32BitsToSingle((uint)ReadArgument(data, ref offset, info, start)));
            case 27:
                return new CborFloat(BitConverter.UInt64BitsToDouble(ReadArgument(data, ref offset, info, start)));
            case 31:
                throw new CborException($"unexpected break at offset {start}");
            default:
                throw new CborException($"reserved simple value encoding {info} at offset {start}");
        }
    }
}

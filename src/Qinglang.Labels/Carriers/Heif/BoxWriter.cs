using System.Buffers.Binary;
using System.Text;
using Qinglang.Labels.Carriers.IsoBmff;

namespace Qinglang.Labels.Carriers.Heif;

/// <summary>Builds box bodies with big-endian fields, and wraps a body in a box header.</summary>
internal sealed class BoxWriter
{
    private readonly MemoryStream _buffer = new();

    public long Length => _buffer.Length;

    public BoxWriter U8(int value)
    {
        _buffer.WriteByte((byte)value);
        return this;
    }

    public BoxWriter U16(int value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, checked((ushort)value));
        _buffer.Write(bytes);
        return this;
    }

    public BoxWriter U32(long value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, checked((uint)value));
        _buffer.Write(bytes);
        return this;
    }

    public BoxWriter U64(ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        _buffer.Write(bytes);
        return this;
    }

    /// <summary>A field of 0, 4 or 8 bytes; the caller has checked that the value fits.</summary>
    public BoxWriter Sized(int bytes, ulong value)
    {
        switch (bytes)
        {
            case 0 when value == 0:
                return this;
            case 2:
                return U16(checked((ushort)value));
            case 4:
                return U32(checked((uint)value));
            case 8:
                return U64(value);
            default:
                throw new InvalidOperationException($"value {value} does not fit a {bytes}-byte field");
        }
    }

    public BoxWriter FullBoxHeader(int version, int flags) => U8(version).U8(flags >> 16).U8(flags >> 8).U8(flags);

    public BoxWriter Ascii(string text)
    {
        _buffer.Write(Encoding.ASCII.GetBytes(text));
        return this;
    }

    public BoxWriter CString(string text)
    {
        _buffer.Write(Encoding.UTF8.GetBytes(text));
        _buffer.WriteByte(0);
        return this;
    }

    public BoxWriter Bytes(ReadOnlySpan<byte> bytes)
    {
        _buffer.Write(bytes);
        return this;
    }

    /// <summary>Overwrites a 32-bit field already written at <paramref name="position"/>.</summary>
    public void PatchU32(long position, uint value)
    {
        var end = _buffer.Position;
        _buffer.Position = position;
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        _buffer.Write(bytes);
        _buffer.Position = end;
    }

    public byte[] ToArray() => _buffer.ToArray();

    /// <summary>The body wrapped as a box: a 32-bit size when it fits, else size 1 and a 64-bit largesize.</summary>
    public byte[] ToBox(string type) => Box(type, _buffer.ToArray());

    public static byte[] Box(string type, ReadOnlySpan<byte> body)
    {
        var header = BoxHeader.ForPayload(BoxHeader.Code4(type), body.Length);
        var box = new byte[header.Length + body.Length];
        header.CopyTo(box, 0);
        body.CopyTo(box.AsSpan(header.Length));
        return box;
    }
}

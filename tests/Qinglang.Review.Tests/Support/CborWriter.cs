using System.Text;

namespace Qinglang.Review.Tests.Support;

/// <summary>A test-side CBOR encoder written from RFC 8949 §3 (preferred, definite-length serialization).</summary>
public sealed class CborWriter
{
    private readonly MemoryStream _out = new();

    public byte[] ToArray() => _out.ToArray();

    public CborWriter Head(int major, ulong argument)
    {
        var initial = (byte)(major << 5);
        switch (argument)
        {
            case < 24:
                _out.WriteByte((byte)(initial | (byte)argument));
                break;
            case <= byte.MaxValue:
                _out.WriteByte((byte)(initial | 24));
                _out.WriteByte((byte)argument);
                break;
            case <= ushort.MaxValue:
                _out.WriteByte((byte)(initial | 25));
                Big(argument, 2);
                break;
            case <= uint.MaxValue:
                _out.WriteByte((byte)(initial | 26));
                Big(argument, 4);
                break;
            default:
                _out.WriteByte((byte)(initial | 27));
                Big(argument, 8);
                break;
        }

        return this;
    }

    public CborWriter Text(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Head(3, (ulong)bytes.Length);
        _out.Write(bytes);
        return this;
    }

    public CborWriter Bytes(byte[] value)
    {
        Head(2, (ulong)value.Length);
        _out.Write(value);
        return this;
    }

    public CborWriter Int(long value) => value >= 0 ? Head(0, (ulong)value) : Head(1, (ulong)(-1 - value));

    public CborWriter Map(int count) => Head(5, (ulong)count);

    public CborWriter Array(int count) => Head(4, (ulong)count);

    public CborWriter Raw(params byte[] bytes)
    {
        _out.Write(bytes);
        return this;
    }

    private void Big(ulong value, int size)
    {
        for (var i = size - 1; i >= 0; i--)
        {
            _out.WriteByte((byte)(value >> (8 * i)));
        }
    }
}

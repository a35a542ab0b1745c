using System.Buffers.Binary;
using System.Text;

namespace Qinglang.Labels.Carriers.Heif;

/// <summary>Reads big-endian fields from an in-memory box body; reading past its end is a <see cref="ContainerFormatException"/>.</summary>
internal sealed class BoxReader(byte[] data, int start, int end, string what)
{
    public int Position { get; private set; } = start;

    public int End => end;

    public int Remaining => end - Position;

    public byte U8() => Take(1)[0];

    public ushort U16() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));

    public uint U32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));

    public ulong U64() => BinaryPrimitives.ReadUInt64BigEndian(Take(8));

    /// <summary>An unsigned field of 0, 2, 4 or 8 bytes (iloc's variable-size fields); 0 bytes reads as 0.</summary>
    public ulong Sized(int bytes) => bytes switch
    {
        0 => 0,
        2 => U16(),
        4 => U32(),
        8 => U64(),
        _ => throw new ContainerFormatException($"{what} uses a {bytes}-byte field; only 0, 4 and 8 are defined", Position),
    };

    public string FourCc() => Encoding.ASCII.GetString(Take(4));

    /// <summary>A NUL-terminated UTF-8 string; a last string may end with the box instead of a NUL.</summary>
    public string CString()
    {
        var rest = data.AsSpan(Position, end - Position);
        var nul = rest.IndexOf((byte)0);
        var length = nul < 0 ? rest.Length : nul;
        var text = Encoding.UTF8.GetString(rest[..length]);
        Position += nul < 0 ? length : length + 1;
        return text;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > end - Position)
        {
            throw new ContainerFormatException($"{what} ends in the middle of a field", Position);
        }

        var span = data.AsSpan(Position, count);
        Position += count;
        return span;
    }
}

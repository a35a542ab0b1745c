namespace Qinglang.Labels.Carriers.Mp3;

/// <summary>
/// The 10-byte ID3v2 tag header (ID3v2.4 structure §3.1): "ID3", version, flags, synchsafe size of what follows
/// (extended header, frames, padding; not the header itself nor a v2.4 footer).
/// </summary>
internal readonly record struct Id3Header(byte Major, byte Revision, byte Flags, int Size)
{
    public const int Length = 10;

    /// <summary>Tag-level unsynchronisation (v2.3: the whole tag; v2.4: every frame is unsynchronised).</summary>
    public bool Unsynchronised => (Flags & 0x80) != 0;

    public bool HasExtendedHeader => (Flags & 0x40) != 0;

    /// <summary>Only v2.4 has a footer (a copy of the header with "3DI"); a tag with a footer has no padding.</summary>
    public bool HasFooter => Major == 4 && (Flags & 0x10) != 0;

    /// <summary>Bytes from the start of the header to the end of the tag, footer included.</summary>
    public long TotalLength => Length + Size + (HasFooter ? Length : 0);

    public static bool TryParse(ReadOnlySpan<byte> head, out Id3Header header)
    {
        header = default;
        if (head.Length < Length || head[0] != (byte)'I' || head[1] != (byte)'D' || head[2] != (byte)'3'
            || head[3] is < 2 or > 4 || head[4] == 0xFF || !Synchsafe.IsValid(head.Slice(6, 4)))
        {
            return false;
        }

        header = new Id3Header(head[3], head[4], head[5], Synchsafe.Read(head.Slice(6, 4)));
        return true;
    }

    /// <summary>The header bytes for a tag of this version and flags whose body is <paramref name="size"/> bytes.</summary>
    public byte[] Encode(string magic = "ID3")
    {
        var bytes = new byte[Length];
        System.Text.Encoding.ASCII.GetBytes(magic, bytes);
        bytes[3] = Major;
        bytes[4] = Revision;
        bytes[5] = Flags;
        Synchsafe.Write(bytes.AsSpan(6, 4), Size);
        return bytes;
    }
}

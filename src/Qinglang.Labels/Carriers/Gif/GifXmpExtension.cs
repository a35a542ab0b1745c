using System.Text;

namespace Qinglang.Labels.Carriers.Gif;

/// <summary>
/// The XMP application extension (XMP part 3 §1.1.2): the packet is stored raw, not split into sub-blocks, followed
/// by a 258-byte "magic trailer" (0x01, 0xFF down to 0x00, then the block terminator 0x00). Whatever byte of the
/// packet a sub-block reader takes as a length, it lands in the descending run and is led to the terminator.
/// </summary>
internal static class GifXmpExtension
{
    public const int MagicTrailerLength = 258;

    /// <summary>Introducer, application label, id size and "XMP DataXMP".</summary>
    public const int HeaderLength = 3 + 11;

    public static byte[] MagicTrailer()
    {
        var trailer = new byte[MagicTrailerLength];
        trailer[0] = 0x01;
        for (var i = 0; i < 256; i++)
        {
            trailer[1 + i] = (byte)(0xFF - i);
        }

        return trailer; // the last byte stays 0x00: the terminator
    }

    /// <summary>The whole extension block carrying <paramref name="packet"/>.</summary>
    public static byte[] Build(ReadOnlySpan<byte> packet)
    {
        if (packet.Contains((byte)0))
        {
            throw new ArgumentException("a GIF XMP packet cannot hold NUL bytes: a sub-block reader would stop at them", nameof(packet));
        }

        var block = new byte[HeaderLength + packet.Length + MagicTrailerLength];
        block[0] = 0x21;
        block[1] = GifBlock.ApplicationLabel;
        block[2] = 11;
        Encoding.ASCII.GetBytes(GifBlock.XmpApplication, block.AsSpan(3));
        packet.CopyTo(block.AsSpan(HeaderLength));
        MagicTrailer().CopyTo(block, HeaderLength + packet.Length);
        return block;
    }

    /// <summary>
    /// The packet in the bytes after the application id (up to and including the terminator). Returns false when
    /// the magic trailer is missing; the packet is then the sub-block data, as a writer ignoring the spec stores it.
    /// </summary>
    public static bool TryExtract(ReadOnlySpan<byte> body, out byte[] packet)
    {
        if (body.Length >= MagicTrailerLength && body[^MagicTrailerLength..].SequenceEqual(MagicTrailer()))
        {
            packet = body[..^MagicTrailerLength].ToArray();
            return true;
        }

        var data = new List<byte>(body.Length);
        var at = 0;
        while (at < body.Length && body[at] != 0)
        {
            var size = body[at];
            var end = Math.Min(body.Length, at + 1 + size);
            foreach (var b in body[(at + 1)..end])
            {
                data.Add(b);
            }

            at = end;
        }

        packet = [.. data];
        return false;
    }
}

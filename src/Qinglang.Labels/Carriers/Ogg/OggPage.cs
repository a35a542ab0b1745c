using System.Buffers.Binary;
using Qinglang.Labels.IO;

namespace Qinglang.Labels.Carriers.Ogg;

/// <summary>
/// One Ogg page (RFC 3533 §6): "OggS", version 0, header type (1 continued, 2 first, 4 last page of a stream),
/// granule position, stream serial, page sequence number, CRC, segment table, body. Held whole in a caller's buffer
/// (a page is at most <see cref="MaxLength"/> bytes) so pages are checked and copied with bounded memory.
/// </summary>
internal readonly record struct OggPage(long Offset, byte HeaderType, ulong Granule, uint Serial, uint Sequence, int SegmentCount, int Length)
{
    public const int FixedHeaderLength = 27;
    public const int MaxLength = FixedHeaderLength + 255 + (255 * 255);
    public const byte Continued = 0x01;
    public const byte FirstOfStream = 0x02;
    public const byte LastOfStream = 0x04;

    public long End => Offset + Length;

    public int HeaderLength => FixedHeaderLength + SegmentCount;

    public bool IsContinued => (HeaderType & Continued) != 0;

    public bool IsFirst => (HeaderType & FirstOfStream) != 0;

    public bool IsLast => (HeaderType & LastOfStream) != 0;

    /// <summary>Reads the page at the stream's position into <paramref name="buffer"/> (≥ <see cref="MaxLength"/> bytes).</summary>
    public static OggPage Read(Stream input, byte[] buffer)
    {
        var offset = input.Position;
        input.ReadFully(buffer.AsSpan(0, FixedHeaderLength), "Ogg page header");
        if (!buffer.AsSpan(0, 4).SequenceEqual("OggS"u8))
        {
            throw new ContainerFormatException("no Ogg page capture pattern \"OggS\" where a page should start", offset);
        }

        if (buffer[4] != 0)
        {
            throw new ContainerFormatException($"Ogg page version {buffer[4]} is not 0", offset);
        }

        var segments = buffer[26];
        input.ReadFully(buffer.AsSpan(FixedHeaderLength, segments), "Ogg segment table");
        var body = 0;
        foreach (var lacing in buffer.AsSpan(FixedHeaderLength, segments))
        {
            body += lacing;
        }

        input.ReadFully(buffer.AsSpan(FixedHeaderLength + segments, body), "Ogg page body");
        return new OggPage(offset, buffer[5], BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(6)),
            BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(14)), BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(18)),
            segments, FixedHeaderLength + segments + body);
    }

    /// <summary>True when the CRC stored in the page matches its contents.</summary>
    public static bool CrcMatches(Span<byte> page)
    {
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(page[22..]);
        return ComputeCrc(page) == stored;
    }

    /// <summary>Stores a new sequence number and the CRC that goes with it.</summary>
    public static void Renumber(Span<byte> page, uint sequence)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(page[18..], sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(page[22..], ComputeCrc(page));
    }

    /// <summary>A complete page with its CRC.</summary>
    public static byte[] Build(byte headerType, ulong granule, uint serial, uint sequence, ReadOnlySpan<byte> segments, ReadOnlySpan<byte> body)
    {
        var page = new byte[FixedHeaderLength + segments.Length + body.Length];
        "OggS"u8.CopyTo(page);
        page[5] = headerType;
        BinaryPrimitives.WriteUInt64LittleEndian(page.AsSpan(6), granule);
        BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(14), serial);
        page[26] = (byte)segments.Length;
        segments.CopyTo(page.AsSpan(FixedHeaderLength));
        body.CopyTo(page.AsSpan(FixedHeaderLength + segments.Length));
        Renumber(page, sequence);
        return page;
    }

    /// <summary>The CRC of a page, computed as if its CRC field were zero.</summary>
    private static uint ComputeCrc(ReadOnlySpan<byte> page)
    {
        var crc = OggCrc.Compute(page[..22]);
        crc = OggCrc.Append(crc, [0, 0, 0, 0]);
        return OggCrc.Append(crc, page[26..]);
    }
}

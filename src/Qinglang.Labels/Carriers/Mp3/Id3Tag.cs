using System.Buffers.Binary;
using System.IO.Compression;

namespace Qinglang.Labels.Carriers.Mp3;

/// <summary>
/// An ID3v2.2/2.3/2.4 tag read into memory: header, body (tag-level unsynchronisation removed for v2.2/2.3, where it
/// covers the whole tag), and its frames up to the padding. Frames are kept as raw bytes so they can be written back
/// unchanged (ID3v2.3 §3.3; ID3v2.4 structure §3.3, §4).
/// </summary>
internal sealed class Id3Tag
{
    /// <summary>Decompressed frames larger than this are refused (a zlib bomb).</summary>
    private const int MaxFrameContent = 16 << 20;

    private Id3Tag(Id3Header header, List<Id3Frame> frames, bool plainFrameSizes)
    {
        Header = header;
        Frames = frames;
        PlainFrameSizes = plainFrameSizes;
    }

    /// <summary>
    /// True for an ID3v2.4 tag whose frame sizes are plain 32-bit numbers instead of synchsafe (an old iTunes bug that
    /// mutagen and others also accept); new frames in such a tag must be written the same way to stay readable.
    /// </summary>
    public bool PlainFrameSizes { get; }

    public Id3Header Header { get; }

    public List<Id3Frame> Frames { get; }

    /// <summary>Parses the body that followed <paramref name="header"/> in the file; throws on any length that does not fit.</summary>
    public static Id3Tag Parse(Id3Header header, byte[] rawBody)
    {
        try
        {
            return Parse(header, rawBody, plainFrameSizes: false);
        }
        catch (ContainerFormatException) when (header.Major == 4)
        {
            // Only if the whole tag then parses cleanly is it taken as the iTunes variant; else the first error stands.
            try
            {
                return Parse(header, rawBody, plainFrameSizes: true);
            }
            catch (ContainerFormatException)
            {
            }

            throw;
        }
    }

    private static Id3Tag Parse(Id3Header header, byte[] rawBody, bool plainFrameSizes)
    {
        var body = header.Major < 4 && header.Unsynchronised ? Synchsafe.Decode(rawBody) : rawBody;
        if (header.Major == 2 && (header.Flags & 0x40) != 0)
        {
            throw new ContainerFormatException("ID3v2.2 tag uses whole-tag compression, which no reader defines", 5);
        }

        var position = header.HasExtendedHeader ? ExtendedHeaderLength(header, body) : 0;
        var frames = new List<Id3Frame>();
        var idLength = header.Major == 2 ? 3 : 4;
        var headerLength = header.Major == 2 ? 6 : 10;
        while (position + headerLength <= body.Length && body[position] != 0)
        {
            var frameHeader = body.AsSpan(position, headerLength);
            var id = System.Text.Encoding.ASCII.GetString(frameHeader[..idLength]);
            if (!frameHeader[..idLength].ToArray().All(b => b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9'))
            {
                throw new ContainerFormatException($"ID3v2 frame id '{id}' is not {idLength} capitals or digits", Id3Header.Length + position);
            }

            long size;
            ushort flags = 0;
            if (header.Major == 2)
            {
                size = (frameHeader[3] << 16) | (frameHeader[4] << 8) | frameHeader[5];
            }
            else
            {
                var synchsafe = header.Major == 4 && !plainFrameSizes;
                if (synchsafe && !Synchsafe.IsValid(frameHeader.Slice(4, 4)))
                {
                    throw new ContainerFormatException($"ID3v2.4 frame {id} has a size that is not synchsafe", Id3Header.Length + position);
                }

                size = synchsafe ? Synchsafe.Read(frameHeader.Slice(4, 4)) : BinaryPrimitives.ReadUInt32BigEndian(frameHeader[4..]);
                flags = BinaryPrimitives.ReadUInt16BigEndian(frameHeader[8..]);
            }

            if (size > body.Length - position - headerLength)
            {
                throw new ContainerFormatException($"ID3v2 frame {id} claims {size} bytes but the tag ends first", Id3Header.Length + position);
            }

            var end = position + headerLength + (int)size;
            frames.Add(new Id3Frame(id, position, body[position..end], flags, headerLength));
            position = end;
        }

        return new Id3Tag(header, frames, plainFrameSizes);
    }

    /// <summary>
    /// The frame's content with its flag data, per-frame unsynchronisation and compression undone; null when the frame
    /// is encrypted (its content cannot be read).
    /// </summary>
    public byte[]? Content(Id3Frame frame)
    {
        var data = frame.Data;
        var format = frame.Flags & 0xFF;
        bool compressed;
        if (Header.Major == 4)
        {
            compressed = (format & 0x08) != 0;
            var skip = ((format & 0x40) != 0 ? 1 : 0) + ((format & 0x04) != 0 ? 1 : 0) + ((format & 0x01) != 0 ? 4 : 0);
            if ((format & 0x04) != 0)
            {
                return null;
            }

            data = data[Math.Min(skip, data.Length)..];
            if ((format & 0x02) != 0 || Header.Unsynchronised)
            {
                data = Synchsafe.Decode(data);
            }
        }
        else
        {
            compressed = (format & 0x80) != 0;
            if ((format & 0x40) != 0)
            {
                return null;
            }

            var skip = (compressed ? 4 : 0) + ((format & 0x20) != 0 ? 1 : 0);
            data = data[Math.Min(skip, data.Length)..];
        }

        return compressed ? Inflate(data, frame.Id) : data.ToArray();
    }

    private static int ExtendedHeaderLength(Id3Header header, byte[] body)
    {
        if (body.Length < 6)
        {
            throw new ContainerFormatException("ID3v2 extended header does not fit in the tag", Id3Header.Length);
        }

        // v2.3: a 32-bit size that excludes itself; v2.4: a synchsafe size that includes itself.
        long length = header.Major == 4 ? Synchsafe.Read(body) : BinaryPrimitives.ReadUInt32BigEndian(body) + 4L;
        if (length < 6 || length > body.Length || (header.Major == 4 && !Synchsafe.IsValid(body.AsSpan(0, 4))))
        {
            throw new ContainerFormatException($"ID3v2 extended header claims {length} bytes, which does not fit in the tag", Id3Header.Length);
        }

        return (int)length;
    }

    private static byte[] Inflate(ReadOnlySpan<byte> compressed, string id)
    {
        using var input = new MemoryStream(compressed.ToArray());
        using var zlib = new ZLibStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[16384];
        try
        {
            int read;
            while ((read = zlib.Read(buffer)) > 0)
            {
                output.Write(buffer, 0, read);
                if (output.Length > MaxFrameContent)
                {
                    throw new ContainerFormatException($"compressed ID3v2 frame {id} inflates past {MaxFrameContent} bytes");
                }
            }
        }
        catch (InvalidDataException ex)
        {
            throw new ContainerFormatException($"compressed ID3v2 frame {id} is corrupt: {ex.Message}");
        }

        return output.ToArray();
    }
}

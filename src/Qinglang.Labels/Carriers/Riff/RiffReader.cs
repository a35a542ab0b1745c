using System.Buffers.Binary;
using System.Text;
using Qinglang.Labels.IO;

namespace Qinglang.Labels.Carriers.Riff;

/// <summary>
/// Walks RIFF chunks (little-endian sizes, each chunk padded to an even length) and checks every size against the
/// enclosing chunk and the file, so a lying size becomes a <see cref="ContainerFormatException"/>.
/// </summary>
internal static class RiffReader
{
    /// <summary>Metadata chunks (XMP, INFO lists, AIGC) larger than this are refused; real ones are kilobytes.</summary>
    public const int MaxMetadataChunk = 16 << 20;

    private const int MaxDs64 = 1 << 20;

    /// <summary>True when <paramref name="head"/> starts a RIFF-family file of <paramref name="formType"/>.</summary>
    public static bool IsForm(ReadOnlySpan<byte> head, string formType, bool allowRf64 = false)
    {
        if (head.Length < 12 || Encoding.ASCII.GetString(head[8..12]) != formType)
        {
            return false;
        }

        var magic = Encoding.ASCII.GetString(head[..4]);
        return magic == "RIFF" || (allowRf64 && magic is "RF64" or "BW64");
    }

    /// <summary>Reads and checks the outermost chunk; for RF64/BW64 also the <c>ds64</c> chunk that must follow.</summary>
    /// <param name="allowUnsetSize">Accept a streamed file whose RIFF size was never filled in (see <see cref="RiffHeader.SizeUnset"/>).</param>
    public static RiffHeader ReadHeader(Stream input, string formType, bool allowRf64 = false, bool allowUnsetSize = false)
    {
        input.Position = 0;
        Span<byte> head = stackalloc byte[12];
        input.ReadFully(head, "RIFF header");
        var magic = Encoding.ASCII.GetString(head[..4]);
        var form = Encoding.ASCII.GetString(head[8..12]);
        if (!(magic == "RIFF" || (allowRf64 && magic is "RF64" or "BW64")) || form != formType)
        {
            throw new ContainerFormatException($"not a RIFF '{formType}' file (starts '{magic}' '{form}')", 0);
        }

        long size = BinaryPrimitives.ReadUInt32LittleEndian(head[4..]);
        Rf64Sizes? sizes = null;
        if (magic != "RIFF")
        {
            sizes = ReadDs64(input);
            if (size == Rf64Sizes.Placeholder)
            {
                size = sizes.RiffSize;
            }
        }

        if (allowUnsetSize && sizes is null && size is 0 or Rf64Sizes.Placeholder && input.Length - 8 != size)
        {
            return new RiffHeader(magic, form, input.Length - 8, null, SizeUnset: true);
        }

        if (size < 4 || size > input.Length - 8)
        {
            throw new ContainerFormatException($"{magic} chunk claims {size} bytes but the file holds {input.Length - 8} after its header", 4);
        }

        return new RiffHeader(magic, form, size, sizes);
    }

    /// <summary>
    /// The chunks between <paramref name="start"/> and <paramref name="end"/> (a RIFF or LIST body). Every size is
    /// checked against <paramref name="end"/>; a few zero bytes of slack at the end are tolerated, anything else is not.
    /// </summary>
    /// <param name="openEndedId">
    /// In a streamed file (<see cref="RiffHeader.SizeUnset"/>), the chunk id whose unset size (0 or 0xFFFFFFFF, or one
    /// running past the end) means "to the end": WAV's <c>data</c>. Null everywhere else.
    /// </param>
    public static IEnumerable<RiffChunk> Children(Stream input, long start, long end, Rf64Sizes? sizes = null, string? openEndedId = null)
    {
        if (end > input.Length)
        {
            throw new ContainerFormatException($"chunk list ends at {end}, past the end of the file ({input.Length})", start);
        }

        var header = new byte[12];
        var position = start;
        while (end - position >= 8)
        {
            input.Position = position;
            input.ReadFully(header.AsSpan(0, 8), "chunk header");
            var id = FourCc(header.AsSpan(0, 4), position);
            long size = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4));
            if (sizes is not null && size == Rf64Sizes.Placeholder && id != "ds64")
            {
                size = sizes.SizeOf(id) ?? throw new ContainerFormatException($"'{id}' chunk defers its size to ds64, which does not list it", position);
            }

            var dataEnd = position + 8 + size;
            if (id == openEndedId && (size is 0 or Rf64Sizes.Placeholder || dataEnd > end))
            {
                size = end - position - 8;
                dataEnd = end;
            }

            if (dataEnd > end || dataEnd < position)
            {
                throw new ContainerFormatException($"'{id}' chunk claims {size} bytes but its enclosing chunk ends first", position);
            }

            string? listType = null;
            if (id is "LIST" or "RIFF")
            {
                if (size < 4)
                {
                    throw new ContainerFormatException($"{id} chunk of {size} bytes has no list type", position);
                }

                input.ReadFully(header.AsSpan(8, 4), "list type");
                listType = FourCc(header.AsSpan(8, 4), position + 8);
            }

            var padMissing = (size & 1) == 1 && dataEnd == end && end == input.Length;
            if ((size & 1) == 1 && !padMissing && dataEnd + 1 > end)
            {
                throw new ContainerFormatException($"odd-sized '{id}' chunk has no room for its pad byte", position);
            }

            var chunk = new RiffChunk(id, position, size, listType, padMissing);
            yield return chunk;
            position = chunk.End;
        }

        if (position < end)
        {
            var slack = new byte[end - position];
            input.Position = position;
            input.ReadFully(slack, "chunk list slack");
            if (slack.AsSpan().ContainsAnyExcept((byte)0))
            {
                throw new ContainerFormatException($"{slack.Length} stray bytes where a chunk header should start", position);
            }
        }
    }

    /// <summary>Reads a chunk's data (without pad) into memory; refused above <paramref name="max"/> bytes.</summary>
    public static byte[] ReadData(Stream input, RiffChunk chunk, int max = MaxMetadataChunk)
    {
        input.Position = chunk.DataOffset;
        return input.ReadBlock(chunk.Size, max, chunk.ToString());
    }

    private static Rf64Sizes ReadDs64(Stream input)
    {
        var chunk = Children(input, RiffHeader.ChildrenOffset, input.Length).FirstOrDefault();
        if (chunk.Id != "ds64")
        {
            throw new ContainerFormatException("RF64 file does not start with a ds64 chunk", RiffHeader.ChildrenOffset);
        }

        if (chunk.Size < 28)
        {
            throw new ContainerFormatException($"ds64 chunk of {chunk.Size} bytes is shorter than its 28 fixed bytes", chunk.Offset);
        }

        var data = ReadData(input, chunk, MaxDs64);
        var riffSize = ReadSize(data, 0, chunk.Offset);
        var dataSize = ReadSize(data, 8, chunk.Offset);
        var tableLength = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(24));
        if (tableLength > (data.Length - 28) / 12)
        {
            throw new ContainerFormatException($"ds64 table claims {tableLength} entries but holds room for {(data.Length - 28) / 12}", chunk.Offset);
        }

        var table = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < tableLength; i++)
        {
            var at = 28 + (i * 12);
            table[FourCc(data.AsSpan(at, 4), chunk.DataOffset + at)] = ReadSize(data, at + 4, chunk.Offset);
        }

        return new Rf64Sizes(chunk, riffSize, dataSize, table);
    }

    private static long ReadSize(byte[] data, int at, long chunkOffset)
    {
        var value = BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(at));
        return value <= long.MaxValue ? (long)value : throw new ContainerFormatException($"ds64 size {value} is out of range", chunkOffset);
    }

    /// <summary>A chunk id: four printable ASCII characters (RIFF ids are FOURCCs; anything else is not a header).</summary>
    private static string FourCc(ReadOnlySpan<byte> bytes, long offset)
    {
        foreach (var b in bytes)
        {
            if (b is < 0x20 or > 0x7E)
            {
                throw new ContainerFormatException($"chunk id {Convert.ToHexString(bytes)} is not four printable characters", offset);
            }
        }

        return Encoding.ASCII.GetString(bytes);
    }
}

using System.Buffers.Binary;
using System.Text;
using Qinglang.Labels.IO;

namespace Qinglang.Labels.Carriers.Matroska;

/// <summary>
/// A small metadata element (SeekHead, Tags) held in memory as a tree, so one part can change and the rest is
/// written back byte for byte. Master elements listed by the caller hold children; every other element keeps its
/// raw data. Size fields keep their original width where the new size still fits, so untouched parts stay identical.
/// </summary>
internal sealed class EbmlNode
{
    private const int MaxDepth = 16;

    public EbmlNode(uint id, byte[] data)
    {
        Id = id;
        Data = data;
    }

    public EbmlNode(uint id, List<EbmlNode> children)
    {
        Id = id;
        Children = children;
    }

    public uint Id { get; }

    /// <summary>Raw data of a non-master element; null for a master.</summary>
    public byte[]? Data { get; set; }

    /// <summary>Children of a master element; null for a data element.</summary>
    public List<EbmlNode>? Children { get; }

    /// <summary>Width of the size field as read (0 for new nodes: minimal).</summary>
    public int SizeWidth { get; init; }

    public IEnumerable<EbmlNode> ChildrenWithId(uint id) => Children?.Where(c => c.Id == id) ?? [];

    public EbmlNode? Child(uint id) => ChildrenWithId(id).FirstOrDefault();

    /// <summary>UTF-8 text of a string element, without the NUL padding EBML allows.</summary>
    public string Text => Encoding.UTF8.GetString(Data ?? []).TrimEnd('\0');

    /// <summary>Big-endian unsigned value of an integer element (0 to 8 bytes).</summary>
    public ulong Unsigned
    {
        get
        {
            var data = Data ?? [];
            if (data.Length > 8)
            {
                throw new ContainerFormatException($"EBML unsigned integer 0x{Id:X} is {data.Length} bytes long");
            }

            ulong value = 0;
            foreach (var b in data)
            {
                value = (value << 8) | b;
            }

            return value;
        }
    }

    public static EbmlNode FromText(uint id, string value) => new(id, Encoding.UTF8.GetBytes(value));

    /// <summary>An unsigned integer element at least <paramref name="minWidth"/> bytes wide.</summary>
    public static EbmlNode UnsignedValue(uint id, ulong value, int minWidth = 1)
    {
        var width = Math.Max(minWidth, (71 - System.Numerics.BitOperations.LeadingZeroCount(value | 1)) / 8);
        var data = new byte[width];
        for (var i = 0; i < width; i++)
        {
            data[i] = (byte)(value >> (8 * (width - 1 - i)));
        }

        return new EbmlNode(id, data);
    }

    /// <summary>Parses an element's data as the children of master <paramref name="id"/>.</summary>
    public static EbmlNode ParseMaster(uint id, ReadOnlySpan<byte> data, Func<uint, bool> isMaster, int sizeWidth = 0, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            throw new ContainerFormatException($"EBML elements nest deeper than {MaxDepth} levels");
        }

        var children = new List<EbmlNode>();
        var position = 0;
        while (position < data.Length)
        {
            var rest = data[position..];
            if (!EbmlVint.TryReadId(rest, out var childId, out var idWidth)
                || !EbmlVint.TryReadSize(rest[idWidth..], out var size, out var width, out var unknown))
            {
                throw new ContainerFormatException($"EBML element inside 0x{id:X} is cut short");
            }

            var start = idWidth + width;
            if (unknown || size > (ulong)(rest.Length - start))
            {
                throw new ContainerFormatException($"EBML element 0x{childId:X} inside 0x{id:X} claims more bytes than its parent holds");
            }

            var body = rest.Slice(start, (int)size);
            children.Add(isMaster(childId)
                ? ParseMaster(childId, body, isMaster, width, depth + 1)
                : new EbmlNode(childId, body.ToArray()) { SizeWidth = width });
            position += start + (int)size;
        }

        return new EbmlNode(id, children) { SizeWidth = sizeWidth };
    }

    /// <summary>
    /// The element's bytes. A master whose first child is a CRC-32 element gets the CRC recomputed over the rest
    /// (Matroska: IEEE CRC-32 of the following data, little-endian). <paramref name="extraSizeWidth"/> widens the
    /// outer size field, which lets an element fill a gap of a few bytes exactly.
    /// </summary>
    public byte[] Serialize(int extraSizeWidth = 0)
    {
        byte[] body;
        if (Children is null)
        {
            body = Data ?? [];
        }
        else
        {
            var parts = Children.Select(c => c.Serialize()).ToList();
            if (Children.Count > 0 && Children[0].Id == MatroskaIds.Crc32 && Children[0].Data?.Length == 4)
            {
                var crc = Crc32.Compute([]);
                foreach (var part in parts.Skip(1))
                {
                    crc = Crc32.Append(crc, part);
                }

                BinaryPrimitives.WriteUInt32LittleEndian(parts[0].AsSpan(parts[0].Length - 4), crc);
            }

            body = [.. parts.SelectMany(p => p)];
        }

        var width = Math.Max(SizeWidth, EbmlVint.MinSizeWidth((ulong)body.Length)) + extraSizeWidth;
        if (width > EbmlVint.MaxSizeWidth)
        {
            throw new LabelingException(Model.ProblemCodes.ContainerCorrupt, $"EBML element 0x{Id:X} cannot take a size field wider than 8 bytes");
        }

        return [.. EbmlVint.Header(Id, (ulong)body.Length, width), .. body];
    }
}

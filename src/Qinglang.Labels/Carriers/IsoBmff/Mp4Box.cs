using Qinglang.Labels.Model;
using System.Buffers.Binary;

namespace Qinglang.Labels.Carriers.IsoBmff;

/// <summary>
/// A box of the in-memory moov tree. Only the boxes on the way to a label site or a chunk-offset table are parsed
/// into children; everything else is kept as its original payload bytes, so an untouched box is rewritten
/// byte-for-byte.
/// </summary>
internal sealed class Mp4Box(uint code)
{
    /// <summary>Deepest nesting accepted (moov/trak/mdia/minf/stbl is 5; metadata is at most 6).</summary>
    private const int MaxDepth = 12;

    public uint Code { get; set; } = code;

    public string Type => BoxHeader.TypeName(Code);

    /// <summary>The original header used a 64-bit largesize; kept so untouched boxes stay identical.</summary>
    public bool LargeSize { get; init; }

    /// <summary>Container only: fixed fields between the header and the first child (full-box version and flags).</summary>
    public byte[] Prefix { get; set; } = [];

    /// <summary>Null for a leaf, whose content is <see cref="Payload"/>.</summary>
    public List<Mp4Box>? Children { get; set; }

    /// <summary>Container only: bytes after the last child too short to be a box (QuickTime's 4-byte udta terminator).</summary>
    public byte[] Tail { get; set; } = [];

    /// <summary>Leaf only: everything after the header.</summary>
    public byte[] Payload { get; set; } = [];

    /// <summary>Offset of the box in the original file, or -1 for a new box.</summary>
    public long SourceOffset { get; init; } = -1;

    /// <summary>Why a box that should have children is kept as a leaf (its children do not parse), else null.</summary>
    public string? Unparsed { get; init; }

    public long ContentLength => Children is null
        ? Payload.Length
        : Prefix.Length + Tail.Length + Children.Sum(c => c.Size);

    public long Size => ContentLength + BoxHeader.LengthFor(ContentLength, LargeSize);

    public IEnumerable<Mp4Box> ChildrenOf(uint code) => Children?.Where(c => c.Code == code) ?? [];

    public Mp4Box? Child(uint code) => ChildrenOf(code).FirstOrDefault();

    public static Mp4Box Leaf(uint code, byte[] payload) => new(code) { Payload = payload };

    public static Mp4Box Container(uint code, byte[] prefix, params Mp4Box[] children) => new(code) { Prefix = prefix, Children = [.. children] };

    public byte[] ToArray()
    {
        var size = Size;
        if (size > int.MaxValue)
        {
            throw new LabelingException(ProblemCodes.Unsupported, $"'{Type}' box of {size} bytes is too large to rebuild in memory");
        }

        var bytes = new byte[size];
        var written = WriteTo(bytes);
        return written == bytes.Length ? bytes : throw new InvalidOperationException("box size and content disagree");
    }

    private int WriteTo(Span<byte> destination)
    {
        var at = BoxHeader.Write(destination, Code, Size, LargeSize);
        if (Children is null)
        {
            Payload.CopyTo(destination[at..]);
            return at + Payload.Length;
        }

        Prefix.CopyTo(destination[at..]);
        at += Prefix.Length;
        foreach (var child in Children)
        {
            at += child.WriteTo(destination[at..]);
        }

        Tail.CopyTo(destination[at..]);
        return at + Tail.Length;
    }

    /// <summary>Parses a moov box (its complete bytes, which lie at <paramref name="offset"/> in the file).</summary>
    public static Mp4Box ParseMoov(ReadOnlySpan<byte> bytes, long offset) => Parse(bytes, offset, 0, BoxTypes.Moov);

    private static Mp4Box Parse(ReadOnlySpan<byte> bytes, long offset, int depth, uint parent)
    {
        var header = BoxHeader.Parse(bytes, offset);
        var content = bytes[header.HeaderLength..(int)header.Size];
        var code = header.Code;
        if (depth > MaxDepth)
        {
            throw new ContainerFormatException("boxes nest too deeply", offset);
        }

        if (!IsContainer(code, parent))
        {
            return new Mp4Box(code) { LargeSize = header.LargeSize, Payload = content.ToArray(), SourceOffset = offset };
        }

        var prefixLength = code == BoxTypes.Meta ? MetaPrefixLength(content) : 0;
        try
        {
            var (children, tail) = ParseChildren(content[prefixLength..], offset + header.HeaderLength + prefixLength, depth + 1, code);
            return new Mp4Box(code)
            {
                LargeSize = header.LargeSize,
                Prefix = content[..prefixLength].ToArray(),
                Children = children,
                Tail = tail,
                SourceOffset = offset,
            };
        }
        catch (ContainerFormatException ex) when (IsMetadata(code, parent))
        {
            // User data holds vendor boxes of every shape; an odd one is kept as it is rather than refusing the file.
            return new Mp4Box(code) { LargeSize = header.LargeSize, Payload = content.ToArray(), SourceOffset = offset, Unparsed = ex.Message };
        }
    }

    private static (List<Mp4Box> Children, byte[] Tail) ParseChildren(ReadOnlySpan<byte> content, long offset, int depth, uint parent)
    {
        var children = new List<Mp4Box>();
        var at = 0;
        while (content.Length - at >= 8)
        {
            var header = BoxHeader.Parse(content[at..], offset + at);
            children.Add(Parse(content.Slice(at, (int)header.Size), offset + at, depth, parent));
            at += (int)header.Size;
        }

        var tail = content[at..];
        if (tail.ContainsAnyExcept((byte)0))
        {
            throw new ContainerFormatException($"{tail.Length} stray bytes at the end of a '{BoxHeader.TypeName(parent)}' box", offset + at);
        }

        return (children, tail.ToArray());
    }

    /// <summary>
    /// ISO meta is a full box (4 bytes of version and flags before its children); QuickTime's may be a plain box.
    /// A plain one starts directly with a child header, so its bytes 4..8 are a box type such as 'hdlr'.
    /// </summary>
    private static int MetaPrefixLength(ReadOnlySpan<byte> content)
    {
        if (content.Length >= 8 && BinaryPrimitives.ReadUInt32BigEndian(content[4..]) == BoxTypes.Hdlr)
        {
            return 0;
        }

        return content.Length >= 4 ? 4 : 0;
    }

    private static bool IsContainer(uint code, uint parent) =>
        code == BoxTypes.Moov || code == BoxTypes.Trak || code == BoxTypes.Mdia || code == BoxTypes.Minf || code == BoxTypes.Stbl
        || code == BoxTypes.Udta || code == BoxTypes.Meta || code == BoxTypes.Ilst
        || parent == BoxTypes.Ilst; // every ilst item holds data/mean/name boxes

    private static bool IsMetadata(uint code, uint parent) =>
        code == BoxTypes.Udta || code == BoxTypes.Meta || code == BoxTypes.Ilst || parent == BoxTypes.Ilst;
}

using Qinglang.Labels.IO;

namespace Qinglang.Labels.Carriers.IsoBmff;

/// <summary>
/// The top-level boxes of a file, read header by header (payloads are skipped, so a multi-GB mdat costs one seek),
/// each size checked against the file. Fewer than 8 bytes after the last box are kept as trailing bytes.
/// </summary>
internal sealed class TopLevelBoxes
{
    /// <summary>The moov of a real file is metadata (sample tables): hundreds of MB would be a very long movie or a lie.</summary>
    public const int MaxMoovBytes = 256 << 20;

    /// <summary>moof/mfra/sidx boxes are read whole to patch offsets; real ones are kilobytes.</summary>
    public const int MaxFragmentBoxBytes = 64 << 20;

    /// <summary>More top-level boxes than this (a fragment every few frames of a very long file) is refused.</summary>
    private const int MaxBoxes = 1_000_000;

    private readonly List<BoxHeader> _boxes;

    private TopLevelBoxes(List<BoxHeader> boxes, long length)
    {
        _boxes = boxes;
        Length = length;
    }

    public IReadOnlyList<BoxHeader> Boxes => _boxes;

    public long Length { get; }

    /// <summary>Bytes after the last box, too few to be one.</summary>
    public long TrailingLength => Length - (Boxes.Count == 0 ? 0 : Boxes[^1].End);

    public int MoovIndex => _boxes.FindIndex(b => b.Code == BoxTypes.Moov);

    public static TopLevelBoxes Read(Stream input)
    {
        var boxes = BoxHeader.ReadTopLevel(input, MaxBoxes, allowZeroTail: true);
        if (boxes.Count == 0)
        {
            throw new ContainerFormatException("file holds no box");
        }

        return new TopLevelBoxes(boxes, input.Length);
    }

    /// <summary>The precise format: mp4, mov or m4a.</summary>
    public string Format(Stream input)
    {
        var moov = MoovIndex;
        var ftyp = Boxes.Take(moov < 0 ? Boxes.Count : moov).FirstOrDefault(b => b.Code == BoxTypes.Ftyp);
        if (ftyp.Code != BoxTypes.Ftyp)
        {
            return Mp4Brands.FormatOf([]);
        }

        input.Position = ftyp.PayloadOffset;
        return Mp4Brands.FormatOf(input.ReadBlock(Math.Min(ftyp.PayloadLength, 4), 4, "ftyp brand"));
    }

    /// <summary>The first moov box, parsed. A movie without one is corrupt (typically an unfinished recording).</summary>
    public (BoxHeader Header, Mp4Box Tree, byte[] Bytes) LoadMoov(Stream input)
    {
        var index = MoovIndex;
        if (index < 0)
        {
            throw new ContainerFormatException("no 'moov' box: the movie header is missing (an unfinished recording?)");
        }

        var header = Boxes[index];
        input.Position = header.Offset;
        var bytes = input.ReadBlock(header.Size, MaxMoovBytes, "'moov' box");
        if (header.SizeToEnd)
        {
            // A size of 0 means "to the end of the file"; the tree gets an explicit size when it is written back.
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)header.Size);
        }

        return (header, Mp4Box.ParseMoov(bytes, header.Offset), bytes);
    }

    /// <summary>Reads a whole top-level box (moof, mfra, sidx, uuid) for patching.</summary>
    public static byte[] ReadWhole(Stream input, BoxHeader box, int max)
    {
        input.Position = box.Offset;
        return input.ReadBlock(box.Size, max, $"'{box.Type}' box");
    }
}

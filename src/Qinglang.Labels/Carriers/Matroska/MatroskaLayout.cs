using Qinglang.Labels.IO;

namespace Qinglang.Labels.Carriers.Matroska;

/// <summary>One Segment: where its data starts and ends, and the headers of its top-level (level 1) elements.</summary>
internal sealed record MatroskaSegment(EbmlElementHeader Header, long DataEnd, IReadOnlyList<EbmlElementHeader> Elements)
{
    /// <summary>SeekHead and Cues positions count from here.</summary>
    public long DataStart => Header.DataOffset;
}

/// <summary>
/// The element layout of a Matroska/WebM file: the EBML header's DocType and each Segment's level-1 elements. Only
/// headers are read; every size is checked against its parent, and unknown-size Clusters (live muxing) end at the
/// first element that cannot be a Cluster child.
/// </summary>
internal sealed record MatroskaLayout(string DocType, IReadOnlyList<MatroskaSegment> Segments)
{
    /// <summary>An EBML header larger than this is not a real one.</summary>
    private const int MaxEbmlHeader = 4096;

    public static MatroskaLayout Read(Stream input)
    {
        var length = input.Length;
        var header = EbmlElementHeader.Read(input, 0, length);
        var docType = ReadDocType(input, header);
        var segments = new List<MatroskaSegment>();
        var position = header.End;
        while (position < length)
        {
            var element = EbmlElementHeader.Read(input, position, length);
            switch (element.Id)
            {
                case MatroskaIds.Segment:
                    var segment = ReadSegment(input, element, length);
                    segments.Add(segment);
                    position = segment.DataEnd;
                    break;
                case MatroskaIds.Ebml or MatroskaIds.Void when !element.UnknownSize:
                    position = element.End; // chained streams repeat the EBML header; Void may pad anywhere
                    break;
                default:
                    throw new ContainerFormatException($"element 0x{element.Id:X} cannot stand at the top level of a Matroska file", position);
            }
        }

        if (segments.Count == 0)
        {
            throw new ContainerFormatException("Matroska file has no Segment");
        }

        return new MatroskaLayout(docType, segments);
    }

    /// <summary>Checks the EBML header and returns its DocType (<c>matroska</c> or <c>webm</c>).</summary>
    public static string ReadDocType(Stream input, EbmlElementHeader header)
    {
        if (header.Id != MatroskaIds.Ebml || header.UnknownSize)
        {
            throw new ContainerFormatException("file does not start with an EBML header", 0);
        }

        input.Position = header.DataOffset;
        var data = input.ReadBlock(header.DataSize, MaxEbmlHeader, "EBML header");
        var node = EbmlNode.ParseMaster(header.Id, data, _ => false);
        var docType = node.Child(MatroskaIds.DocType)?.Text ?? "matroska";
        return docType is "matroska" or "webm"
            ? docType
            : throw new ContainerFormatException($"EBML DocType '{docType}' is not Matroska or WebM", 0);
    }

    private static MatroskaSegment ReadSegment(Stream input, EbmlElementHeader segment, long fileLength)
    {
        var end = segment.UnknownSize ? fileLength : segment.End;
        var elements = new List<EbmlElementHeader>();
        var position = segment.DataOffset;
        while (position < end)
        {
            var element = EbmlElementHeader.Read(input, position, end);
            if (segment.UnknownSize && element.Id is MatroskaIds.Segment or MatroskaIds.Ebml)
            {
                end = position; // an unknown-size Segment ends where the next stream begins
                break;
            }

            if (element.UnknownSize)
            {
                if (element.Id != MatroskaIds.Cluster)
                {
                    throw new ContainerFormatException($"element 0x{element.Id:X} has an unknown size; only Segments and Clusters may", position);
                }

                element = element with { DataSize = ClusterEnd(input, element.DataOffset, end) - element.DataOffset };
            }

            elements.Add(element);
            position = element.End;
        }

        return new MatroskaSegment(segment, end, elements);
    }

    /// <summary>Where an unknown-size Cluster ends: at the first child that is a level-1 element, or at the Segment's end.</summary>
    private static long ClusterEnd(Stream input, long position, long segmentEnd)
    {
        while (position < segmentEnd)
        {
            var child = EbmlElementHeader.Read(input, position, segmentEnd);
            if (MatroskaIds.IsTopLevel(child.Id))
            {
                return position;
            }

            if (child.UnknownSize)
            {
                throw new ContainerFormatException($"Cluster child 0x{child.Id:X} has an unknown size", position);
            }

            position = child.End;
        }

        return segmentEnd;
    }
}

using System.Buffers.Binary;
using Qinglang.Core;
using Qinglang.Labels.IO;
using Qinglang.Labels.Model;
using Qinglang.Labels.Xmp;

namespace Qinglang.Labels.Carriers.Jpeg;

/// <summary>
/// JPEG: the label lives in the standard XMP packet of an APP1 segment; the alternative is the EXIF UserComment
/// holding the wrapped JSON. Writing keeps one XMP APP1 (merged into the existing packet, where it was), blanks a
/// label in UserComment in place, and copies everything from SOS on byte for byte. Extended XMP is copied untouched;
/// an MPF index (APP2) is corrected when segments after it change size, so appended images stay addressable.
/// </summary>
public sealed class JpegCarrier : ILabelCarrier
{
    /// <summary>Identifier of a standard XMP APP1 segment (XMP part 3 §1.1.3).</summary>
    private static ReadOnlySpan<byte> XmpIdentifier => "http://ns.adobe.com/xap/1.0/\0"u8;

    /// <summary>A segment's length field counts itself: at most 65,535 - 2 bytes of data.</summary>
    private const int MaxSegmentData = 65533;

    public string Format => "jpeg";

    public bool Detect(ReadOnlySpan<byte> head) => head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF;

    public CarrierScan Read(Stream input)
    {
        var segments = JpegMarkers.Segments(input);
        JpegMarkers.FindEndOfImage(input, segments[^1].End);

        var sites = new List<LabelSite>();
        var findings = new List<Finding>();
        foreach (var segment in segments.Where(s => s.Marker == JpegSegment.App1))
        {
            var data = ReadData(input, segment);
            if (data.AsSpan().StartsWith(XmpIdentifier))
            {
                sites.AddRange(XmpLabel.ReadSites(data.AsSpan(XmpIdentifier.Length), $"APP1 XMP at {segment.Start}", findings));
            }
            else if (data.AsSpan().StartsWith(ExifUserComment.Identifier) && ReadUserComment(data, segment, findings) is { } comment)
            {
                sites.Add(new LabelSite("exif-usercomment", $"APP1 Exif at {segment.Start}, ExifIFD UserComment", comment, LabelJsonForm.Wrapped));
            }
        }

        return new CarrierScan(sites, findings);
    }

    public void Write(Stream input, Stream output, AigcLabel label)
    {
        var segments = JpegMarkers.Segments(input);
        var sos = segments[^1];
        JpegMarkers.FindEndOfImage(input, sos.End);

        // The first standard XMP packet is merged into and its segment replaced where it stands; later standard
        // packets that hold a label are dropped, so the file keeps exactly one site.
        var replaced = -1;
        byte[]? existing = null;
        var drop = new HashSet<int>();
        for (var i = 0; i < segments.Count; i++)
        {
            if (!IsXmp(input, segments[i]))
            {
                continue;
            }

            var packet = ReadData(input, segments[i])[XmpIdentifier.Length..];
            if (replaced < 0)
            {
                replaced = i;
                existing = packet;
                drop.Add(i);
            }
            else if (XmpLabel.ReadSites(XmpLabel.DecodePacket(packet), "XMP", new List<Finding>()).Count > 0)
            {
                drop.Add(i);
            }
        }

        var newSegment = BuildXmpSegment(existing, label);
        var insertAt = replaced >= 0 ? replaced : AfterLeadingAppSegments(input, segments);

        // Images appended after EOI (MPF) are addressed from the MP header: changes after it shift them.
        var mpf = segments.FindIndex(s => s.Marker == MpfIndex.App2 && StartsWith(input, s, MpfIndex.Identifier));
        var shift = mpf < 0 ? 0 : (insertAt > mpf ? newSegment.Length : 0) - drop.Where(i => i > mpf).Sum(i => segments[i].End - segments[i].Start);

        input.Position = 0;
        input.CopyRange(output, 2, "SOI");
        for (var i = 0; i < segments.Count; i++)
        {
            if (i == insertAt)
            {
                output.Write(newSegment);
            }

            var segment = segments[i];
            input.Position = segment.Start;
            if (segment.IsStartOfScan)
            {
                input.CopyRest(output); // entropy-coded data, later scans, EOI and any trailer: verbatim
                return;
            }

            if (drop.Contains(i))
            {
                continue;
            }

            if (segment.Marker == JpegSegment.App1 && IsExif(input, segment))
            {
                CopyExifWithoutLabel(input, output, segment);
                continue;
            }

            if (i == mpf && shift != 0)
            {
                CopyMpfShifted(input, output, segment, shift);
                continue;
            }

            input.Position = segment.Start; // the identifier check above moved it
            input.CopyRange(output, segment.End - segment.Start, segment.ToString());
        }

        throw new ContainerFormatException("JPEG has no SOS segment"); // unreachable: Segments ends with SOS
    }

    /// <summary>The APP1 segment bytes (marker, length, identifier, packet) carrying the merged XMP.</summary>
    private static byte[] BuildXmpSegment(byte[]? existing, AigcLabel label)
    {
        var json = LabelJson.Serialize(label);
        var packet = XmpLabel.Merge(existing, json, padding: 2048);
        if (XmpIdentifier.Length + packet.Length > MaxSegmentData)
        {
            packet = XmpLabel.Merge(existing, json, padding: 0); // padding is a courtesy; the label is not
        }

        var dataLength = XmpIdentifier.Length + packet.Length;
        if (dataLength > MaxSegmentData)
        {
            throw new LabelingException(ProblemCodes.Unsupported,
                $"the XMP packet with the label is {packet.Length} bytes; a JPEG APP1 segment holds at most {MaxSegmentData - XmpIdentifier.Length} bytes of XMP. Remove other XMP properties first (Extended XMP is not written).");
        }

        var segment = new byte[4 + dataLength];
        segment[0] = 0xFF;
        segment[1] = JpegSegment.App1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(dataLength + 2));
        XmpIdentifier.CopyTo(segment.AsSpan(4));
        packet.CopyTo(segment, 4 + XmpIdentifier.Length);
        return segment;
    }

    /// <summary>Index of the first segment after SOI's leading APP0 (JFIF/JFXX) and EXIF APP1 segments.</summary>
    private static int AfterLeadingAppSegments(Stream input, List<JpegSegment> segments)
    {
        var index = 0;
        while (index < segments.Count - 1
            && (segments[index].Marker == JpegSegment.App0 || (segments[index].Marker == JpegSegment.App1 && IsExif(input, segments[index]))))
        {
            index++;
        }

        return index;
    }

    private static void CopyExifWithoutLabel(Stream input, Stream output, JpegSegment segment)
    {
        var data = ReadData(input, segment);
        var tiff = data.AsSpan(ExifUserComment.Identifier.Length);
        (int Offset, int Length, bool BigEndian)? comment = null;
        try
        {
            comment = ExifUserComment.Locate(tiff);
        }
        catch (ContainerFormatException)
        {
            // A malformed EXIF block yields no site when read, so there is no label in it to blank: copy it as it is.
        }

        if (comment is { } at && ExifUserComment.HoldsLabel(ExifUserComment.Decode(tiff.Slice(at.Offset, at.Length), at.BigEndian)))
        {
            ExifUserComment.Blank(tiff.Slice(at.Offset, at.Length));
        }

        input.Position = segment.Start;
        input.CopyRange(output, segment.DataOffset - segment.Start, "APP1 header");
        output.Write(data);
    }

    private static void CopyMpfShifted(Stream input, Stream output, JpegSegment segment, long shift)
    {
        var data = ReadData(input, segment);
        try
        {
            MpfIndex.Shift(data, shift);
        }
        catch (ContainerFormatException)
        {
            data = ReadData(input, segment); // an unreadable index cannot be fixed; it is copied as it was
        }

        input.Position = segment.Start;
        input.CopyRange(output, segment.DataOffset - segment.Start, "APP2 header");
        output.Write(data);
    }

    private static string? ReadUserComment(byte[] data, JpegSegment segment, List<Finding> findings)
    {
        var tiff = data.AsSpan(ExifUserComment.Identifier.Length);
        try
        {
            if (ExifUserComment.Locate(tiff) is not { } at)
            {
                return null;
            }

            var text = ExifUserComment.Decode(tiff.Slice(at.Offset, at.Length), at.BigEndian);
            return ExifUserComment.HoldsLabel(text) ? text : null;
        }
        catch (ContainerFormatException ex)
        {
            findings.Add(Finding.Warning(ProblemCodes.ContainerCorrupt, $"EXIF block is malformed ({ex.Message}); its UserComment was not read", $"APP1 at {segment.Start}"));
            return null;
        }
    }

    private static bool IsXmp(Stream input, JpegSegment segment) => segment.Marker == JpegSegment.App1 && StartsWith(input, segment, XmpIdentifier);

    private static bool IsExif(Stream input, JpegSegment segment) => StartsWith(input, segment, ExifUserComment.Identifier);

    private static bool StartsWith(Stream input, JpegSegment segment, ReadOnlySpan<byte> identifier)
    {
        if (segment.DataLength < identifier.Length)
        {
            return false;
        }

        Span<byte> head = stackalloc byte[identifier.Length];
        input.Position = segment.DataOffset;
        input.ReadFully(head, "APP1 identifier");
        return head.SequenceEqual(identifier);
    }

    /// <summary>A segment's data; bounded by the 16-bit length field, checked against the file by the walker.</summary>
    private static byte[] ReadData(Stream input, JpegSegment segment)
    {
        input.Position = segment.DataOffset;
        return input.ReadBlock(segment.DataLength, MaxSegmentData, segment.ToString());
    }
}

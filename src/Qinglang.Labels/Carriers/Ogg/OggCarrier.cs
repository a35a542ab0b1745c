using Qinglang.Core;
using Qinglang.Labels.Carriers.Vorbis;
using Qinglang.Labels.IO;
using Qinglang.Labels.Model;

namespace Qinglang.Labels.Carriers.Ogg;

/// <summary>
/// Ogg Vorbis and Ogg Opus: the label is the comment <c>AIGC=&lt;json&gt;</c> in the stream's comment header packet.
/// Writing rebuilds that packet (vendor and other comments kept), lays it out again on pages together with the Vorbis
/// setup header (carried over unchanged), renumbers the pages that follow if the header page count changed, and
/// recomputes the CRC of every page it changed. Every page's CRC is checked; a file with a bad one is not written.
/// One logical stream only: multiplexed or chained files are refused for writing (their labels are still read).
/// </summary>
public sealed class OggCarrier : ILabelCarrier
{
    public string Format => "ogg";

    public bool Detect(ReadOnlySpan<byte> head) => head.Length >= 5 && head.StartsWith("OggS"u8) && head[4] == 0;

    public CarrierScan Read(Stream input)
    {
        var findings = new List<Finding>();
        var streams = new List<OggHeaderPackets>();
        var badCrcs = new List<long>();
        var buffer = new byte[OggPage.MaxLength];
        input.Position = 0;
        while (input.Position < input.Length)
        {
            var page = OggPage.Read(input, buffer);
            if (!OggPage.CrcMatches(buffer.AsSpan(0, page.Length)))
            {
                badCrcs.Add(page.Offset);
            }

            var stream = page.IsFirst ? null : streams.LastOrDefault(s => s.Serial == page.Serial);
            if (stream is null)
            {
                if (!page.IsFirst)
                {
                    throw new ContainerFormatException($"Ogg page of stream {page.Serial:X8} before that stream's first page", page.Offset);
                }

                stream = new OggHeaderPackets(page.Serial);
                streams.Add(stream);
            }

            stream.Add(page, buffer.AsSpan(0, page.Length));
        }

        if (badCrcs.Count > 0)
        {
            findings.Add(Finding.Error(ProblemCodes.ContainerCorrupt, $"{badCrcs.Count} Ogg page(s) have a wrong CRC, the first at byte {badCrcs[0]}", $"offset {badCrcs[0]}"));
        }

        if (streams.Count > 1)
        {
            findings.Add(Finding.Warning(ProblemCodes.ContainerCorrupt, $"Ogg file holds {streams.Count} logical streams (multiplexed or chained); Qinglang labels only single-stream files"));
        }

        var sites = new List<LabelSite>();
        foreach (var stream in streams)
        {
            if (!stream.IsLabelable)
            {
                findings.Add(Finding.Info(ProblemCodes.Unsupported, $"Ogg stream {stream.Serial:X8} is {stream.Codec ?? "empty"}, not Vorbis or Opus; its comments are not read"));
                continue;
            }

            if (!stream.IsComplete)
            {
                findings.Add(Finding.Error(ProblemCodes.ContainerCorrupt, $"Ogg {stream.Codec} stream {stream.Serial:X8} ends before its header packets are complete"));
                continue;
            }

            var comment = ParseComment(stream);
            foreach (var (index, value) in comment.LabelValues())
            {
                sites.Add(new LabelSite("vorbis-comment", $"Ogg {stream.Codec} stream {stream.Serial:X8} comment header, comment {index}", value));
            }
        }

        var first = streams.FirstOrDefault();
        return new CarrierScan(sites, findings, first is { IsLabelable: true } ? first.Codec : null);
    }

    public void Write(Stream input, Stream output, AigcLabel label)
    {
        var (headers, firstPageLength, firstSequence) = CheckForWriting(input);
        var comment = ParseComment(headers).WithLabel(LabelJson.Serialize(label));

        // Re-paginate the comment packet (and the Vorbis setup packet that shares its pages) from the second page on.
        var second = firstSequence + 1;
        var paginator = new OggPaginator(headers.Serial, unchecked(second), granule: 0);
        paginator.Add(comment.Encode(headers.CommentPrefix));
        foreach (var packet in headers.Packets.Skip(2))
        {
            paginator.Add(packet);
        }

        var newPages = paginator.Finish(headers.LastPage.IsLast ? OggPage.LastOfStream : (byte)0);
        var shift = newPages.Count - (headers.PageCount - 1);

        input.Position = 0;
        input.CopyRange(output, firstPageLength, "Ogg first page");
        foreach (var page in newPages)
        {
            output.Write(page);
        }

        input.Position = headers.LastPage.End;
        if (shift == 0)
        {
            input.CopyRest(output); // every CRC was checked in CheckForWriting; pages stay as they are
            return;
        }

        var buffer = new byte[OggPage.MaxLength];
        while (input.Position < input.Length)
        {
            var page = OggPage.Read(input, buffer);
            OggPage.Renumber(buffer.AsSpan(0, page.Length), unchecked((uint)(page.Sequence + shift)));
            output.Write(buffer, 0, page.Length);
        }
    }

    /// <summary>
    /// Walks every page before anything is written: CRCs right, one logical stream, Vorbis or Opus, headers complete
    /// and laid out as the specs require (first packet alone on the first page, audio on a fresh page).
    /// </summary>
    private static (OggHeaderPackets Headers, int FirstPageLength, uint FirstSequence) CheckForWriting(Stream input)
    {
        var buffer = new byte[OggPage.MaxLength];
        input.Position = 0;
        OggHeaderPackets? headers = null;
        var firstLength = 0;
        uint firstSequence = 0;
        while (input.Position < input.Length)
        {
            var page = OggPage.Read(input, buffer);
            if (!OggPage.CrcMatches(buffer.AsSpan(0, page.Length)))
            {
                throw new ContainerFormatException($"Ogg page {page.Sequence} has a wrong CRC; refusing to write a copy of a corrupt file", page.Offset);
            }

            if (headers is null)
            {
                if (!page.IsFirst)
                {
                    throw new ContainerFormatException("the first Ogg page is not flagged as the first page of a stream", page.Offset);
                }

                headers = new OggHeaderPackets(page.Serial);
                firstLength = page.Length;
                firstSequence = page.Sequence;
            }
            else if (page.Serial != headers.Serial || page.IsFirst)
            {
                throw new LabelingException(ProblemCodes.FormatUnknown, "the Ogg file holds more than one logical stream (multiplexed or chained); Qinglang labels only single-stream Ogg Vorbis or Opus files");
            }

            headers.Add(page, buffer.AsSpan(0, page.Length));
        }

        if (headers is null)
        {
            throw new ContainerFormatException("the Ogg file has no pages");
        }

        if (headers.Codec is not null && !headers.IsLabelable)
        {
            throw new LabelingException(ProblemCodes.FormatUnknown, $"the Ogg stream is {headers.Codec}, not Vorbis or Opus; Qinglang labels only those");
        }

        if (!headers.IsComplete)
        {
            throw new ContainerFormatException("the Ogg file ends before its header packets are complete");
        }

        if (!headers.FirstPacketFillsFirstPage || !headers.EndsWithPage)
        {
            throw new ContainerFormatException($"the Ogg {headers.Codec} headers do not sit on pages of their own, as the format requires");
        }

        return (headers, firstLength, firstSequence);
    }

    private static VorbisComment ParseComment(OggHeaderPackets stream)
    {
        var packet = stream.Packets[1];
        var prefix = stream.CommentPrefix;
        if (!packet.AsSpan().StartsWith(prefix))
        {
            throw new ContainerFormatException($"the second {stream.Codec} header packet is not a comment header");
        }

        return VorbisComment.Parse(packet.AsSpan(prefix.Length), $"Ogg {stream.Codec} comment header");
    }
}

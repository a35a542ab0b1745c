using Qinglang.Core;
using Qinglang.Labels.Model;
using Qinglang.Labels.Xmp;

namespace Qinglang.Labels.Carriers.Riff;

/// <summary>
/// WebP: the label lives in the XMP packet of the RIFF chunk <c>XMP </c>, which only the extended format (VP8X)
/// carries. Writing keeps one merged XMP chunk after the image and metadata chunks, sets the VP8X XMP flag, and
/// promotes a simple lossy/lossless file to the extended format with a VP8X chunk sized from the bitstream.
/// </summary>
public sealed class WebPCarrier : ILabelCarrier
{
    private const string FormType = "WEBP";
    private const string XmpId = "XMP ";

    // VP8X flag bits (WebP container specification, "Extended File Format").
    private const byte IccFlag = 0x20;
    private const byte AlphaFlag = 0x10;
    private const byte ExifFlag = 0x08;
    private const byte XmpFlag = 0x04;

    /// <summary>Chunks the XMP chunk must follow: the spec's order is VP8X, ICCP, ANIM, image data, EXIF, XMP.</summary>
    private static readonly HashSet<string> PrecedeXmp = ["VP8X", "ICCP", "ANIM", "ANMF", "ALPH", "VP8 ", "VP8L", "EXIF"];

    public string Format => "webp";

    public bool Detect(ReadOnlySpan<byte> head) => RiffReader.IsForm(head, FormType);

    public CarrierScan Read(Stream input)
    {
        var header = RiffReader.ReadHeader(input, FormType);
        var chunks = RiffReader.Children(input, RiffHeader.ChildrenOffset, header.DataEnd).ToList();
        var sites = new List<LabelSite>();
        var findings = new List<Finding>();
        var vp8x = chunks.FirstOrDefault(c => c.Id == "VP8X");
        foreach (var chunk in chunks.Where(c => c.Id == XmpId))
        {
            var found = XmpLabel.ReadSites(RiffReader.ReadData(input, chunk), $"{chunk} (XMP)", findings).ToList();
            if (found.Count > 0 && (vp8x.Id is null || (ReadFlags(input, vp8x) & XmpFlag) == 0))
            {
                findings.Add(Finding.Warning(ProblemCodes.ContainerCorrupt, "the XMP chunk is not announced by a VP8X XMP flag; some readers ignore it", $"offset {chunk.Offset}"));
            }

            sites.AddRange(found);
        }

        return new CarrierScan(sites, findings);
    }

    public void Write(Stream input, Stream output, AigcLabel label)
    {
        var header = RiffReader.ReadHeader(input, FormType);
        var chunks = RiffReader.Children(input, RiffHeader.ChildrenOffset, header.DataEnd).ToList();
        var xmpChunks = chunks.Where(c => c.Id == XmpId).ToList();
        var existing = xmpChunks.Count > 0 ? RiffReader.ReadData(input, xmpChunks[0]) : [];
        var packet = XmpLabel.Merge(existing, LabelJson.Serialize(label), padding: 0);

        var patches = xmpChunks.Select(RiffPatch.Remove).ToList();
        var vp8x = chunks.FirstOrDefault(c => c.Id == "VP8X");
        if (vp8x.Id is null)
        {
            patches.Add(RiffPatch.Insert(RiffHeader.ChildrenOffset, PromoteToExtended(input, chunks)));
        }
        else
        {
            patches.Add(new RiffPatch(vp8x.DataOffset, vp8x.DataOffset + 1, [(byte)(ReadFlags(input, vp8x) | XmpFlag)]));
        }

        var anchor = chunks.LastOrDefault(c => PrecedeXmp.Contains(c.Id));
        if (anchor.Id is null)
        {
            throw new ContainerFormatException("WebP has no image chunk", RiffHeader.ChildrenOffset);
        }

        var xmpChunk = RiffWriter.Chunk(XmpId, packet);
        patches.Add(RiffPatch.Insert(anchor.End, anchor.PadMissing ? [0, .. xmpChunk] : xmpChunk));

        var growth = patches.Sum(p => p.Bytes.Length - (p.End - p.Start));
        patches.Add(new RiffPatch(4, 8, RiffWriter.Size32(header.Size + growth)));
        RiffWriter.Splice(input, output, patches);
    }

    /// <summary>A VP8X chunk for a simple-format file: canvas and alpha from the bitstream, flags for what it holds.</summary>
    private static byte[] PromoteToExtended(Stream input, List<RiffChunk> chunks)
    {
        if (chunks.Any(c => c.Id is "ANIM" or "ANMF"))
        {
            throw new ContainerFormatException("animated WebP lacks its VP8X chunk", RiffHeader.ChildrenOffset);
        }

        var image = chunks.FirstOrDefault(c => c.Id is "VP8 " or "VP8L");
        if (image.Id is null)
        {
            throw new ContainerFormatException("WebP has neither VP8X nor a VP8/VP8L image chunk", RiffHeader.ChildrenOffset);
        }

        var canvas = WebPBitstream.Canvas(input, image);
        var flags = XmpFlag;
        if (canvas.Alpha || chunks.Any(c => c.Id == "ALPH"))
        {
            flags |= AlphaFlag;
        }

        if (chunks.Any(c => c.Id == "ICCP"))
        {
            flags |= IccFlag;
        }

        if (chunks.Any(c => c.Id == "EXIF"))
        {
            flags |= ExifFlag;
        }

        // Flags byte, three reserved bytes, then canvas width-1 and height-1 as 24-bit little-endian numbers.
        var data = new byte[10];
        data[0] = flags;
        WriteUInt24(data.AsSpan(4), canvas.Width - 1);
        WriteUInt24(data.AsSpan(7), canvas.Height - 1);
        return RiffWriter.Chunk("VP8X", data);
    }

    private static byte ReadFlags(Stream input, RiffChunk vp8x)
    {
        if (vp8x.Size < 10)
        {
            throw new ContainerFormatException($"VP8X chunk of {vp8x.Size} bytes is shorter than its 10 fixed bytes", vp8x.Offset);
        }

        input.Position = vp8x.DataOffset;
        var flags = input.ReadByte();
        return flags >= 0 ? (byte)flags : throw new ContainerFormatException("file ends inside VP8X", vp8x.Offset);
    }

    private static void WriteUInt24(Span<byte> destination, int value)
    {
        destination[0] = (byte)value;
        destination[1] = (byte)(value >> 8);
        destination[2] = (byte)(value >> 16);
    }
}

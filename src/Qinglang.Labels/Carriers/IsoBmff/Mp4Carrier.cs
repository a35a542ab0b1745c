using Qinglang.Core;
using Qinglang.Labels.IO;
using Qinglang.Labels.Model;
using Qinglang.Labels.Xmp;

namespace Qinglang.Labels.Carriers.IsoBmff;

/// <summary>
/// MP4, QuickTime MOV and M4A. The TC260 site is moov/udta/meta with handler 'mdta': a 'keys' entry 'mdta' + "AIGC"
/// and the matching 'ilst' item's UTF-8 data box (what <c>ffmpeg -movflags use_metadata_tags -metadata AIGC=…</c>
/// writes). Also read: iTunes '----' items named AIGC, udta 'XMP_' and XMP 'uuid' boxes; writing removes those.
/// </summary>
public sealed class Mp4Carrier : IInPlaceLabelCarrier
{
    public string Format => "mp4";

    public bool Detect(ReadOnlySpan<byte> head) => Mp4Brands.Detect(head);

    public CarrierScan Read(Stream input)
    {
        var sites = new List<LabelSite>();
        var findings = new List<Finding>();
        var top = TopLevelBoxes.Read(input);
        var format = top.Format(input);
        var (header, moov, _) = top.LoadMoov(input);
        MoovLabelSites.Collect(moov, sites, findings);

        foreach (var box in top.Boxes)
        {
            if (box.Code == BoxTypes.Moov && box.Offset != header.Offset)
            {
                findings.Add(Finding.Warning(ProblemCodes.ContainerCorrupt, "a second 'moov' box is ignored (players use the first); relabeling removes it", $"offset {box.Offset}"));
            }
            else if (box.Code == BoxTypes.Uuid && box.PayloadLength >= 16)
            {
                ReadXmpUuid(input, box, sites, findings);
            }
        }

        return new CarrierScan(sites, findings, format);
    }

    public void Write(Stream input, Stream output, AigcLabel label) =>
        new Mp4Rewriter(input).Write(output, LabelJson.Serialize(label));

    public bool TryWriteInPlace(FileStream file, AigcLabel label) =>
        Mp4InPlaceEditor.TryWrite(file, LabelJson.Serialize(label));

    /// <summary>
    /// As <see cref="TryWriteInPlace(FileStream, AigcLabel)"/> (which relocates the head of the media when the moov
    /// sits ahead of it and must grow), with the choice of what to do then instead: move the moov to the end, or refuse
    /// so that the caller rewrites the file.
    /// </summary>
    public bool TryWriteInPlace(FileStream file, AigcLabel label, MoovFirstInPlace moovFirst) =>
        Mp4InPlaceEditor.TryWrite(file, LabelJson.Serialize(label), moovFirst);

    private static void ReadXmpUuid(Stream input, BoxHeader box, List<LabelSite> sites, List<Finding> findings)
    {
        input.Position = box.PayloadOffset;
        Span<byte> uuid = stackalloc byte[16];
        input.ReadFully(uuid, "uuid box type");
        if (!uuid.SequenceEqual(BoxTypes.XmpUuid))
        {
            return;
        }

        if (box.PayloadLength - 16 > XmpLabel.MaxPacketBytes)
        {
            findings.Add(Finding.Warning(ProblemCodes.ContainerCorrupt, $"XMP box of {box.PayloadLength} bytes is too large to read for labels", $"offset {box.Offset}"));
            return;
        }

        var packet = input.ReadBlock(box.PayloadLength - 16, XmpLabel.MaxPacketBytes, "XMP box");
        sites.AddRange(XmpLabel.ReadSites(packet, $"XMP uuid box at {box.Offset}", findings));
    }
}

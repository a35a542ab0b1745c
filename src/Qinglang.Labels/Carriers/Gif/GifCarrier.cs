using Qinglang.Core;
using Qinglang.Labels.IO;
using Qinglang.Labels.Model;
using Qinglang.Labels.Xmp;

namespace Qinglang.Labels.Carriers.Gif;

/// <summary>
/// GIF: the label lives in the XMP packet of the "XMP Data" application extension. Writing drops every XMP
/// extension and inserts one merged packet before the first frame (after the global color table and any NETSCAPE
/// loop extension); a GIF87a header becomes GIF89a, since extensions are a GIF89a feature. Frames are copied as they are.
/// </summary>
public sealed class GifCarrier : ILabelCarrier
{
    /// <summary>XMP extensions larger than this are not read for labels (real packets are kilobytes).</summary>
    private const int MaxXmpBlock = 16 << 20;

    public string Format => "gif";

    public bool Detect(ReadOnlySpan<byte> head) => GifStructure.IsSignature(head);

    public CarrierScan Read(Stream input)
    {
        var sites = new List<LabelSite>();
        var findings = new List<Finding>();
        foreach (var block in GifStructure.Blocks(input).Where(b => b.IsXmp).ToList())
        {
            var where = $"XMP Data application extension at {block.Start}";
            if (ReadPacket(input, block, where, findings) is { } packet)
            {
                sites.AddRange(XmpLabel.ReadSites(packet, where, findings));
            }
        }

        return new CarrierScan(sites, findings);
    }

    public void Write(Stream input, Stream output, AigcLabel label)
    {
        var blocks = GifStructure.Blocks(input).ToList();
        byte[]? existing = null;
        foreach (var block in blocks.Where(b => b.IsXmp))
        {
            if (block.End - block.Start - GifXmpExtension.HeaderLength > MaxXmpBlock)
            {
                // Every XMP extension is dropped below; one too large to merge into would take its other properties with it.
                throw new LabelingException(ProblemCodes.Unsupported, $"{block} is {block.End - block.Start} bytes, too large to merge the label into; it is left as it is");
            }

            existing ??= ReadPacket(input, block, block.ToString(), findings: null);
        }

        var packet = XmpLabel.Merge(existing, LabelJson.Serialize(label), padding: 2048);
        var extension = GifXmpExtension.Build(packet);
        var insertBefore = blocks.First(b => b.StartsFrame).Start;

        var headerEnd = GifStructure.ReadHeader(input);
        input.Position = GifStructure.HeaderLength;
        output.Write("GIF89a"u8); // 87a has no extensions; 89a readers read 87a data unchanged
        input.CopyRange(output, headerEnd - GifStructure.HeaderLength, "logical screen descriptor and color table");

        foreach (var block in blocks)
        {
            if (block.Start == insertBefore)
            {
                output.Write(extension);
            }

            input.Position = block.Start;
            if (block.Kind == GifBlockKind.Trailer)
            {
                input.CopyRest(output); // the trailer and anything after it
                return;
            }

            if (!block.IsXmp)
            {
                input.CopyRange(output, block.End - block.Start, block.ToString());
            }
        }
    }

    /// <summary>The raw packet of an XMP extension, or null (with a finding) when it is too large to read.</summary>
    private static byte[]? ReadPacket(Stream input, GifBlock block, string where, List<Finding>? findings)
    {
        var bodyStart = block.Start + GifXmpExtension.HeaderLength;
        if (block.End - bodyStart > MaxXmpBlock)
        {
            findings?.Add(Finding.Warning(ProblemCodes.ContainerCorrupt, $"XMP extension of {block.End - bodyStart} bytes is too large to read for labels", where));
            return null;
        }

        input.Position = bodyStart;
        var body = input.ReadBlock(block.End - bodyStart, MaxXmpBlock, "XMP extension");
        if (!GifXmpExtension.TryExtract(body, out var packet))
        {
            findings?.Add(Finding.Warning(ProblemCodes.XmpMalformed, "XMP extension lacks the 258-byte magic trailer; read as sub-blocks", where));
        }

        return packet;
    }
}

using Qinglang.Core;
using Qinglang.Labels.Model;

namespace Qinglang.Labels.Carriers.Matroska;

/// <summary>
/// Matroska and WebM: the label is a SimpleTag named <c>AIGC</c> whose TagString holds the JSON, in a global Tag of
/// the Segment's Tags element (what ffmpeg writes for <c>-metadata AIGC=…</c>). Writing never moves a Cluster: the
/// Tags element is rewritten in place, moved into Void padding or appended to the Segment, and the old one is voided.
/// </summary>
public sealed class MatroskaCarrier : IInPlaceLabelCarrier
{
    private const string SiteKind = "matroska-simpletag";

    public string Format => "matroska";

    public bool Detect(ReadOnlySpan<byte> head)
    {
        if (!head.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
        {
            return false;
        }

        try
        {
            if (!EbmlVint.TryReadSize(head[4..], out var size, out var width, out var unknown) || unknown || size > (ulong)(head.Length - 4 - width))
            {
                return false;
            }

            var header = EbmlNode.ParseMaster(MatroskaIds.Ebml, head.Slice(4 + width, (int)size), _ => false);
            return (header.Child(MatroskaIds.DocType)?.Text ?? "matroska") is "matroska" or "webm";
        }
        catch (ContainerFormatException)
        {
            return false;
        }
    }

    public CarrierScan Read(Stream input)
    {
        var layout = MatroskaLayout.Read(input);
        var sites = new List<LabelSite>();
        var findings = new List<Finding>();
        for (var s = 0; s < layout.Segments.Count; s++)
        {
            foreach (var tags in layout.Segments[s].Elements.Where(e => e.Id == MatroskaIds.Tags))
            {
                var where = $"Segment {s + 1}, Tags at byte {tags.Offset}";
                if (tags.DataSize > MatroskaTags.MaxTagsSize)
                {
                    findings.Add(Finding.Warning(ProblemCodes.ContainerCorrupt, $"Tags element of {tags.DataSize} bytes is too large to read for labels", where));
                    continue;
                }

                foreach (var found in MatroskaTags.LabelTags(MatroskaTags.Load(input, tags), where))
                {
                    var value = found.SimpleTag.Child(MatroskaIds.TagString)?.Text ?? "";
                    sites.Add(new LabelSite(SiteKind, found.Where, value));
                    if (!found.Global)
                    {
                        findings.Add(Finding.Warning(ProblemCodes.Form, "the AIGC tag targets a track, edition, chapter or attachment, not the whole file", found.Where));
                    }
                }
            }
        }

        return new CarrierScan(sites, findings, layout.DocType);
    }

    public void Write(Stream input, Stream output, AigcLabel label) => EbmlPatch.Apply(input, output, Plan(input, label, allowGrowth: true));

    /// <summary>
    /// Labels in place when the new Tags fits without growing the Segment (a relabel, or room in Void padding); each
    /// region is voided first, then filled, then given its real header, so an interruption leaves a valid file.
    /// </summary>
    public bool TryWriteInPlace(FileStream file, AigcLabel label)
    {
        IReadOnlyList<EbmlPatch> patches;
        try
        {
            patches = Plan(file, label, allowGrowth: false);
        }
        catch (LabelingException)
        {
            return false; // needs the Segment to grow: the copying writer does that
        }

        foreach (var patch in patches)
        {
            EbmlPatch.WriteInPlace(file, patch);
        }

        return true;
    }

    /// <summary>The patches that label the file: old AIGC tags removed, the new Tags placed, last the one that makes it live.</summary>
    private static List<EbmlPatch> Plan(Stream input, AigcLabel label, bool allowGrowth)
    {
        var layout = MatroskaLayout.Read(input);
        var first = layout.Segments[0];
        var patches = new List<EbmlPatch>();

        // The base is the first Tags element holding a label, else the first Tags element: its other tags are kept.
        var firstTags = first.Elements.Where(e => e.Id == MatroskaIds.Tags).Select(e => new LoadedTags(e, MatroskaTags.Load(input, e))).ToList();
        var baseTags = firstTags.FirstOrDefault(t => MatroskaTags.LabelTags(t.Node, "").Count > 0) ?? firstTags.FirstOrDefault();
        var newTags = baseTags?.Node ?? new EbmlNode(MatroskaIds.Tags, new List<EbmlNode>());
        MatroskaTags.RemoveLabels(newTags);
        MatroskaTags.AddLabel(newTags, LabelJson.Serialize(label));

        // Every other Tags element loses its AIGC tags in place; one left with no Tag becomes Void.
        var movedTags = new List<long>();
        if (baseTags is not null)
        {
            movedTags.Add(baseTags.Header.Offset);
        }

        foreach (var segment in layout.Segments)
        {
            foreach (var tags in segment.Elements.Where(e => e.Id == MatroskaIds.Tags && e.Offset != baseTags?.Header.Offset))
            {
                var node = MatroskaTags.Load(input, tags);
                if (MatroskaTags.LabelTags(node, "").Count == 0)
                {
                    continue;
                }

                MatroskaTags.RemoveLabels(node);
                if (!MatroskaTags.HasTag(node))
                {
                    patches.Add(EbmlPatch.Void(tags.Offset, tags.TotalSize));
                    if (segment == first)
                    {
                        movedTags.Add(tags.Offset);
                    }

                    continue;
                }

                var packed = EbmlPatch.Pack([node], tags.TotalSize, openEnded: false)
                    ?? throw new LabelingException(ProblemCodes.Unsupported, $"cannot rewrite the Tags element at byte {tags.Offset} without its AIGC tag");
                patches.Add(new EbmlPatch(tags.Offset, tags.TotalSize, packed.Head, packed.Zeros));
            }
        }

        patches.AddRange(MatroskaTagsPlacement.Plan(input, first, baseTags?.Header, movedTags, newTags, allowGrowth));
        return patches;
    }

    private sealed record LoadedTags(EbmlElementHeader Header, EbmlNode Node);
}

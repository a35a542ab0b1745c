using Qinglang.Core;
using Qinglang.Labels.Model;

namespace Qinglang.Labels.Carriers.Riff;

/// <summary>
/// AVI: the label is the <c>AIGC</c> child of <c>LIST 'INFO'</c>. AVI indexes hold file offsets (idx1 relative to
/// movi or absolute; OpenDML indx/ix## always absolute), so writing never moves media data: the INFO list is
/// rewritten in place when it fits together with the JUNK padding around it (ffmpeg leaves 1 KB after INFO for tag
/// editing); otherwise the old list becomes JUNK and the new one is appended at the end of the first RIFF chunk,
/// which is only done when no OpenDML <c>RIFF 'AVIX'</c> chunk follows it (shifting one would break its absolute
/// offsets, so that case is refused with a <see cref="LabelingException"/>). A TC260 property in an Adobe
/// <c>_PMX</c> XMP chunk is read too, and removed on writing by padding the packet to its old length.
/// </summary>
public sealed class AviCarrier : IInPlaceLabelCarrier
{
    public string Format => "avi";

    public bool Detect(ReadOnlySpan<byte> head) => RiffReader.IsForm(head, AviLayout.FormType);

    public CarrierScan Read(Stream input)
    {
        var layout = AviLayout.Read(input);
        var sites = new List<LabelSite>();
        var findings = new List<Finding>();
        foreach (var xmp in layout.XmpChunks)
        {
            sites.AddRange(RiffXmpChunk.Sites(input, xmp, findings));
        }

        foreach (var list in layout.InfoLists)
        {
            foreach (var entry in RiffInfoList.Read(input, list).Where(e => e.IsLabel))
            {
                sites.Add(new LabelSite("riff-info", $"{list} child '{entry.Id}' at {entry.Offset}", entry.Text));
            }
        }

        return new CarrierScan(sites, findings);
    }

    public void Write(Stream input, Stream output, AigcLabel label) =>
        RiffWriter.Splice(input, output, AviLabelPlan.Make(input, label).Patches);

    public bool TryWriteInPlace(FileStream file, AigcLabel label)
    {
        var plan = AviLabelPlan.Make(file, label);
        if (!plan.InPlace)
        {
            return false;
        }

        // The new INFO list first, then the removals: an interruption leaves a valid file that still holds a label
        // (at worst a stale second site the inspector reports), never a damaged index or media chunk.
        foreach (var patch in plan.Patches)
        {
            file.Position = patch.Start;
            file.Write(patch.Bytes);
        }

        return true;
    }
}

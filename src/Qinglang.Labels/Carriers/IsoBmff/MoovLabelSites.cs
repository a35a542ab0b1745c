using Qinglang.Core;
using Qinglang.Labels.Model;
using Qinglang.Labels.Xmp;

namespace Qinglang.Labels.Carriers.IsoBmff;

/// <summary>
/// Finds label sites inside a moov tree: QuickTime keys 'AIGC' (the TC260 site), iTunes free-form '----' items named
/// AIGC, udta 'XMP_' packets and XMP 'uuid' boxes — in the movie and in every track.
/// </summary>
internal static class MoovLabelSites
{
    public static void Collect(Mp4Box moov, List<LabelSite> sites, List<Finding> findings) =>
        Visit(moov, "moov", sites, findings);

    private static void Visit(Mp4Box box, string path, List<LabelSite> sites, List<Finding> findings)
    {
        foreach (var child in box.Children ?? [])
        {
            var where = $"{path}/{child.Type.TrimEnd()}";
            if (child.Unparsed is not null)
            {
                findings.Add(Finding.Warning(ProblemCodes.ContainerCorrupt, $"{where} box could not be read ({child.Unparsed}); labels in it are not seen", $"offset {child.SourceOffset}"));
            }
            else if (child.Code == BoxTypes.Meta)
            {
                ReadMeta(child, where, sites, findings);
            }
            else if (child.Code == BoxTypes.Udta || child.Code == BoxTypes.Trak)
            {
                Visit(child, where, sites, findings);
            }
            else if (child.Code == BoxTypes.Xmp && box.Code == BoxTypes.Udta)
            {
                sites.AddRange(XmpLabel.ReadSites(child.Payload, $"{where} at {child.SourceOffset} (XMP)", findings));
            }
            else if (IsXmpUuid(child))
            {
                sites.AddRange(XmpLabel.ReadSites(child.Payload.AsSpan(16), $"{where} XMP box at {child.SourceOffset}", findings));
            }
        }
    }

    public static bool IsXmpUuid(Mp4Box box) =>
        box.Code == BoxTypes.Uuid && box.Children is null && box.Payload.AsSpan().StartsWith(BoxTypes.XmpUuid);

    private static void ReadMeta(Mp4Box meta, string path, List<LabelSite> sites, List<Finding> findings)
    {
        var ilst = meta.Child(BoxTypes.Ilst);
        if (ilst?.Children is null)
        {
            return;
        }

        var keysBox = meta.Child(BoxTypes.Keys);
        var keys = keysBox is null ? null : MetadataKeys.Parse(keysBox);
        foreach (var item in ilst.Children.Where(i => i.Children is not null))
        {
            if (item.Code == BoxTypes.FreeForm)
            {
                if (MetadataKeys.FreeFormName(item) is { } name && name.Equals(MetadataKeys.LabelKey, StringComparison.OrdinalIgnoreCase)
                    && MetadataKeys.Value(item) is { } freeFormValue)
                {
                    sites.Add(new LabelSite("mp4-itunes", $"{path}/ilst '----' item named {name} at {item.SourceOffset}", freeFormValue));
                }

                continue;
            }

            if (keys is null || item.Code < 1 || item.Code > keys.Count || !keys[(int)item.Code - 1].IsLabel)
            {
                continue;
            }

            var key = keys[(int)item.Code - 1];
            if (MetadataKeys.Value(item) is not { } value)
            {
                findings.Add(Finding.Warning(ProblemCodes.ContainerCorrupt, $"{path}/ilst item {item.Code} for key '{key.Text}' has no data box", $"offset {item.SourceOffset}"));
                continue;
            }

            if (key.Namespace != BoxTypes.Mdta || MetadataKeys.Handler(meta) != BoxTypes.Mdta)
            {
                findings.Add(Finding.Warning(ProblemCodes.Form, $"key '{key.Text}' uses namespace '{BoxHeader.TypeName(key.Namespace)}' in a '{BoxHeader.TypeName(MetadataKeys.Handler(meta))}' meta; the TC260 site is namespace 'mdta' under handler 'mdta'", path));
            }

            sites.Add(new LabelSite("mp4-keys", $"{path}/keys '{key.Text}' → ilst item {item.Code} at {item.SourceOffset}", value));
        }
    }
}

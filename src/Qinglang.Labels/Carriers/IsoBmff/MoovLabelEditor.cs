using Qinglang.Labels.Model;
using Qinglang.Labels.Xmp;

namespace Qinglang.Labels.Carriers.IsoBmff;

/// <summary>
/// Puts one label into a moov tree at the TC260 site — moov/udta/meta (handler 'mdta'), key 'mdta' + "AIGC", the
/// matching ilst item's UTF-8 data box — merging into existing keys and items, and removes every other label site.
/// </summary>
internal static class MoovLabelEditor
{
    public static void Apply(Mp4Box moov, string json)
    {
        if (moov.Child(BoxTypes.Cmov) is not null)
        {
            throw new LabelingException(ProblemCodes.Unsupported, "this QuickTime movie header is compressed ('cmov'); readers would not see a label beside it");
        }

        var udta = moov.Child(BoxTypes.Udta);
        if (udta is { Unparsed: { } why })
        {
            throw new ContainerFormatException($"moov/udta cannot be read ({why}); refusing to rebuild it", udta.SourceOffset);
        }

        // The target is the first mdta meta of the movie's user data (ffmpeg's place). Failing that, Apple's moov/meta
        // keys: ffmpeg keeps only the first keys table it meets and applies it to every ilst, so a second mdta meta
        // would give Apple's items our key names (and ours theirs). All other sites go.
        var target = FirstKeysMeta(udta) ?? FirstKeysMeta(moov);
        Strip(moov, target);

        if (target is null)
        {
            if (udta is null)
            {
                udta = Mp4Box.Container(BoxTypes.Udta, []);
                moov.Children!.Add(udta);
            }

            // After any iTunes-style (mdir) meta: ffmpeg reads item types as key indices once it has seen an mdta handler.
            target = MetadataKeys.NewMeta();
            udta.Children!.Add(target);
        }

        SetValue(target, json);
    }

    private static Mp4Box? FirstKeysMeta(Mp4Box? parent) =>
        parent?.ChildrenOf(BoxTypes.Meta).FirstOrDefault(m => m.Children is not null && MetadataKeys.Handler(m) == BoxTypes.Mdta);

    /// <summary>Removes label sites everywhere in the tree except the first AIGC key of <paramref name="target"/>.</summary>
    private static void Strip(Mp4Box box, Mp4Box? target)
    {
        foreach (var child in box.Children?.ToList() ?? [])
        {
            if (child.Unparsed is not null)
            {
                continue;
            }

            if (child.Code == BoxTypes.Meta)
            {
                StripMeta(child, keepFirst: child == target);
            }
            else if (child.Code == BoxTypes.Udta || child.Code == BoxTypes.Trak)
            {
                Strip(child, target);
            }
            else if (child.Code == BoxTypes.Xmp && box.Code == BoxTypes.Udta && XmpLabel.Remove(child.Payload) is { } packet)
            {
                child.Payload = packet;
            }
            else if (MoovLabelSites.IsXmpUuid(child) && XmpLabel.Remove(child.Payload.AsSpan(16)) is { } uuidPacket)
            {
                child.Payload = [.. BoxTypes.XmpUuid, .. uuidPacket];
            }
        }
    }

    private static void StripMeta(Mp4Box meta, bool keepFirst)
    {
        var ilst = meta.Child(BoxTypes.Ilst);
        if (ilst?.Children is null)
        {
            return;
        }

        ilst.Children.RemoveAll(item => item.Code == BoxTypes.FreeForm
            && MetadataKeys.FreeFormName(item) is { } name && name.Equals(MetadataKeys.LabelKey, StringComparison.OrdinalIgnoreCase));

        var keysBox = meta.Child(BoxTypes.Keys);
        if (keysBox is null)
        {
            return;
        }

        var keys = MetadataKeys.Parse(keysBox);
        var labelIndices = Enumerable.Range(1, keys.Count).Where(i => keys[i - 1].IsLabel).ToList();
        var removed = keepFirst ? labelIndices.Skip(1).ToHashSet() : labelIndices.ToHashSet();
        if (removed.Count == 0)
        {
            return;
        }

        // Dropping a key renumbers every later key, so every later item's type (its 1-based key index) moves too.
        var newIndex = new uint[keys.Count + 1];
        var kept = new List<MetadataKeys.Key>();
        for (var i = 1; i <= keys.Count; i++)
        {
            if (!removed.Contains(i))
            {
                kept.Add(keys[i - 1]);
                newIndex[i] = (uint)kept.Count;
            }
        }

        ilst.Children.RemoveAll(item => item.Code >= 1 && item.Code <= keys.Count && removed.Contains((int)item.Code));
        foreach (var item in ilst.Children.Where(item => item.Code >= 1 && item.Code <= keys.Count))
        {
            item.Code = newIndex[item.Code];
        }

        keysBox.Payload = MetadataKeys.Build(keysBox.Payload, kept);
    }

    private static void SetValue(Mp4Box meta, string json)
    {
        var keysBox = meta.Child(BoxTypes.Keys);
        if (keysBox is null)
        {
            keysBox = Mp4Box.Leaf(BoxTypes.Keys, MetadataKeys.Build(new byte[4], []));
            meta.Children!.Insert(Math.Min(1, meta.Children.Count), keysBox);
        }

        var ilst = meta.Child(BoxTypes.Ilst);
        if (ilst is null)
        {
            ilst = Mp4Box.Container(BoxTypes.Ilst, []);
            meta.Children!.Add(ilst);
        }
        else if (ilst.Children is null)
        {
            throw new ContainerFormatException($"moov/udta/meta/ilst cannot be read ({ilst.Unparsed}); refusing to rebuild it", ilst.SourceOffset);
        }

        var keys = MetadataKeys.Parse(keysBox);
        var index = keys.FindIndex(k => k.IsLabel) + 1;
        if (index == 0)
        {
            keys.Add(new MetadataKeys.Key(BoxTypes.Mdta, "AIGC"u8.ToArray()));
            keysBox.Payload = MetadataKeys.Build(keysBox.Payload, keys);
            index = keys.Count;
        }
        else if (keys[index - 1].Namespace != BoxTypes.Mdta || keys[index - 1].Text != MetadataKeys.LabelKey)
        {
            keys[index - 1] = new MetadataKeys.Key(BoxTypes.Mdta, "AIGC"u8.ToArray());
            keysBox.Payload = MetadataKeys.Build(keysBox.Payload, keys);
        }

        var item = MetadataKeys.Item((uint)index, json);
        var at = ilst.Children!.FindIndex(i => i.Code == index);
        ilst.Children.RemoveAll(i => i.Code == index);
        ilst.Children.Insert(at < 0 ? ilst.Children.Count : Math.Min(at, ilst.Children.Count), item);
    }
}

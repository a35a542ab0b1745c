using Qinglang.Labels.Carriers.IsoBmff;

namespace Qinglang.Labels.Carriers.Heif;

/// <summary>
/// The top-level 'meta' box of a HEIF file (ISO/IEC 23008-12 §6), held in memory (it is metadata, capped in size):
/// its children in order, and the parsed item boxes a label write touches (iinf, iloc, iref, pitm, idat).
/// </summary>
internal sealed class HeifMeta
{
    /// <summary>Meta boxes larger than this are refused; real ones are kilobytes (thumbnails live in mdat).</summary>
    public const int MaxMetaBytes = 64 << 20;

    private HeifMeta(byte[] bytes, BoxHeader box, List<BoxHeader> children)
    {
        Bytes = bytes;
        Box = box;
        Children = children;
    }

    /// <summary>The whole box as read, header included; child offsets below are relative to it.</summary>
    public byte[] Bytes { get; }

    /// <summary>The box's place in the file.</summary>
    public BoxHeader Box { get; }

    public List<BoxHeader> Children { get; }

    public ItemInfos Infos { get; private set; } = null!;

    public ItemLocations Locations { get; private set; } = null!;

    public ItemReferences References { get; private set; } = ItemReferences.Empty();

    public uint? PrimaryItemId { get; private set; }

    /// <summary>The idat child (construction method 1 offsets are relative to its data), if any.</summary>
    public BoxHeader? Idat { get; private set; }

    public static HeifMeta Read(Stream input, BoxHeader box)
    {
        if (box.Size > MaxMetaBytes)
        {
            throw new ContainerFormatException($"meta box of {box.Size} bytes is larger than the {MaxMetaBytes} this reader accepts", box.Offset);
        }

        input.Position = box.Offset;
        var bytes = new byte[box.Size];
        IO.StreamExtensions.ReadFully(input, bytes, "meta box");
        if (box.PayloadLength < 4)
        {
            throw new ContainerFormatException("meta box is too short for its version and flags", box.Offset);
        }

        // HEIF's meta is a FullBox: version and flags precede the children.
        var children = BoxHeader.ParseAll(bytes, box.HeaderLength + 4, bytes.Length);
        var meta = new HeifMeta(bytes, box, children);
        meta.ParseItems();
        return meta;
    }

    private void ParseItems()
    {
        if (!Children.Any(c => c.Type == "hdlr"))
        {
            throw new ContainerFormatException("meta box has no hdlr box", Box.Offset);
        }

        Infos = CopyInfos();
        Locations = CopyLocations();
        References = CopyReferences();
        if (Single("pitm") is { } pitm)
        {
            var reader = new BoxReader(Bytes, (int)pitm.PayloadOffset, (int)pitm.End, "pitm box");
            var version = reader.U8();
            reader.U8();
            reader.U16();
            PrimaryItemId = version == 0 ? reader.U16() : reader.U32();
        }

        Idat = Single("idat");
    }

    /// <summary>A fresh parse of iinf (an empty one when the box is absent), for a writer to change.</summary>
    public ItemInfos CopyInfos() => Single("iinf") is { } box ? ItemInfos.Parse(Bytes, box) : ItemInfos.Parse(EmptyIinf, BoxHeader.Parse(EmptyIinf, 0));

    /// <summary>A fresh parse of iloc (an empty version-0 one when the box is absent), for a writer to change.</summary>
    public ItemLocations CopyLocations() => Single("iloc") is { } box ? ItemLocations.Parse(Bytes, box) : ItemLocations.Parse(EmptyIloc, BoxHeader.Parse(EmptyIloc, 0));

    /// <summary>A fresh parse of iref (an empty one when the box is absent), for a writer to change.</summary>
    public ItemReferences CopyReferences() => Single("iref") is { } box ? ItemReferences.Parse(Bytes, box) : ItemReferences.Empty();

    /// <summary>The one child of a type; two of them make the item structure ambiguous.</summary>
    public BoxHeader? Single(string type)
    {
        var matches = Children.Where(c => c.Type == type).ToList();
        return matches.Count switch
        {
            0 => null,
            1 => matches[0],
            _ => throw new ContainerFormatException($"meta box holds {matches.Count} '{type}' boxes", Box.Offset + matches[1].Offset),
        };
    }

    /// <summary>The largest id in use by items, references and entity groups; a new item takes the next one.</summary>
    public uint LargestId()
    {
        var ids = Infos.Entries.Select(e => e.ItemId)
            .Concat(Locations.Items.Select(i => i.ItemId))
            .Concat(References.References.SelectMany(r => r.ToIds.Append(r.FromId)))
            .Append(PrimaryItemId ?? 0)
            .Concat(GroupIds());
        return ids.DefaultIfEmpty(0u).Max();
    }

    /// <summary>Entity group ids (grpl) share the item id space (ISO/IEC 14496-12 §8.18.3).</summary>
    private IEnumerable<uint> GroupIds()
    {
        if (Single("grpl") is not { } grpl)
        {
            yield break;
        }

        foreach (var group in BoxHeader.ParseAll(Bytes, (int)grpl.PayloadOffset, (int)grpl.End))
        {
            if (group.PayloadLength >= 8)
            {
                var reader = new BoxReader(Bytes, (int)group.PayloadOffset, (int)group.End, "entity group box");
                reader.U32(); // version and flags
                yield return reader.U32();
            }
        }
    }

    private static readonly byte[] EmptyIinf = [0, 0, 0, 14, (byte)'i', (byte)'i', (byte)'n', (byte)'f', 0, 0, 0, 0, 0, 0];

    private static readonly byte[] EmptyIloc = [0, 0, 0, 16, (byte)'i', (byte)'l', (byte)'o', (byte)'c', 0, 0, 0, 0, 0x44, 0x00, 0, 0];
}

namespace Qinglang.Labels.Carriers.Heif;

/// <summary>
/// Builds the rewritten meta box: iloc with moved and new locations, iinf and iref with the new XMP item when one is
/// added, idat with blanked label bytes; every other child box is kept byte for byte, in its place.
/// </summary>
internal static class HeifMetaWriter
{
    /// <param name="contents">New bytes per XMP item id, stored in this order from <paramref name="dataStart"/> on.</param>
    /// <param name="newItemId">The id of an XMP item to add, or null when an existing one was merged.</param>
    public static byte[] Build(HeifMeta meta, long fileLength, HeifLayout layout, IReadOnlyDictionary<uint, byte[]> contents, uint? newItemId, long dataStart, IReadOnlyList<ByteRange> idatBlanks)
    {
        var locations = meta.CopyLocations();
        foreach (var location in locations.Items.ToList())
        {
            if (!contents.ContainsKey(location.ItemId) && location.IsLocal && location.ConstructionMethod == 0)
            {
                locations.Set(layout.Relocate(location, fileLength));
            }
        }

        var at = dataStart;
        foreach (var (id, bytes) in contents)
        {
            ItemExtent[] extents = bytes.Length == 0 ? [] : [new ItemExtent(0, (ulong)at, (ulong)bytes.Length)];
            locations.Set(new ItemLocation(id, ConstructionMethod: 0, DataReferenceIndex: 0, BaseOffset: 0, extents));
            at += bytes.Length;
        }

        byte[]? infos = null;
        byte[]? references = null;
        var encoded = meta.Infos.Entries.Where(e => contents.ContainsKey(e.ItemId) && e.ContentEncoding.Length > 0).ToList();
        if (newItemId is not null || encoded.Count > 0)
        {
            // Rewritten items are stored plain, so their entries lose any content encoding.
            var infoBox = meta.CopyInfos();
            encoded.ForEach(e => infoBox.MakePlainXmp(e.ItemId));
            if (newItemId is { } added)
            {
                infoBox.AddXmp(added);
            }

            infos = infoBox.ToBox();
        }

        if (newItemId is { } addedId && meta.PrimaryItemId is { } primary)
        {
            // ISO/IEC 23008-12 §6.4.2: metadata items describe an image through a cdsc reference.
            var referenceBox = meta.CopyReferences();
            referenceBox.References.Add(new ItemReference("cdsc", addedId, [primary]));
            references = referenceBox.ToBox();
        }

        var body = new BoxWriter();
        var header = meta.Box.HeaderLength;
        body.Bytes(meta.Bytes.AsSpan(header, 4)); // version and flags
        foreach (var child in meta.Children)
        {
            var raw = meta.Bytes.AsSpan((int)child.Offset, (int)child.Size);
            switch (child.Type)
            {
                case "iloc":
                    body.Bytes(locations.ToBox());
                    break;
                case "iinf" when infos is not null:
                    body.Bytes(infos);
                    infos = null;
                    break;
                case "iref" when references is not null:
                    body.Bytes(references);
                    references = null;
                    break;
                case "idat" when idatBlanks.Count > 0:
                    var copy = raw.ToArray();
                    foreach (var blank in idatBlanks)
                    {
                        Array.Clear(copy, (int)(child.HeaderLength + blank.Start), (int)blank.Length);
                    }

                    if (child.SizeToEnd)
                    {
                        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(copy, (uint)child.Size);
                    }

                    body.Bytes(copy);
                    break;
                default:
                    body.Bytes(raw);
                    if (child.SizeToEnd)
                    {
                        // A size-0 child ("to the end of meta") would swallow boxes appended after it: give it its size.
                        var sizeAt = body.Length - raw.Length;
                        body.PatchU32(sizeAt, (uint)child.Size);
                    }

                    break;
            }
        }

        // Boxes the file lacked: a file with no items at all gets its first iinf/iloc, one with no references an iref.
        if (meta.Single("iloc") is null)
        {
            body.Bytes(locations.ToBox());
        }

        if (infos is not null)
        {
            body.Bytes(infos);
        }

        if (references is not null)
        {
            body.Bytes(references);
        }

        return body.ToBox("meta");
    }
}

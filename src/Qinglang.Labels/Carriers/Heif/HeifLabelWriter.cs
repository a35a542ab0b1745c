using Qinglang.Core;
using Qinglang.Labels.Carriers.IsoBmff;
using Qinglang.Labels.IO;
using Qinglang.Labels.Model;
using Qinglang.Labels.Xmp;

namespace Qinglang.Labels.Carriers.Heif;

/// <summary>
/// Writes a HEIF copy carrying one label. The label goes into one XMP item — the existing one, merged, or a new one
/// with a cdsc reference to the primary image — whose bytes go into an mdat appended at the end of the file, where
/// exiftool, libheif and ffmpeg all read them (construction method 0). Every other XMP item that held a label is
/// rewritten without it. The meta box is rewritten; every file offset behind it (iloc extents, track chunk offsets)
/// moves by exactly how far its bytes moved, so the images decode as before. Media data is stream-copied.
/// </summary>
internal static class HeifLabelWriter
{
    public static void Write(Stream input, Stream output, AigcLabel label)
    {
        var file = HeifFile.Open(input);
        var meta = file.Meta ?? throw new LabelingException(ProblemCodes.Unsupported, "HEIF file has no top-level meta box to hold an XMP item");
        if (file.Boxes.Any(b => b.Type == "moof"))
        {
            throw new LabelingException(ProblemCodes.Unsupported, "fragmented HEIF sequences (moof) are not relabeled");
        }

        var moovs = file.Boxes.Where(b => b.Type == "moov").ToList();
        if (moovs.Count > 1)
        {
            throw new ContainerFormatException("more than one moov box", moovs[1].Offset);
        }

        var tracks = moovs.Count == 1 ? HeifTracks.Read(input, moovs[0]) : null;
        var contents = NewContents(input, file, meta, label, tracks?.TrackIds ?? [], out var newItemId);
        var (removed, fileBlanks, idatBlanks) = OldHomes(file, meta, contents.Keys, tracks);

        // The meta box's size depends on the offsets it stores and they on its size: iterate to a fixed point.
        var payload = contents.Values.Aggregate(0L, (sum, c) => sum + c.Length);
        var metaLength = meta.Box.Size;
        HeifLayout layout;
        byte[] newMeta;
        for (var round = 0; ; round++)
        {
            layout = new HeifLayout(file.Boxes, meta.Box, metaLength, removed);
            var dataStart = layout.End + BoxHeader.ForPayload(BoxTypes.Mdat, payload).Length;
            newMeta = HeifMetaWriter.Build(meta, file.Length, layout, contents, newItemId, dataStart, idatBlanks);
            if (newMeta.Length == metaLength)
            {
                break;
            }

            if (round == 8)
            {
                throw new InvalidOperationException("meta box size did not settle");
            }

            metaLength = newMeta.Length;
        }

        CopyBoxes(input, output, file, meta, newMeta, tracks, layout, removed, fileBlanks);
        output.Write(BoxHeader.ForPayload(BoxTypes.Mdat, payload));
        foreach (var content in contents.Values)
        {
            output.Write(content);
        }
    }

    /// <summary>
    /// Where the rewritten items' old bytes are: an mdat holding nothing but one of them is dropped; other file bytes
    /// and idat bytes that no kept item (or track chunk) shares are blanked, so no stale label stays behind.
    /// </summary>
    private static (HashSet<long> Removed, List<ByteRange> FileBlanks, List<ByteRange> IdatBlanks) OldHomes(HeifFile file, HeifMeta meta, ICollection<uint> rewritten, HeifTracks? tracks)
    {
        var keptFileRanges = new List<ByteRange>();
        var keptIdatRanges = new List<ByteRange>();
        var idatLength = meta.Idat?.PayloadLength ?? 0;
        foreach (var location in meta.Locations.Items.Where(l => l.IsLocal && !rewritten.Contains(l.ItemId)))
        {
            if (location.ConstructionMethod == 0)
            {
                keptFileRanges.AddRange(ItemData.Ranges(location, file.Length));
            }
            else if (location.ConstructionMethod == 1)
            {
                keptIdatRanges.AddRange(ItemData.Ranges(location, idatLength));
            }
        }

        var chunkStarts = tracks?.Offsets.ToList() ?? [];
        var removed = new HashSet<long>();
        var fileBlanks = new List<ByteRange>();
        var idatBlanks = new List<ByteRange>();
        foreach (var id in rewritten)
        {
            if (meta.Locations.Find(id) is not { IsLocal: true } old)
            {
                continue;
            }

            if (old.ConstructionMethod == 1)
            {
                idatBlanks.AddRange(ItemData.Ranges(old, idatLength).Where(r => !keptIdatRanges.Any(r.Intersects)));
                continue;
            }

            if (old.ConstructionMethod != 0)
            {
                continue;
            }

            foreach (var range in ItemData.Ranges(old, file.Length))
            {
                var index = file.Boxes.FindIndex(b => range.Start >= b.Offset && range.Start < b.End);
                if (index < 0)
                {
                    continue;
                }

                var box = file.Boxes[index];
                var span = new ByteRange(box.Offset, box.Size);
                var shared = keptFileRanges.Any(span.Intersects) || chunkStarts.Any(c => c >= span.Start && c < span.End);
                if (box.Type == "mdat" && range.Start == box.PayloadOffset && range.End == box.End && !shared)
                {
                    removed.Add(box.Offset);
                }
                else if (box.Type is not ("meta" or "moov" or "ftyp") && span.Contains(range) && !keptFileRanges.Any(range.Intersects))
                {
                    fileBlanks.Add(range);
                }
            }
        }

        return (removed, fileBlanks, idatBlanks);
    }

    /// <summary>
    /// The new bytes of every XMP item that changes, keyed by item id: the merge target (existing or new) and every
    /// other readable XMP item that carried a label (rewritten without it; emptied when it is not well-formed).
    /// </summary>
    private static SortedDictionary<uint, byte[]> NewContents(Stream input, HeifFile file, HeifMeta meta, AigcLabel label, List<uint> trackIds, out uint? newItemId)
    {
        var packets = new List<(XmpItem Item, byte[] Packet, bool Labeled)>();
        foreach (var item in file.XmpItems().Where(i => HeifFile.Unreadable(i) is null))
        {
            var packet = file.ReadXmp(input, item);
            packets.Add((item, packet, XmpLabel.ReadSites(packet, "", new List<Finding>()).Any()));
        }

        var describesPrimary = meta.References.References
            .Where(r => r.Type == "cdsc" && meta.PrimaryItemId is { } primary && r.ToIds.Contains(primary))
            .Select(r => r.FromId)
            .ToHashSet();
        var target = packets.Where(p => p.Labeled)
            .Concat(packets.Where(p => describesPrimary.Contains(p.Item.Info.ItemId)))
            .Concat(packets)
            .Select(p => ((XmpItem Item, byte[] Packet, bool Labeled)?)p)
            .FirstOrDefault();

        var contents = new SortedDictionary<uint, byte[]>();
        var json = LabelJson.Serialize(label);
        newItemId = null;
        if (target is { } found)
        {
            contents[found.Item.Info.ItemId] = XmpLabel.Merge(found.Packet, json, padding: 0);
        }
        else
        {
            var largest = Math.Max(meta.LargestId(), trackIds.DefaultIfEmpty(0u).Max());
            newItemId = largest < uint.MaxValue ? largest + 1 : throw new LabelingException(ProblemCodes.Unsupported, "no item id is left for an XMP item");
            contents[newItemId.Value] = XmpLabel.Merge(ReadOnlySpan<byte>.Empty, json, padding: 0);
        }

        foreach (var (item, packet, labeled) in packets)
        {
            if (labeled && !contents.ContainsKey(item.Info.ItemId))
            {
                contents[item.Info.ItemId] = XmpLabel.Remove(packet) ?? [];
            }
        }

        return contents;
    }

    /// <summary>Copies every kept top-level box: meta replaced, moov with moved chunk offsets, the rest streamed.</summary>
    private static void CopyBoxes(Stream input, Stream output, HeifFile file, HeifMeta meta, byte[] newMeta, HeifTracks? tracks, HeifLayout layout, HashSet<long> removed, List<ByteRange> blanks)
    {
        foreach (var box in file.Boxes)
        {
            if (removed.Contains(box.Offset))
            {
                continue;
            }

            if (box.Offset == meta.Box.Offset)
            {
                output.Write(newMeta);
                continue;
            }

            if (tracks is not null && box.Offset == tracks.Box.Offset)
            {
                output.Write(tracks.Patched(offset => layout.Map(new ByteRange(offset, 0))));
                continue;
            }

            input.Position = box.Offset;
            var from = box.Offset;
            if (box.SizeToEnd)
            {
                // A box "to the end of the file" would swallow the appended mdat: give it its real size.
                if (box.Size > uint.MaxValue)
                {
                    throw new LabelingException(ProblemCodes.Unsupported, $"'{box.Type}' box runs to the end of a file larger than 4 GiB");
                }

                var header = new byte[box.HeaderLength];
                input.ReadFully(header, "box header");
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(header, (uint)box.Size);
                output.Write(header);
                from = box.PayloadOffset;
            }

            CopyWithBlanks(input, output, from, box.End, blanks);
        }
    }

    /// <summary>Streams [from, to) to the output, writing zeros over the blanked ranges.</summary>
    private static void CopyWithBlanks(Stream input, Stream output, long from, long to, List<ByteRange> blanks)
    {
        var position = from;
        foreach (var blank in blanks.Where(b => b.Start >= from && b.End <= to).OrderBy(b => b.Start))
        {
            if (blank.Start > position)
            {
                input.Position = position;
                input.CopyRange(output, blank.Start - position, "media data");
                position = blank.Start;
            }

            if (blank.End > position)
            {
                output.Write(new byte[blank.End - position]);
                position = blank.End;
            }
        }

        input.Position = position;
        input.CopyRange(output, to - position, "media data");
    }
}

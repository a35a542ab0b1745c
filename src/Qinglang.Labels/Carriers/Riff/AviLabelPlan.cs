using Qinglang.Labels.Model;

namespace Qinglang.Labels.Carriers.Riff;

/// <summary>
/// Where an AVI label goes, as patches that never move the movi list, idx1 or any OpenDML chunk.
/// </summary>
/// <param name="Patches">The new INFO list's patch first, then patches that remove older label sites.</param>
/// <param name="InPlace">True when every patch keeps its length (the file can be edited where it lies).</param>
internal sealed record AviLabelPlan(IReadOnlyList<RiffPatch> Patches, bool InPlace)
{
    public static AviLabelPlan Make(Stream input, AigcLabel label)
    {
        var layout = AviLayout.Read(input);
        var primary = layout.Primary;
        var kept = primary is { } p ? RiffInfoList.Read(input, p).Where(e => !e.IsLabel).ToList() : [];
        var newInfo = RiffInfoList.Build([.. kept, RiffInfoList.LabelEntry(LabelJson.Serialize(label))]);

        var removals = new List<RiffPatch>();
        foreach (var xmp in layout.XmpChunks)
        {
            if (RiffXmpChunk.WithoutLabelSameLength(input, xmp) is { } cleaned)
            {
                removals.Add(RiffPatch.Overwrite(xmp, cleaned));
            }
        }

        foreach (var list in layout.InfoLists.Where(l => l != primary))
        {
            if (WithoutLabel(input, list) is { } cleaned)
            {
                removals.Add(cleaned);
            }
        }

        if (FindRoom(layout, newInfo.Length) is { } room)
        {
            var host = new RiffPatch(room.Start, room.End, [.. newInfo, .. Filler(room.End - room.Start - newInfo.Length)]);
            if (primary is { } old && (old.Offset < room.Start || old.End > room.End))
            {
                removals.Add(RiffPatch.Overwrite(old, Filler(old.End - old.Offset)));
            }

            return new AviLabelPlan([host, .. removals], InPlace: true);
        }

        return AppendAtEnd(layout, newInfo, removals);
    }

    /// <summary>
    /// No room in place: the new list goes at the end of the first RIFF chunk (after idx1, where ffmpeg and other
    /// readers still find INFO), replacing the INFO and JUNK chunks that already end it.
    /// </summary>
    private static AviLabelPlan AppendAtEnd(AviLayout layout, byte[] newInfo, List<RiffPatch> removals)
    {
        if (layout.Followers.Count > 0)
        {
            throw new LabelingException(ProblemCodes.Unsupported,
                $"this OpenDML AVI has no JUNK room for a {newInfo.Length}-byte INFO list, and growing its first RIFF chunk " +
                $"would move the {layout.Followers.Count} RIFF 'AVIX' chunk(s) that its indexes address by absolute offset");
        }

        var primary = layout.Primary;
        var children = layout.Children;
        var tailStart = children.Count;
        while (tailStart > 0 && IsReusable(children[tailStart - 1], primary))
        {
            tailStart--;
        }

        var cut = tailStart < children.Count ? children[tailStart].Offset : children.Count > 0 ? children[^1].End : RiffHeader.ChildrenOffset;
        byte[] tail = tailStart == children.Count && children.Count > 0 && children[^1].PadMissing ? [0, .. newInfo] : newInfo;
        if (primary is { } old && old.Offset < cut)
        {
            removals.Add(RiffPatch.Overwrite(old, Filler(old.End - old.Offset)));
        }

        var newSize = cut + tail.Length - 8;
        return new AviLabelPlan([new RiffPatch(cut, layout.First.End, tail), new RiffPatch(4, 8, RiffWriter.Size32(newSize)), .. removals], InPlace: false);
    }

    /// <summary>
    /// A run of adjacent top-level chunks the new list may overwrite (the primary INFO list and JUNK) that it fits,
    /// exactly or with at least 8 bytes left for a JUNK header. The run around the existing list is preferred.
    /// </summary>
    private static (long Start, long End)? FindRoom(AviLayout layout, int length)
    {
        var primary = layout.Primary;
        var runs = new List<(long Start, long End, bool HasPrimary)>();
        (long Start, long End, bool HasPrimary)? current = null;
        foreach (var chunk in layout.Children)
        {
            if (!IsReusable(chunk, primary) || chunk.PadMissing)
            {
                if (current is { } done)
                {
                    runs.Add(done);
                }

                current = null;
                continue;
            }

            current = current is { } run ? (run.Start, chunk.End, run.HasPrimary || chunk == primary) : (chunk.Offset, chunk.End, chunk == primary);
        }

        if (current is { } last)
        {
            runs.Add(last);
        }

        foreach (var run in runs.OrderByDescending(r => r.HasPrimary))
        {
            var span = run.End - run.Start;
            if (span == length || span >= length + 8)
            {
                return (run.Start, run.End);
            }
        }

        return null;
    }

    private static bool IsReusable(RiffChunk chunk, RiffChunk? primary) => chunk.Id == "JUNK" || chunk == primary;

    /// <summary>An INFO list other than the primary, rewritten in place without its label children (JUNK fills the gap).</summary>
    private static RiffPatch? WithoutLabel(Stream input, RiffChunk list)
    {
        var entries = RiffInfoList.Read(input, list);
        if (!entries.Any(e => e.IsLabel))
        {
            return null;
        }

        if (list.PadMissing)
        {
            throw new ContainerFormatException($"{list} lacks its pad byte; refusing to rewrite it in place", list.Offset);
        }

        var kept = entries.Where(e => !e.IsLabel).ToList();
        byte[] rebuilt = kept.Count > 0 ? RiffInfoList.Build(kept) : [];
        return RiffPatch.Overwrite(list, [.. rebuilt, .. Filler(list.End - list.Offset - rebuilt.Length)]);
    }

    /// <summary>Zero-filled JUNK of exactly <paramref name="length"/> bytes (0 or an even length of at least 8).</summary>
    private static byte[] Filler(long length) => length switch
    {
        0 => [],
        >= 8 when (length & 1) == 0 => RiffWriter.Junk(length),
        _ => throw new ContainerFormatException($"a {length}-byte gap (an odd chunk without its pad byte) cannot be filled with JUNK"),
    };
}

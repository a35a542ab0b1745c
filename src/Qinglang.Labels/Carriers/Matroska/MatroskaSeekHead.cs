namespace Qinglang.Labels.Carriers.Matroska;

/// <summary>
/// SeekHead entries (Seek: SeekID + SeekPosition, relative to the Segment's data start). Readers such as ffmpeg find
/// level-1 elements after the first Cluster only through these, so a moved Tags element must be pointed to here.
/// </summary>
internal static class MatroskaSeekHead
{
    /// <summary>A SeekHead larger than this is not read into memory.</summary>
    public const int MaxSeekHeadSize = 1 << 20;

    private static readonly byte[] TagsIdBytes = [0x12, 0x54, 0xC3, 0x67];

    /// <summary>Positions of the Tags entries.</summary>
    public static IEnumerable<ulong> TagsPositions(EbmlNode seekHead) =>
        TagsEntries(seekHead).Select(e => e.Position?.Unsigned ?? ulong.MaxValue);

    /// <summary>
    /// Points every Tags entry whose position is in <paramref name="oldPositions"/> at <paramref name="newPosition"/>,
    /// keeping the field's width where the new value fits it. True when any byte changed.
    /// </summary>
    public static bool Repoint(EbmlNode seekHead, IReadOnlySet<ulong> oldPositions, ulong newPosition)
    {
        var changed = false;
        foreach (var (seek, position) in TagsEntries(seekHead))
        {
            if (position is null || !oldPositions.Contains(position.Unsigned) || position.Unsigned == newPosition)
            {
                continue;
            }

            var replacement = EbmlNode.UnsignedValue(MatroskaIds.SeekPosition, newPosition, position.Data!.Length);
            seek.Children![seek.Children.IndexOf(position)] = replacement;
            changed = true;
        }

        return changed;
    }

    /// <summary>Adds a Tags entry (for a Tags element placed after the first Cluster, which readers would not reach).</summary>
    public static void AddTagsEntry(EbmlNode seekHead, ulong position) =>
        seekHead.Children!.Add(new EbmlNode(MatroskaIds.Seek,
        [
            new EbmlNode(MatroskaIds.SeekId, [.. TagsIdBytes]),
            EbmlNode.UnsignedValue(MatroskaIds.SeekPosition, position),
        ]));

    private static IEnumerable<(EbmlNode Seek, EbmlNode? Position)> TagsEntries(EbmlNode seekHead) =>
        seekHead.ChildrenWithId(MatroskaIds.Seek)
            .Where(s => s.Child(MatroskaIds.SeekId)?.Data is { } id && id.AsSpan().SequenceEqual(TagsIdBytes))
            .Select(s => (s, s.Child(MatroskaIds.SeekPosition)))
            .ToList();
}
